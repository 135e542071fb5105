// A tiny expression tree for generated TypeScript and its printer: flat when it fits in the
// line width, broken over lines (trailing commas, two-space indent) when it does not.

/** A TypeScript expression to print. */
export type Code =
  | { readonly t: 'raw'; readonly s: string }
  | { readonly t: 'call'; readonly fn: string; readonly args: Code[] }
  | { readonly t: 'obj'; readonly entries: Array<[string, Code]> }
  | { readonly t: 'arr'; readonly items: Code[] };

/** The line width the printer keeps to where it can. */
export const WIDTH = 100;

export const raw = (s: string): Code => ({ t: 'raw', s });
export const call = (fn: string, ...args: Code[]): Code => ({ t: 'call', fn, args });
export const obj = (entries: Array<[string, Code | undefined]>): Code =>
  ({ t: 'obj', entries: entries.filter((e): e is [string, Code] => e[1] !== undefined) });
export const arr = (items: Code[]): Code => ({ t: 'arr', items });
/** `base.method(args)`: a chained call. */
export const chain = (base: Code, method: string, ...args: Code[]): Code => call(`${flat(base)}.${method}`, ...args);

/** A string literal in single quotes. */
export function str(s: string): Code {
  const body = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return raw(`'${body}'`);
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function key(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : flat(str(k));
}

/** A `{ [key: string]: string }` literal with keys in sorted order (as Kubernetes renders them). */
export function labels(map: { [key: string]: string }): Code {
  return obj(Object.keys(map).sort().map((k) => [key(k), str(map[k])]));
}

/** The expression on one line. */
export function flat(c: Code): string {
  switch (c.t) {
    case 'raw': return c.s;
    case 'call': return `${c.fn}(${c.args.map(flat).join(', ')})`;
    case 'obj': return c.entries.length === 0 ? '{}' : `{ ${c.entries.map(([k, v]) => `${k}: ${flat(v)}`).join(', ')} }`;
    case 'arr': return `[${c.items.map(flat).join(', ')}]`;
  }
}

/**
 * The expression printed from column `col` at indentation `indent`: flat when it fits, otherwise
 * objects and arrays one entry per line, and calls with their last argument opened in place.
 */
export function pretty(c: Code, col: number, indent: number): string {
  const one = flat(c);
  if (col + one.length <= WIDTH || c.t === 'raw') return one;
  const pad = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  switch (c.t) {
    case 'obj':
      return `{\n${c.entries.map(([k, v]) => `${pad}${k}: ${pretty(v, indent + 2 + k.length + 2, indent + 2)},\n`).join('')}${close}}`;
    case 'arr':
      return `[\n${c.items.map((v) => `${pad}${pretty(v, indent + 2, indent + 2)},\n`).join('')}${close}]`;
    case 'call': {
      const head = c.args.slice(0, -1).map(flat);
      const last = c.args[c.args.length - 1];
      const opening = `${c.fn}(${head.map((h) => `${h}, `).join('')}`;
      if (last && last.t !== 'raw' && col + opening.length + 1 <= WIDTH) {
        return `${opening}${pretty(last, col + opening.length, indent)})`;
      }
      return `${c.fn}(\n${c.args.map((v) => `${pad}${pretty(v, indent + 2, indent + 2)},\n`).join('')}${close})`;
    }
  }
}
