import { Matrix } from '../../analysis';
import { escapeControlChars } from '../../model/untrusted-text';
import { Style } from '../style';

/**
 * One grid per port. Endpoints are numbered (the legend gives the names) so the grid stays
 * narrow: `✓` allowed, `✗` denied, `–` the endpoint itself (as in every format: Markdown, graph HTML).
 * Names are shown with control characters escaped.
 */
export function formatMatrixText(matrix: Matrix, style: Style): string {
  const names = matrix.endpoints;
  const shown = names.map(escapeControlChars);
  const w = String(names.length).length;
  const nameW = Math.max(4, ...shown.map((n) => n.length));
  const out: string[] = [];
  for (const p of matrix.ports) {
    out.push(style.bold(`${p.port}/${p.protocol}`) + style.dim('  (rows: from, columns: to; ✓ allowed, ✗ denied)'));
    out.push(`${' '.repeat(w + 1 + nameW)} ${names.map((_, j) => String(j + 1).padStart(w)).join(' ')}`);
    names.forEach((from, i) => {
      const cells = names.map((to, j) => {
        if (i === j) return style.dim('–'.padStart(w));
        return matrix.isAllowed(from, to, p.port, p.protocol) ? style.green('✓'.padStart(w)) : style.red('✗'.padStart(w));
      });
      out.push(`${String(i + 1).padStart(w)} ${shown[i].padEnd(nameW)} ${cells.join(' ')}`);
    });
    out.push('');
  }
  const allowed = matrix.countAllowed();
  const total = names.length * (names.length - 1) * matrix.ports.length;
  out.push(`${allowed} of ${total} flows allowed (${names.length} endpoint${names.length === 1 ? '' : 's'}, ${matrix.ports.length} port${matrix.ports.length === 1 ? '' : 's'})`);
  return out.join('\n') + '\n';
}
