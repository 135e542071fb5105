import { ConnectionSet } from '../../analysis';
import { escapeControlChars as t } from '../../model/untrusted-text';
import { Style } from '../style';
import { csvField } from './matrix-csv';
import { safeJson } from './json';
import { markdownCell } from './matrix-markdown';

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
      out.add(`${t(from)} -> ${t(to)}: ${connections.isEmpty() ? style.dim(text) : text}\n`);
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
      out.add(`${first ? '\n' : ',\n'}${safeJson({ from, to, allowed: connections.toJson(), text: connections.toString() }, undefined, 0)}`);
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
    row: ({ from, to, connections }) => out.add(`${csvField(from)},${csvField(to)},${csvField(connections.toString())}\n`),
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
