// The part of the untyped npm `quantum-circuit` package the simulator benchmark uses.
declare module 'quantum-circuit' {
  export default class QuantumCircuit {
    constructor(numQubits?: number);
    numQubits: number;
    /** Sparse state: basis index (as a string) → amplitude. */
    state: Record<string, { re: number; im: number }>;
    importQASM(source: string, errorCallback?: (errors: unknown[]) => void): void;
    run(): void;
    /** Bit strings (qubit n-1 first) → counts. */
    measureAllMultishot(shots: number): Record<string, number>;
  }
}
