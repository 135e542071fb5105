import * as fc from 'fast-check';

/**
 * A "clear error" is what a user mistake must produce: an Error we threw on purpose, with a
 * message that says something. A TypeError/RangeError/ReferenceError from deep inside (reading a
 * property of undefined, calling a method of a number) is a crash, not an answer.
 */
export function crashOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return `threw a non-Error: ${String(error)}`;
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError) {
    return `crashed with ${error.constructor.name}: ${error.message}`;
  }
  if (error.message.trim().length < 10) return `unhelpful message: ${JSON.stringify(error.message)}`;
  return undefined;
}

/** Calls `f`; returns its result, or the thrown error when it is clear. A crash fails the property. */
export function callOrClearError<T>(f: () => T): { value?: T; error?: Error } {
  try {
    return { value: f() };
  } catch (e) {
    const crash = crashOf(e);
    if (crash) throw new Error(crash);
    return { error: e as Error };
  }
}

/** JSON paths of every node of a JSON value (`[]` is the root). */
export function jsonPaths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...jsonPaths(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...jsonPaths(v, [...at, k]));
  return out;
}

export type Mutation = 'replace' | 'delete' | 'add-unknown-field';

/** A copy of `value` with one node replaced, deleted, or given an unknown field. */
export function mutate(value: unknown, path: Array<string | number>, how: Mutation, junk: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value));
  if (path.length === 0) return how === 'replace' ? junk : copy;
  let node: any = copy;
  for (const p of path.slice(0, -1)) node = node[p];
  const last = path[path.length - 1];
  if (how === 'replace') node[last] = junk;
  else if (how === 'delete') {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else if (node[last] && typeof node[last] === 'object' && !Array.isArray(node[last])) {
    node[last].unexpectedField = junk;
  } else {
    node[last] = junk;
  }
  return copy;
}

/** Junk of every JSON shape, plus the odd non-JSON value YAML can produce (dates, big numbers). */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, '', 0, -1, 65536, 1.5, Number.NaN, true, 'TCP', '10.0.0.1', '::', '{}', [], {}, [null]) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }) },
);
