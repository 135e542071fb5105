import { isMap, isScalar, isSeq, LineCounter, Node } from 'yaml';

// Maps a JSON field path (`spec.ingress[0].from[1].ipBlock.cidr`) to a 1-based line of the YAML
// source. Lines are indexed once, while a document is read (`LineNode`), so that placing a
// message never parses a document again. Used only to point messages at the right line.

/**
 * The lines of one collection's entries: a map's keys (the key's line) or a list's items (the
 * item's first line). An entry that is itself a collection is a `LineNode` carrying its line;
 * `undefined` where the source gives no position.
 */
export interface LineNode {
  readonly line: number | undefined;
  /** By key (first occurrence) for a map, by index for a list. */
  readonly entries: { [key: string]: LineEntry } | LineEntry[];
}

/** A leaf entry's line, or a nested collection's lines. */
export type LineEntry = number | undefined | LineNode;

/** Splits `a.b[0].c` (and `a["x.y"]`) into path segments: strings for keys, numbers for indexes. */
export function splitFieldPath(field: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(field)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[3]);
  }
  return out;
}

/**
 * The line of the deepest entry of `path` that exists under `root` (the key's line for a map
 * entry, the item's line for a list entry); `fallback` when not even the first segment exists.
 */
export function lineIn(root: LineEntry, path: ReadonlyArray<string | number>, fallback: number | undefined): number | undefined {
  let node: LineEntry = root;
  let line = fallback;
  for (const seg of path) {
    if (node === undefined || typeof node === 'number') break;
    const entries = node.entries;
    let entry: LineEntry;
    if (Array.isArray(entries)) {
      if (typeof seg !== 'number' || seg >= entries.length) break;
      entry = entries[seg];
    } else {
      const key = String(seg);
      if (!Object.prototype.hasOwnProperty.call(entries, key)) break;
      entry = entries[key];
    }
    const at = typeof entry === 'object' ? entry.line : entry;
    if (at !== undefined) line = at;
    node = entry;
  }
  return line;
}

/**
 * The lines of a composed document's contents (the `yaml` package's nodes): each map key at
 * the key's line (the value's when the key has no position), each list item at its first line.
 * Only scalar keys are indexed, the first of equal ones; aliases are leaves.
 */
export function linesOf(node: unknown, lines: LineCounter): LineEntry {
  return entryOf(node, startLine(node, lines), lines);
}

function entryOf(node: unknown, line: number | undefined, lines: LineCounter): LineEntry {
  if (isMap(node)) {
    const entries: { [key: string]: LineEntry } = Object.create(null);
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (key in entries) continue;
      entries[key] = entryOf(pair.value, startLine(pair.key, lines) ?? startLine(pair.value, lines), lines);
    }
    return { line, entries };
  }
  if (isSeq(node)) return { line, entries: node.items.map((item) => entryOf(item, startLine(item, lines), lines)) };
  return line;
}

function startLine(node: unknown, lines: LineCounter): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}
