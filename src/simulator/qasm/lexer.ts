/**
 * Tokenizer for OpenQASM 2 and 3. Positions are 1-based line and column (in UTF-16 code units, as
 * editors show them), so every later error can point at the offending character.
 */
import { QasmSyntaxError } from '../errors.js';

export type TokenKind =
  | 'identifier'
  | 'hardwareQubit' // $0, $17
  | 'integer'
  | 'float'
  | 'duration' // 100ns, 2.5us, 8dt
  | 'string'
  | 'symbol'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The source text; for strings without quotes, for numbers without `_` separators. */
  readonly text: string;
  /** Numeric value of integer, float, duration and hardware-qubit tokens. */
  readonly value: number;
  readonly line: number;
  readonly column: number;
}

// Longest first, so `**` wins over `*` and `->` over `-`.
const SYMBOLS = [
  '**', '==', '!=', '<=', '>=', '&&', '||', '<<', '>>', '->', '++',
  ';', ',', '(', ')', '[', ']', '{', '}', ':', '=', '<', '>', '+', '-', '*', '/', '%', '!', '~',
  '&', '|', '^', '@',
];

const DURATION_UNITS = ['ns', 'us', 'µs', 'ms', 's', 'dt'];

function isIdentifierStart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0x80;
}
function isIdentifierPart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return isIdentifierStart(ch) || (c >= 48 && c <= 57);
}
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** Splits OpenQASM source into tokens, ending with an `eof` token. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const col = (at: number): number => at - lineStart + 1;
  const fail = (detail: string, at: number): never => {
    throw new QasmSyntaxError(detail, line, col(at));
  };
  let startCol = 1;
  const push = (kind: TokenKind, text: string, value = Number.NaN): void => {
    tokens.push({ kind, text, value, line, column: startCol });
  };
  const failNumber = (detail: string, at: number): never => fail(detail, at);

  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') {
      i++;
      continue;
    }
    if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (source.startsWith('#pragma', i)) {
      // Pragmas are hints for other tools; they never change the simulated result.
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (source.startsWith('/*', i)) {
      const startLine = line;
      const startCol = col(i);
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new QasmSyntaxError('unterminated block comment', startLine, startCol);
      for (let k = i; k < end; k++) {
        if (source[k] === '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      i = end + 2;
      continue;
    }
    startCol = col(i);

    if (ch === '"' || ch === "'") {
      const end = source.indexOf(ch, i + 1);
      const newline = source.indexOf('\n', i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) fail('unterminated string literal', i);
      push('string', source.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (ch === '$') {
      let j = i + 1;
      while (isDigit(source[j])) j++;
      if (j === i + 1) fail("expected a hardware qubit number after '$'", i);
      push('hardwareQubit', source.slice(i, j), Number(source.slice(i + 1, j)));
      i = j;
      continue;
    }
    if (isDigit(ch) || (ch === '.' && isDigit(source[i + 1]))) {
      i = lexNumber(source, i, push, failNumber);
      continue;
    }
    if (isIdentifierStart(ch)) {
      let j = i + 1;
      while (j < source.length && isIdentifierPart(source[j]!)) j++;
      push('identifier', source.slice(i, j));
      i = j;
      continue;
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (symbol === undefined) fail(`unexpected character '${ch}'`, i);
    push('symbol', symbol!);
    i += symbol!.length;
  }
  tokens.push({ kind: 'eof', text: '', value: Number.NaN, line, column: col(i) });
  return tokens;
}

/** Lexes an integer, float or duration literal starting at `i`; returns the index after it. */
function lexNumber(
  source: string,
  i: number,
  push: (kind: TokenKind, text: string, value?: number) => void,
  fail: (detail: string, at: number) => never,
): number {
  const radix = /^0[xXbBoO]/.exec(source.slice(i, i + 2));
  if (radix) {
    const base = { x: 16, b: 2, o: 8 }[radix[0][1]!.toLowerCase() as 'x' | 'b' | 'o'];
    const digits = /^[0-9A-Fa-f_]*/.exec(source.slice(i + 2))![0];
    const clean = digits.replace(/_/g, '');
    const value = Number.parseInt(clean, base);
    if (clean === '' || Number.isNaN(value) || !/^[0-9A-Fa-f]+$/.test(clean)) fail('malformed integer literal', i);
    push('integer', source.slice(i, i + 2 + digits.length), value);
    return i + 2 + digits.length;
  }
  const match = /^(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?/.exec(source.slice(i))!;
  const raw = match[0];
  const clean = raw.replace(/_/g, '');
  const value = Number(clean);
  if (Number.isNaN(value)) fail(`malformed number '${raw}'`, i);
  let j = i + raw.length;
  const unit = DURATION_UNITS.find(
    (u) => source.startsWith(u, j) && !(j + u.length < source.length && /[A-Za-z0-9_]/.test(source[j + u.length]!)),
  );
  if (unit !== undefined) {
    push('duration', raw + unit, value);
    return j + unit.length;
  }
  const isFloat = /[.eE]/.test(clean);
  push(isFloat ? 'float' : 'integer', clean, value);
  return j;
}
