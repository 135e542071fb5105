import { Matrix } from '../../analysis';
import { escapeControlChars } from '../../model/untrusted-text';

/** One table per port: rows are sources, columns destinations; ✓ allowed, ✗ denied. */
export function formatMatrixMarkdown(matrix: Matrix): string {
  const out: string[] = [];
  for (const p of matrix.ports) {
    out.push(`### ${p.port}/${p.protocol}`, '');
    out.push(`| from \\ to | ${matrix.endpoints.map(markdownCell).join(' | ')} |`);
    out.push(`|---|${matrix.endpoints.map(() => ':-:').join('|')}|`);
    for (const from of matrix.endpoints) {
      const cells = matrix.endpoints.map((to) => (to === from ? '–' : matrix.isAllowed(from, to, p.port, p.protocol) ? '✓' : '✗'));
      out.push(`| ${markdownCell(from)} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
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
