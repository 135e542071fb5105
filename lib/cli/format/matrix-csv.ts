import { Matrix } from '../../analysis';

/** One line per (from, to, port): `from,to,port,protocol,allowed`. */
export function formatMatrixCsv(matrix: Matrix): string {
  const lines = ['from,to,port,protocol,allowed'];
  for (const e of matrix.entries()) lines.push([e.from, e.to, String(e.port), e.protocol, String(e.allowed)].map(csvField).join(','));
  return lines.join('\n') + '\n';
}

function csvField(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
