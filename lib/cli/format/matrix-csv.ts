import { Matrix } from '../../analysis';
import { escapeControlChars } from '../../model/untrusted-text';

/** One line per (from, to, port): `from,to,port,protocol,allowed`. */
export function formatMatrixCsv(matrix: Matrix): string {
  const lines = ['from,to,port,protocol,allowed'];
  for (const e of matrix.entries()) lines.push([e.from, e.to, String(e.port), e.protocol, String(e.allowed)].map(csvField).join(','));
  return lines.join('\n') + '\n';
}

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: control characters are shown escaped
 * (`\n`, `\x1b`); a cell that begins with `=`, `+`, `-`, `@`, tab or CR would be read as a
 * formula (OWASP "CSV injection"), so it gets a leading `'`; a cell holding a comma or a
 * double quote is double-quoted, quotes doubled.
 */
export function csvField(v: string): string {
  const shown = escapeControlChars(v);
  const cell = /^[=+\-@\t\r]/.test(v) ? `'${shown}` : shown;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
