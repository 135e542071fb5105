import { CST, Lexer, Parser } from 'yaml';

// Bounds on what one YAML or JSON text may cost to read. Hostile input (a 1,000-deep JSON file, a
// "billion laughs" of aliases) is refused with an Issue naming the file and document, before any
// recursive step (composing, converting, validating, finding lines) runs on it.

/**
 * Deepest nesting of collections read (a mapping in a list in a mapping is 3). Kubernetes objects
 * are shallow (a NetworkPolicy peer sits 6 deep; a CRD's openAPIV3Schema rarely passes 40); the
 * reader and validators recurse once per level, and far deeper input can exhaust the stack.
 */
export const MAX_DEPTH = 100;

/** Most aliases (`*name`) one document may use, counting nested ones (the `yaml` package's `maxAliasCount`). */
export const MAX_ALIASES = 1000;

/**
 * Most values (scalars and collections) aliases may add to one document once expanded: an
 * anchored list referenced 1,000 times turns 39 KB of YAML into gigabytes of JSON.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/** Where a text nests deeper than `MAX_DEPTH`. */
export interface TooDeep {
  /** Offset in the text where the limit was passed. */
  readonly offset: number;
}

/**
 * The syntax tokens of a text (as `Parser.parse` yields them), stopping as soon as the nesting
 * passes `MAX_DEPTH`: then `onTooDeep` is called and nothing more is yielded (the document being
 * read, and every one after it, is dropped). The parser keeps one stack entry per open
 * collection (above the document's own), so its stack height is the nesting depth, measured
 * without recursion; stopping early also keeps the parser's cost linear.
 */
export function* boundedTokens(text: string, onNewLine: (offset: number) => void, onTooDeep: (at: TooDeep) => void): Generator<CST.Token> {
  const parser = new Parser(onNewLine);
  onNewLine(0);
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_DEPTH + 1) {
      onTooDeep({ offset });
      return;
    }
    offset += lexeme.length;
  }
  yield* parser.end();
}

/** What `measure` found in a value. */
export interface Measure {
  /** How many values aliases add: the size with shared objects counted each time, minus counted once. */
  readonly added: number;
  /** Nesting depth once aliases are expanded (an alias can nest its anchor deeper than the text does). */
  readonly depth: number;
}

/**
 * Measures `value` as `Document.toJS` builds it (every alias is the same object as its anchor).
 * Sizes and depths are memoised per object, so a "billion laughs" is measured in time linear in
 * its text. A cycle (a recursive alias) counts once.
 */
export function measure(value: unknown): Measure {
  const seen = new Map<object, { size: number; depth: number }>();
  let once = 0;
  const visit = (v: unknown): { size: number; depth: number } => {
    if (v === null || typeof v !== 'object') return LEAF;
    const known = seen.get(v);
    if (known !== undefined) return known;
    seen.set(v, LEAF); // a cycle back to `v` counts as a leaf
    let size = 1;
    let depth = 0;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) {
      const m = visit(child);
      size += m.size;
      depth = Math.max(depth, m.depth);
      if (child === null || typeof child !== 'object') once++;
    }
    once++;
    const m = { size, depth: depth + 1 };
    seen.set(v, m);
    return m;
  };
  const m = visit(value);
  return { added: m.size - Math.max(once, 1), depth: m.depth };
}

const LEAF = { size: 1, depth: 0 };
