import { Matrix } from '../../analysis';
import { escapeControlChars } from '../../model/untrusted-text';
import { chunked } from './connections';
import { collect } from './matrix-stream';

/** One table per port: rows are sources, columns destinations; ✓ allowed, ✗ denied. Written row by row. */
export function writeMatrixMarkdown(matrix: Matrix, write: (text: string) => void): void {
  const out = chunked(write);
  const cells = matrix.endpoints.map(markdownCell);
  matrix.ports.forEach((p, q) => {
    out.add(`${q > 0 ? '\n' : ''}### ${p.port}/${p.protocol}\n\n`);
    out.add(`| from \\ to | ${cells.join(' | ')} |\n`);
    out.add(`|---|${matrix.endpoints.map(() => ':-:').join('|')}|\n`);
    matrix.endpoints.forEach((from, i) => {
      const row = matrix.endpoints.map((to) => (to === from ? '–' : matrix.isAllowed(from, to, p.port, p.protocol) ? '✓' : '✗'));
      out.add(`| ${cells[i]} | ${row.join(' | ')} |\n`);
    });
  });
  out.flush();
}

/** `writeMatrixMarkdown` as one string. */
export function formatMatrixMarkdown(matrix: Matrix): string {
  return collect((w) => writeMatrixMarkdown(matrix, w));
}

/**
 * Text from the input as the literal content of a GFM table cell: control characters (a
 * newline would end the row) shown escaped as `\n`, `\x1b`; `&`, `<`, `>` as entities, so no
 * HTML or entity renders; backslash, `|` (a cell border), backtick, `*`, `_`, `~`, `[`, `]`
 * backslash-escaped (CommonMark lets any ASCII punctuation be escaped so).
 */
export function markdownCell(s: string): string {
  return escapeControlChars(s)
    .replace(/[\\|`*_~[\]]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
