import { Matrix } from '../../analysis';
import { escapeControlChars } from '../../model/untrusted-text';
import { chunked } from './connections';
import { collect, forEachEntry } from './matrix-stream';

/** One line per (from, to, port): `from,to,port,protocol,allowed`, written in chunks. */
export function writeMatrixCsv(matrix: Matrix, write: (text: string) => void): void {
  const out = chunked(write);
  out.add('from,to,port,protocol,allowed\n');
  const cell = new Map<string, string>();
  const field = (name: string) => {
    let c = cell.get(name);
    if (c === undefined) cell.set(name, (c = csvField(name)));
    return c;
  };
  forEachEntry(matrix, (e) => out.add(`${field(e.from)},${field(e.to)},${e.port},${e.protocol},${e.allowed}\n`));
  out.flush();
}

/** `writeMatrixCsv` as one string. */
export function formatMatrixCsv(matrix: Matrix): string {
  return collect((w) => writeMatrixCsv(matrix, w));
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
