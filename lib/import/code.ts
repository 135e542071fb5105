// A tiny expression tree for generated TypeScript and its printer: flat when it fits in the
// line width, broken over lines (trailing commas, two-space indent) when it does not.
//
// Input is hostile (file names, policy names, labels, annotations), so text from the input
// reaches the program only through this module, and only as data: string literals and object
// keys through `literal`, comments through `comment`. Identifiers come only from the generator
// (`ref`, `call`, `chain`, `obj` property names), each checked to be an identifier path.

/** A TypeScript expression to print. */
export type Code =
  | { readonly t: 'str'; readonly s: string }
  | { readonly t: 'num'; readonly n: number }
  | { readonly t: 'ref'; readonly path: string }
  | { readonly t: 'call'; readonly fn: string; readonly args: Code[] }
  | { readonly t: 'chain'; readonly base: Code; readonly method: string; readonly args: Code[] }
  | { readonly t: 'obj'; readonly entries: Array<[Key, Code]> }
  | { readonly t: 'arr'; readonly items: Code[] };

/** An object key: a property name the generator chose, or a key from the input (data). */
export interface Key {
  readonly name: string;
  readonly data: boolean;
}

/** The line width the printer keeps to where it can. */
export const WIDTH = 100;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `name`, checked to be an identifier path (`Port.HTTPS`, `true`): the generator's words only. */
function path(p: string): string {
  if (!p.split('.').every((part) => IDENTIFIER.test(part))) throw new Error(`import: not an identifier path: ${JSON.stringify(p)}`);
  return p;
}

/** A string from anywhere (the input included): printed as an escaped literal. */
export const str = (s: string): Code => ({ t: 'str', s: String(s) });
/** An integer literal (ports). */
export function num(n: number): Code {
  if (!Number.isSafeInteger(n)) throw new Error(`import: not an integer: ${JSON.stringify(n)}`);
  return { t: 'num', n };
}
/** A reference the generator writes: `Port.HTTPS`, `Direction.INGRESS`, `true`. */
export const ref = (p: string): Code => ({ t: 'ref', path: path(p) });
export const call = (fn: string, ...args: Code[]): Code => ({ t: 'call', fn: path(fn), args });
/** `base.method(args)`: a chained call. */
export const chain = (base: Code, method: string, ...args: Code[]): Code => ({ t: 'chain', base, method: path(method), args });
/** An object of props the generator names (entries left out when undefined). */
export const obj = (entries: Array<[string, Code | undefined]>): Code =>
  ({ t: 'obj', entries: entries.filter((e): e is [string, Code] => e[1] !== undefined).map(([k, v]) => [{ name: path(k), data: false }, v]) });
export const arr = (items: Code[]): Code => ({ t: 'arr', items });

/** A `{ [key: string]: string }` literal from the input, keys in sorted order (as Kubernetes renders them). */
export function labels(map: { [key: string]: string }): Code {
  return { t: 'obj', entries: Object.keys(map).sort().map((k) => [{ name: k, data: true }, str(map[k])]) };
}

/**
 * The text with everything but printable ASCII escaped: `\\`, `\n`, `\r`, `\t`, and `\uXXXX` for
 * every other code unit (all line terminators, U+2028/U+2029 and U+0085 among them, control
 * characters, non-ASCII, lone surrogates), so it can neither end a comment's line nor a literal.
 * With `quote`, that quote is escaped too.
 */
export function escapeText(s: string, quote?: "'"): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c >= 0x20 && c <= 0x7e) out += ch;
    else out += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** A string literal in single quotes, its content escaped by `escapeText`. */
export function literal(s: string): string {
  return `'${escapeText(s, "'")}'`;
}

/** A `//` comment line holding `text`, escaped by `escapeText` (so it stays one line). */
export function comment(text: string): string {
  return `// ${escapeText(text)}`;
}

/**
 * An object key that always creates an own property: bare when it is an identifier, quoted
 * otherwise, and computed (`['__proto__']`) for `__proto__`, which bare or quoted would set the
 * object's prototype instead of a key.
 */
export function objectKey(k: Key): string {
  if (!k.data) return k.name;
  if (k.name === '__proto__') return `[${literal(k.name)}]`;
  return IDENTIFIER.test(k.name) ? k.name : literal(k.name);
}

/** The expression on one line. */
export function flat(c: Code): string {
  switch (c.t) {
    case 'str': return literal(c.s);
    case 'num': return String(c.n);
    case 'ref': return c.path;
    case 'call': return `${c.fn}(${c.args.map(flat).join(', ')})`;
    case 'chain': return `${flat(c.base)}.${c.method}(${c.args.map(flat).join(', ')})`;
    case 'obj': return c.entries.length === 0 ? '{}' : `{ ${c.entries.map(([k, v]) => `${objectKey(k)}: ${flat(v)}`).join(', ')} }`;
    case 'arr': return `[${c.items.map(flat).join(', ')}]`;
  }
}

/**
 * The expression printed from column `col` at indentation `indent`: flat when it fits, otherwise
 * objects and arrays one entry per line, and calls with their last argument opened in place.
 */
export function pretty(c: Code, col: number, indent: number): string {
  const one = flat(c);
  if (col + one.length <= WIDTH || c.t === 'str' || c.t === 'num' || c.t === 'ref') return one;
  const pad = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  switch (c.t) {
    case 'obj':
      return `{\n${c.entries.map(([k, v]) => {
        const key = objectKey(k);
        return `${pad}${key}: ${pretty(v, indent + 2 + key.length + 2, indent + 2)},\n`;
      }).join('')}${close}}`;
    case 'arr':
      return `[\n${c.items.map((v) => `${pad}${pretty(v, indent + 2, indent + 2)},\n`).join('')}${close}]`;
    case 'call':
    case 'chain': {
      const fn = c.t === 'call' ? c.fn : `${flat(c.base)}.${c.method}`;
      const head = c.args.slice(0, -1).map(flat);
      const last = c.args[c.args.length - 1];
      const opening = `${fn}(${head.map((h) => `${h}, `).join('')}`;
      if (last && (last.t === 'obj' || last.t === 'arr' || last.t === 'call' || last.t === 'chain') && col + opening.length + 1 <= WIDTH) {
        return `${opening}${pretty(last, col + opening.length, indent)})`;
      }
      return `${fn}(\n${c.args.map((v) => `${pad}${pretty(v, indent + 2, indent + 2)},\n`).join('')}${close})`;
    }
  }
}

/** The identifiers the expression writes outside string literals (paths split at dots; no data keys). */
export function identifiers(c: Code, into: Set<string> = new Set()): Set<string> {
  const add = (p: string) => p.split('.').forEach((part) => into.add(part));
  switch (c.t) {
    case 'ref': add(c.path); break;
    case 'call': add(c.fn); c.args.forEach((a) => identifiers(a, into)); break;
    case 'chain': identifiers(c.base, into); add(c.method); c.args.forEach((a) => identifiers(a, into)); break;
    case 'obj': c.entries.forEach(([k, v]) => { if (!k.data) into.add(k.name); identifiers(v, into); }); break;
    case 'arr': c.items.forEach((a) => identifiers(a, into)); break;
    default: break;
  }
  return into;
}
