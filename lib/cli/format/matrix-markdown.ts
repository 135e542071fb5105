import { Matrix } from '../../analysis';

/** One table per port: rows are sources, columns destinations; ✓ allowed, ✗ denied. */
export function formatMatrixMarkdown(matrix: Matrix): string {
  const out: string[] = [];
  for (const p of matrix.ports) {
    out.push(`### ${p.port}/${p.protocol}`, '');
    out.push(`| from \\ to | ${matrix.endpoints.map(escape).join(' | ')} |`);
    out.push(`|---|${matrix.endpoints.map(() => ':-:').join('|')}|`);
    for (const from of matrix.endpoints) {
      const cells = matrix.endpoints.map((to) => (to === from ? '–' : matrix.isAllowed(from, to, p.port, p.protocol) ? '✓' : '✗'));
      out.push(`| ${escape(from)} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

function escape(s: string): string {
  return s.replace(/\|/g, '\\|');
}
