import { ConnectionSet } from '../../analysis';
import { Style } from '../style';

// `netpol connections` output, written pair by pair as it is computed: a cluster export with
// thousands of endpoints has millions of pairs, so nothing here holds the whole output.

/** One pair to write. */
export interface ConnectionRow {
  readonly from: string;
  readonly to: string;
  readonly connections: ConnectionSet;
}

/** Receives rows, then `end()`; writes through `write` in chunks. */
export interface RowWriter {
  row(r: ConnectionRow): void;
  end(): void;
}

/** Collects small strings into chunks of about 64 KiB before handing them to `write`. */
export function chunked(write: (text: string) => void): { add: (s: string) => void; flush: () => void } {
  let buffer = '';
  return {
    add: (s) => {
      buffer += s;
      if (buffer.length >= 65536) { write(buffer); buffer = ''; }
    },
    flush: () => { if (buffer) write(buffer); buffer = ''; },
  };
}

/** `from -> to: TCP 8080, UDP 53`; pairs with nothing allowed are dimmed. */
export function textWriter(write: (text: string) => void, style: Style): RowWriter {
  const out = chunked(write);
  return {
    row: ({ from, to, connections }) => {
      const text = connections.toString();
      out.add(`${from} -> ${to}: ${connections.isEmpty() ? style.dim(text) : text}\n`);
    },
    end: () => out.flush(),
  };
}

/**
 * `{"connections":[{"from":..,"to":..,"allowed":{"TCP":["8080"]},"text":"TCP 8080"}]}`, one pair per line.
 */
export function jsonWriter(write: (text: string) => void): RowWriter {
  const out = chunked(write);
  let first = true;
  out.add('{"connections":[');
  return {
    row: ({ from, to, connections }) => {
      out.add(`${first ? '\n' : ',\n'}${JSON.stringify({ from, to, allowed: connections.toJson(), text: connections.toString() })}`);
      first = false;
    },
    end: () => { out.add('\n]}\n'); out.flush(); },
  };
}

/** `from,to,connections`: one line per pair, the set in words. */
export function csvWriter(write: (text: string) => void): RowWriter {
  const out = chunked(write);
  out.add('from,to,connections\n');
  return {
    row: ({ from, to, connections }) => out.add(`${csvCell(from)},${csvCell(to)},${csvCell(connections.toString())}\n`),
    end: () => out.flush(),
  };
}

/** A Markdown table, one row per pair. */
export function markdownWriter(write: (text: string) => void): RowWriter {
  const out = chunked(write);
  out.add('| from | to | connections |\n|---|---|---|\n');
  return {
    row: ({ from, to, connections }) => out.add(`| ${markdownCell(from)} | ${markdownCell(to)} | ${markdownCell(connections.toString())} |\n`),
    end: () => out.flush(),
  };
}

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would read as a formula. */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A table cell: pipes, backslashes and line breaks cannot end the cell or the row. */
export function markdownCell(v: string): string {
  return v.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
}
