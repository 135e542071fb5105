import { Matrix, MatrixEntry } from '../../analysis';

// The matrix formats write row by row through `write` in chunks (format/connections.ts
// `chunked`): with hundreds of external addresses a matrix has millions of cells, more text than
// one JavaScript string holds.

/** Every cell in `entries()` order (from, then to, then port), without building them all. */
export function forEachEntry(matrix: Matrix, f: (e: MatrixEntry) => void): void {
  const names = matrix.endpoints;
  for (const from of names) {
    for (const to of names) {
      if (to === from) continue;
      for (const p of matrix.ports) f({ from, to, port: p.port, protocol: p.protocol!, allowed: matrix.isAllowed(from, to, p.port, p.protocol) });
    }
  }
}

/** What a streaming format wrote, as one string (for small matrices and tests). */
export function collect(format: (write: (text: string) => void) => void): string {
  const parts: string[] = [];
  format((s) => parts.push(s));
  return parts.join('');
}
