import { isMap, isScalar, isSeq, LineCounter, Node } from 'yaml';

// Maps a JSON field path (`spec.ingress[0].from[1].ipBlock.cidr`) to a 1-based line of the YAML
// source, walking the parsed document's AST. Used only to point messages at the right line.

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
 * The line of the deepest node of `path` that exists under `root` (the key's line for a map
 * entry, the item's line for a list entry); `fallback` when not even the first segment exists.
 */
export function lineOfPath(
  root: unknown,
  path: Array<string | number>,
  lines: LineCounter,
  fallback: number | undefined,
): number | undefined {
  let node: unknown = root;
  let line = fallback;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const at = startOf(pair.key) ?? startOf(pair.value);
      if (at !== undefined) line = lines.linePos(at).line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      const at = startOf(item);
      if (at !== undefined) line = lines.linePos(at).line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? range[0] : undefined;
}
