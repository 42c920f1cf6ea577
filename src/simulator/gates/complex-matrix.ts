/**
 * Small dense complex matrices (gate unitaries, at most a few qubits wide).
 *
 * Layout: row-major, interleaved re/im, entry (r, c) at `2 * (r * dim + c)`. For a gate on qubits
 * `[q0, q1, ...]`, bit j of a row or column index is the state of `qj`, Qiskit's little-endian
 * convention, so `Operator(gate).data` from Qiskit and these matrices agree entry for entry.
 */

/** A dense complex matrix; see the module comment for the layout. */
export type ComplexMatrix = Float64Array;

/** The dimension of a square matrix. */
export function matrixDim(m: ComplexMatrix): number {
  return Math.round(Math.sqrt(m.length / 2));
}

/** Builds a matrix from rows of `[re, im]` pairs or plain reals (convenient for gate tables). */
export function fromRows(rows: ReadonlyArray<ReadonlyArray<number | readonly [number, number]>>): ComplexMatrix {
  const dim = rows.length;
  const m = new Float64Array(2 * dim * dim);
  rows.forEach((row, r) => {
    if (row.length !== dim) throw new Error(`row ${r} has ${row.length} entries, expected ${dim}`);
    row.forEach((entry, c) => {
      const [re, im] = typeof entry === 'number' ? [entry, 0] : entry;
      m[2 * (r * dim + c)] = re;
      m[2 * (r * dim + c) + 1] = im;
    });
  });
  return m;
}

/** The dim × dim identity. */
export function identity(dim: number): ComplexMatrix {
  const m = new Float64Array(2 * dim * dim);
  for (let i = 0; i < dim; i++) m[2 * (i * dim + i)] = 1;
  return m;
}

/** The product `a · b` (apply b first, then a). */
export function multiply(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  const dim = matrixDim(a);
  const out = new Float64Array(a.length);
  for (let r = 0; r < dim; r++) {
    for (let k = 0; k < dim; k++) {
      const ar = a[2 * (r * dim + k)]!;
      const ai = a[2 * (r * dim + k) + 1]!;
      if (ar === 0 && ai === 0) continue;
      for (let c = 0; c < dim; c++) {
        const br = b[2 * (k * dim + c)]!;
        const bi = b[2 * (k * dim + c) + 1]!;
        out[2 * (r * dim + c)] = out[2 * (r * dim + c)]! + ar * br - ai * bi;
        out[2 * (r * dim + c) + 1] = out[2 * (r * dim + c) + 1]! + ar * bi + ai * br;
      }
    }
  }
  return out;
}

/** The conjugate transpose. */
export function adjoint(m: ComplexMatrix): ComplexMatrix {
  const dim = matrixDim(m);
  const out = new Float64Array(m.length);
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      out[2 * (c * dim + r)] = m[2 * (r * dim + c)]!;
      out[2 * (c * dim + r) + 1] = -m[2 * (r * dim + c) + 1]!;
    }
  }
  return out;
}

/** `m · (re + i im)`. */
export function scale(m: ComplexMatrix, re: number, im: number): ComplexMatrix {
  const out = new Float64Array(m.length);
  for (let i = 0; i < m.length; i += 2) {
    out[i] = m[i]! * re - m[i + 1]! * im;
    out[i + 1] = m[i]! * im + m[i + 1]! * re;
  }
  return out;
}

/**
 * The matrix of a gate with `numControls` extra control qubits prepended to its qubit list
 * (controls take the low bits, so `controlled(X, 1)` is CX with the control as first qubit).
 * `controlStates[j]` = 0 makes control j fire on |0> instead of |1>.
 */
export function controlled(target: ComplexMatrix, numControls: number, controlStates?: readonly number[]): ComplexMatrix {
  const tdim = matrixDim(target);
  const cdim = 1 << numControls;
  const dim = tdim * cdim;
  let fire = 0;
  for (let j = 0; j < numControls; j++) if ((controlStates?.[j] ?? 1) === 1) fire |= 1 << j;
  const out = new Float64Array(2 * dim * dim);
  for (let r = 0; r < dim; r++) {
    const rc = r & (cdim - 1);
    const rt = r >> numControls;
    for (let c = 0; c < dim; c++) {
      const cc = c & (cdim - 1);
      const ct = c >> numControls;
      if (rc !== cc) continue;
      const at = 2 * (r * dim + c);
      if (rc === fire) {
        out[at] = target[2 * (rt * tdim + ct)]!;
        out[at + 1] = target[2 * (rt * tdim + ct) + 1]!;
      } else if (rt === ct) {
        out[at] = 1;
      }
    }
  }
  return out;
}

/**
 * Expands `m`, acting on `opQubits`, to the space of `blockQubits` (which must contain them), as
 * `m ⊗ I` with the bits placed where each qubit sits in `blockQubits`.
 */
export function embed(m: ComplexMatrix, opQubits: readonly number[], blockQubits: readonly number[]): ComplexMatrix {
  const k = opQubits.length;
  const dim = 1 << blockQubits.length;
  const odim = 1 << k;
  const positions = opQubits.map((q) => {
    const p = blockQubits.indexOf(q);
    if (p < 0) throw new Error(`qubit ${q} is not in the block`);
    return p;
  });
  let opMask = 0;
  for (const p of positions) opMask |= 1 << p;
  const sub = (index: number): number => {
    let s = 0;
    for (let j = 0; j < k; j++) s |= ((index >> positions[j]!) & 1) << j;
    return s;
  };
  const out = new Float64Array(2 * dim * dim);
  for (let r = 0; r < dim; r++) {
    const rs = sub(r);
    for (let c = 0; c < dim; c++) {
      if ((r & ~opMask) !== (c & ~opMask)) continue;
      const src = 2 * (rs * odim + sub(c));
      out[2 * (r * dim + c)] = m[src]!;
      out[2 * (r * dim + c) + 1] = m[src + 1]!;
    }
  }
  return out;
}

/**
 * If every row and column holds exactly one non-zero entry, returns `perm` with `perm[c]` = the row
 * of column c's entry (the basis state |c> goes to |perm[c]>); otherwise undefined.
 */
export function permutationOf(m: ComplexMatrix): Int32Array | undefined {
  const dim = matrixDim(m);
  const perm = new Int32Array(dim).fill(-1);
  const rowUsed = new Uint8Array(dim);
  for (let c = 0; c < dim; c++) {
    for (let r = 0; r < dim; r++) {
      if (m[2 * (r * dim + c)] === 0 && m[2 * (r * dim + c) + 1] === 0) continue;
      if (perm[c] !== -1 || rowUsed[r]) return undefined;
      perm[c] = r;
      rowUsed[r] = 1;
    }
    if (perm[c] === -1) return undefined;
  }
  return perm;
}

/** Largest entry-wise distance between two matrices of the same size. */
export function maxDistance(a: ComplexMatrix, b: ComplexMatrix): number {
  let d = 0;
  for (let i = 0; i < a.length; i += 2) {
    d = Math.max(d, Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!));
  }
  return d;
}

/**
 * `m^exponent` for a unitary `m`, on the principal branch (eigenphases in (-π, π]), as OpenQASM's
 * `pow(k) @` defines it. Integer exponents use repeated squaring; others an eigendecomposition.
 */
export function unitaryPower(m: ComplexMatrix, exponent: number): ComplexMatrix {
  if (Number.isInteger(exponent)) {
    let base = exponent < 0 ? adjoint(m) : m;
    let e = Math.abs(exponent);
    let result = identity(matrixDim(m));
    while (e > 0) {
      if (e & 1) result = multiply(base, result);
      base = multiply(base, base);
      e = Math.floor(e / 2);
    }
    return result;
  }
  const { vectors, phases } = unitaryEigen(m);
  const dim = matrixDim(m);
  const out = new Float64Array(2 * dim * dim);
  for (let j = 0; j < dim; j++) {
    const a = phases[j]! * exponent;
    const lr = Math.cos(a);
    const li = Math.sin(a);
    // out += λ^t v v†
    for (let r = 0; r < dim; r++) {
      const vr = vectors[2 * (r * dim + j)]!;
      const vi = vectors[2 * (r * dim + j) + 1]!;
      const pr = lr * vr - li * vi;
      const pi = lr * vi + li * vr;
      for (let c = 0; c < dim; c++) {
        const wr = vectors[2 * (c * dim + j)]!;
        const wi = -vectors[2 * (c * dim + j) + 1]!;
        out[2 * (r * dim + c)] = out[2 * (r * dim + c)]! + pr * wr - pi * wi;
        out[2 * (r * dim + c) + 1] = out[2 * (r * dim + c) + 1]! + pr * wi + pi * wr;
      }
    }
  }
  return out;
}

/**
 * Eigenvectors (columns of `vectors`) and eigenphases of a unitary. A unitary is normal, so it
 * shares its eigenvectors with the Hermitian `a·(U+U†)/2 + b·(U−U†)/2i`; for generic a, b that
 * matrix separates U's distinct eigenvalues, and the Hermitian problem is solved by Jacobi
 * rotations on its real symmetric 2n×2n embedding.
 */
function unitaryEigen(u: ComplexMatrix): { vectors: ComplexMatrix; phases: Float64Array } {
  const dim = matrixDim(u);
  const weights: Array<[number, number]> = [
    [0.7548776662466927, 0.5698402909980532],
    [0.3247179572447460, 0.9458101731658301],
    [0.8812714876098212, 0.1379782532019183],
  ];
  for (const [a, b] of weights) {
    // H = A + iB with A = a·Re-part-of-Hermitian-sum + b·..., built entry by entry.
    const sym = new Float64Array(4 * dim * dim);
    const n2 = 2 * dim;
    for (let r = 0; r < dim; r++) {
      for (let c = 0; c < dim; c++) {
        const ur = u[2 * (r * dim + c)]!;
        const ui = u[2 * (r * dim + c) + 1]!;
        const vr = u[2 * (c * dim + r)]!; // U† entry (r,c) = conj(U(c,r))
        const vi = -u[2 * (c * dim + r) + 1]!;
        // (U+U†)/2 and (U−U†)/(2i)
        const h1r = (ur + vr) / 2;
        const h1i = (ui + vi) / 2;
        const h2r = (ui - vi) / 2;
        const h2i = -(ur - vr) / 2;
        const hr = a * h1r + b * h2r;
        const hi = a * h1i + b * h2i;
        sym[r * n2 + c] = hr;
        sym[(r + dim) * n2 + (c + dim)] = hr;
        sym[(r + dim) * n2 + c] = hi;
        sym[r * n2 + (c + dim)] = -hi;
      }
    }
    const realVectors = jacobiSymmetric(sym, n2);
    // Each real eigenvector [x; y] gives the complex eigenvector x + iy; there are twice as many as
    // needed. Pivoted Gram-Schmidt (always take the candidate with the largest residual) extracts an
    // orthonormal basis even inside degenerate eigenspaces.
    const candidates: Float64Array[] = [];
    for (let j = 0; j < n2; j++) {
      const cand = new Float64Array(2 * dim);
      for (let r = 0; r < dim; r++) {
        cand[2 * r] = realVectors[r * n2 + j]!;
        cand[2 * r + 1] = realVectors[(r + dim) * n2 + j]!;
      }
      candidates.push(cand);
    }
    const vectors = new Float64Array(2 * dim * dim);
    let found = 0;
    while (found < dim) {
      let best = -1;
      let bestNorm = 1e-6;
      candidates.forEach((cand, j) => {
        let norm = 0;
        for (let r = 0; r < 2 * dim; r++) norm += cand[r]! * cand[r]!;
        if (norm > bestNorm) {
          bestNorm = norm;
          best = j;
        }
      });
      if (best < 0) break;
      const pick = candidates.splice(best, 1)[0]!;
      const norm = Math.sqrt(bestNorm);
      for (let r = 0; r < dim; r++) {
        vectors[2 * (r * dim + found)] = pick[2 * r]! / norm;
        vectors[2 * (r * dim + found) + 1] = pick[2 * r + 1]! / norm;
      }
      for (const cand of candidates) {
        // cand -= <w, cand> w
        let pr = 0;
        let pi = 0;
        for (let r = 0; r < dim; r++) {
          const wr = vectors[2 * (r * dim + found)]!;
          const wi = vectors[2 * (r * dim + found) + 1]!;
          pr += wr * cand[2 * r]! + wi * cand[2 * r + 1]!;
          pi += wr * cand[2 * r + 1]! - wi * cand[2 * r]!;
        }
        for (let r = 0; r < dim; r++) {
          const wr = vectors[2 * (r * dim + found)]!;
          const wi = vectors[2 * (r * dim + found) + 1]!;
          cand[2 * r] = cand[2 * r]! - (pr * wr - pi * wi);
          cand[2 * r + 1] = cand[2 * r + 1]! - (pr * wi + pi * wr);
        }
      }
      found++;
    }
    if (found < dim) continue;
    // Eigenvalues λ_j = v_j† U v_j; check U v_j = λ_j v_j, otherwise the weights hit a coincidence.
    const phases = new Float64Array(dim);
    let ok = true;
    for (let j = 0; j < dim && ok; j++) {
      let lr = 0;
      let li = 0;
      const uv = new Float64Array(2 * dim);
      for (let r = 0; r < dim; r++) {
        let sr = 0;
        let si = 0;
        for (let c = 0; c < dim; c++) {
          const mr = u[2 * (r * dim + c)]!;
          const mi = u[2 * (r * dim + c) + 1]!;
          const vr = vectors[2 * (c * dim + j)]!;
          const vi = vectors[2 * (c * dim + j) + 1]!;
          sr += mr * vr - mi * vi;
          si += mr * vi + mi * vr;
        }
        uv[2 * r] = sr;
        uv[2 * r + 1] = si;
        const wr = vectors[2 * (r * dim + j)]!;
        const wi = vectors[2 * (r * dim + j) + 1]!;
        lr += wr * sr + wi * si;
        li += wr * si - wi * sr;
      }
      for (let r = 0; r < dim; r++) {
        const vr = vectors[2 * (r * dim + j)]!;
        const vi = vectors[2 * (r * dim + j) + 1]!;
        if (Math.hypot(uv[2 * r]! - (lr * vr - li * vi), uv[2 * r + 1]! - (lr * vi + li * vr)) > 1e-9) ok = false;
      }
      phases[j] = Math.atan2(li, lr);
      // atan2 returns (-π, π]; -π only arises from a signed zero, which the principal branch maps to π.
      if (phases[j] === -Math.PI) phases[j] = Math.PI;
    }
    if (ok) return { vectors, phases };
  }
  throw new Error('eigendecomposition of the unitary did not converge');
}

/** Cyclic Jacobi eigenvalue iteration; returns the eigenvectors as columns (row-major n×n). */
function jacobiSymmetric(a: Float64Array, n: number): Float64Array {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return v;
}
