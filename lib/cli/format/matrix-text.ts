import { Matrix } from '../../analysis';
import { escapeControlChars } from '../../model/untrusted-text';
import { Style } from '../style';
import { chunked } from './connections';
import { collect } from './matrix-stream';

/**
 * One grid per port. Endpoints are numbered (the legend gives the names) so the grid stays
 * narrow: `✓` allowed, `✗` denied, `–` the endpoint itself (as in every format: Markdown, graph HTML).
 * Names are shown with control characters escaped. Written row by row.
 */
export function writeMatrixText(matrix: Matrix, style: Style, write: (text: string) => void): void {
  const out = chunked(write);
  const names = matrix.endpoints;
  const shown = names.map(escapeControlChars);
  const w = String(names.length).length;
  const nameW = shown.reduce((m, n) => Math.max(m, n.length), 4);
  const self = style.dim('–'.padStart(w));
  const yes = style.green('✓'.padStart(w));
  const no = style.red('✗'.padStart(w));
  for (const p of matrix.ports) {
    out.add(`${style.bold(`${p.port}/${p.protocol}`)}${style.dim('  (rows: from, columns: to; ✓ allowed, ✗ denied)')}\n`);
    out.add(`${' '.repeat(w + 1 + nameW)} ${names.map((_, j) => String(j + 1).padStart(w)).join(' ')}\n`);
    names.forEach((from, i) => {
      const cells = names.map((to, j) => (i === j ? self : matrix.isAllowed(from, to, p.port, p.protocol) ? yes : no));
      out.add(`${String(i + 1).padStart(w)} ${shown[i].padEnd(nameW)} ${cells.join(' ')}\n`);
    });
    out.add('\n');
  }
  const allowed = matrix.countAllowed();
  const total = names.length * (names.length - 1) * matrix.ports.length;
  out.add(`${allowed} of ${total} flows allowed (${names.length} endpoint${names.length === 1 ? '' : 's'}, ${matrix.ports.length} port${matrix.ports.length === 1 ? '' : 's'})\n`);
  out.flush();
}

/** `writeMatrixText` as one string. */
export function formatMatrixText(matrix: Matrix, style: Style): string {
  return collect((w) => writeMatrixText(matrix, style, w));
}
