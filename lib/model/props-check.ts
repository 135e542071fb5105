import { Issue, Severity } from './issue';
import { labelKeyErrors, labelKeyHint } from './validation';
import { NetpolValidationError } from './validation-error';
import { quote as quoteValue } from './validation/quote';

// Run-time checks of the props and arguments of every public factory and construct, as if called
// from plain JavaScript (or any jsii language), where TypeScript's types are not there to help:
// an unknown key (`Rule.allow({ from: [...] })`) would otherwise be dropped and widen the rule to
// "every peer", a misspelt enum (`direction: 'ingress'`) would fall through to a default, a label
// value that is not a string would be written out. Each props struct has one schema, declared
// once at module load (`{ peers: optional(arrayOf(instanceOf(Peer, 'a Peer'))) }`); checking is
// a loop over the given keys and the schema's fields, with no allocation when all is well.
//
// Messages follow the API server's field errors: `props.direction: Invalid value: "ingress":
// must be one of "Ingress", "Egress", "Both" (did you mean "Ingress"?)`. Factories put their name
// in front (`Rule.allow: props.from: unknown property (did you mean "peers"?)`); constructs
// report them as synth errors, and cdk8s puts the construct path in front.

/** Checks one value, pushing an issue per problem onto `out`. */
export type Check = (value: unknown, path: string, out: Issue[]) => void;

/** One field of a props schema. */
export interface Field {
  readonly check: Check;
  readonly required: boolean;
  /** Keys users write for this one (the Kubernetes JSON name, say), suggested when they do. */
  readonly aliases?: readonly string[];
}

/** The fields of a props struct, by key. */
export interface Schema {
  readonly [key: string]: Field;
}

const CODE = 'props';

/** An error issue at `path`. */
export function propIssue(path: string, message: string, hint?: string): Issue {
  return hint === undefined
    ? { code: CODE, severity: Severity.ERROR, field: path, message }
    : { code: CODE, severity: Severity.ERROR, field: path, message, hint };
}

/** `Invalid value: <value>: must be <expected>`. */
function invalid(out: Issue[], path: string, value: unknown, expected: string, hint?: string): void {
  out.push(propIssue(path, `Invalid value: ${quote(value)}: must be ${expected}`, hint));
}

/** A field that must be given; `aliases` are keys that mean it to a reader of the Kubernetes JSON. */
export function required(check: Check, ...aliases: string[]): Field {
  return aliases.length === 0 ? { check, required: true } : { check, required: true, aliases };
}

/** A field that may be left out (or be `undefined`). */
export function optional(check: Check, ...aliases: string[]): Field {
  return aliases.length === 0 ? { check, required: false } : { check, required: false, aliases };
}

/** Any value (checked elsewhere). */
export const anyValue: Check = () => {};

export const isString: Check = (v, path, out) => {
  if (typeof v !== 'string') invalid(out, path, v, 'a string', typeof v === 'number' || typeof v === 'boolean' ? `quote it: "${String(v)}"` : undefined);
};

export const isBoolean: Check = (v, path, out) => {
  if (typeof v !== 'boolean') invalid(out, path, v, 'true or false');
};

/** An integer from `min` to `max` inclusive. */
export function integer(min: number, max: number): Check {
  return (v, path, out) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      invalid(out, path, v, `an integer from ${min} to ${max}`, typeof v === 'string' && /^\d+$/.test(v) ? `write the number unquoted: ${v}` : undefined);
    } else if (v < min || v > max) {
      out.push(propIssue(path, `Invalid value: ${v}: must be between ${min} and ${max}, inclusive`));
    }
  };
}

/** One of the string values of an enum (`oneOf(Object.values(Direction))`). */
export function oneOf(values: readonly string[]): Check {
  const listed = values.map((x) => JSON.stringify(x)).join(', ');
  return (v, path, out) => {
    if (typeof v === 'string' && values.includes(v)) return;
    const near = typeof v === 'string' ? suggest(v, values) : undefined;
    invalid(out, path, v, `one of ${listed}`, near === undefined ? undefined : `did you mean ${JSON.stringify(near)}?`);
  };
}

/** An instance of a class of ours (a Peer, a Port, a LabelSelector...). */
export function instanceOf(cls: { readonly prototype: unknown }, expected: string): Check {
  // Our classes' constructors are private; only instanceof is asked of them.
  const ctor = cls as unknown as new () => unknown;
  return (v, path, out) => {
    if (!(v instanceof ctor)) invalid(out, path, v, expected);
  };
}

/** A value passing any of the checks (the first check's message when none passes). */
export function either(expected: string, ...tests: Array<(v: unknown) => boolean>): Check {
  return (v, path, out) => {
    for (const t of tests) if (t(v)) return;
    invalid(out, path, v, expected);
  };
}

/** An array whose every item passes `item`. */
export function arrayOf(item: Check, expected: string): Check {
  return (v, path, out) => {
    if (!Array.isArray(v)) {
      invalid(out, path, v, `an array of ${expected}`, isObject(v) || typeof v === 'string' ? `put it in a list: [${quote(v)}]` : undefined);
      return;
    }
    for (let i = 0; i < v.length; i++) item(v[i], `${path}[${i}]`, out);
  };
}

/**
 * A label map: a plain object whose values are strings. Keys are read with Object.keys on the
 * object given, before any copy: an own `__proto__` key, which a copy would turn into the copy's
 * prototype (and lose, or inherit from), is refused here with the API server's message for an
 * invalid key (V-5). The syntax of other keys and of values is checked where the map lands
 * (selector or metadata validation), with the field path of the JSON.
 */
export const labelMap: Check = (v, path, out) => {
  if (!isPlainObject(v)) {
    invalid(out, path, v, 'a map of label keys to string values');
    return;
  }
  const map = v as { [key: string]: unknown };
  for (const k of Object.keys(map)) {
    if (k === '__proto__') {
      for (const m of labelKeyErrors(k)) out.push(propIssue(path, `Invalid value: ${JSON.stringify(k)}: ${m}`, labelKeyHint(k)));
    }
    const value = map[k];
    if (typeof value !== 'string') {
      invalid(out, `${path}[${JSON.stringify(k)}]`, value, 'a string: label values are strings', typeof value === 'number' || typeof value === 'boolean' ? `quote it: "${String(value)}"` : undefined);
    }
  }
};

/** A map of strings to strings (annotations); key syntax is checked with the object's other fields. */
export const stringMap: Check = (v, path, out) => {
  if (!isPlainObject(v)) {
    invalid(out, path, v, 'a map of strings to strings');
    return;
  }
  const map = v as { [key: string]: unknown };
  for (const k of Object.keys(map)) {
    // Annotation keys are qualified names too (V-4); `__proto__` is not one, and a copy would lose it.
    if (k === '__proto__') for (const m of labelKeyErrors(k)) out.push(propIssue(path, `Invalid value: ${JSON.stringify(k)}: ${m}`));
    if (typeof map[k] !== 'string') invalid(out, `${path}[${JSON.stringify(k)}]`, map[k], 'a string');
  }
};

/** A nested props struct. */
export function struct(schema: Schema): Check {
  return (v, path, out) => checkStruct(schema, v, path, out);
}

/**
 * The problems of a props struct: not an object, an unknown key (with the nearest known key as a
 * suggestion), a required key missing, a value of the wrong kind. `undefined` props are accepted
 * when no field is required (constructs whose props are optional).
 */
export function checkStruct(schema: Schema, props: unknown, path: string, out: Issue[]): void {
  if (props === undefined) {
    for (const key in schema) if (schema[key].required) { out.push(propIssue(path, 'Required value')); return; }
    return;
  }
  if (!isObject(props)) {
    invalid(out, path, props, 'an object', Array.isArray(props) ? 'pass one object, not a list' : undefined);
    return;
  }
  const given = props as { [key: string]: unknown };
  for (const key of Object.keys(given)) {
    if (!Object.prototype.hasOwnProperty.call(schema, key)) {
      const near = aliasOf(schema, key) ?? suggest(key, Object.keys(schema));
      out.push(propIssue(`${path}.${key}`, 'unknown property', near !== undefined ? `did you mean ${JSON.stringify(near)}?` : knownKeys(schema)));
    }
  }
  for (const key in schema) {
    const field = schema[key];
    const value = given[key];
    if (value === undefined) {
      if (field.required) out.push(propIssue(`${path}.${key}`, 'Required value'));
      continue;
    }
    field.check(value, `${path}.${key}`, out);
  }
}

/** The issues of `props` against `schema`, paths under `props`. */
export function propsIssues(schema: Schema, props: unknown): Issue[] {
  const out: Issue[] = [];
  checkStruct(schema, props, 'props', out);
  return out;
}

/**
 * Throws a NetpolValidationError naming the factory (`Rule.allow: props.from: unknown property
 * (did you mean "peers"?)`) when `props` does not fit `schema`.
 */
export function checkFactoryProps(where: string, schema: Schema, props: unknown, name = 'props'): void {
  const out: Issue[] = [];
  // A factory's props argument is not optional, even when each of its fields is.
  if (props === undefined) out.push(propIssue(name, 'Required value', 'pass an object, e.g. {}'));
  else checkStruct(schema, props, name, out);
  if (out.length > 0) throwAt(where, out);
}

/** Throws when a positional argument fails its check (`Port.tcp: port: Invalid value: "80": ...`). */
export function checkArg(where: string, name: string, check: Check, value: unknown): void {
  const out: Issue[] = [];
  check(value, name, out);
  if (out.length > 0) throwAt(where, out);
}

/** Throws when one of the rest arguments fails its check (`Peer.namespaces: names[1]: ...`). */
export function checkArgs(where: string, name: string, check: Check, values: unknown[]): void {
  const out: Issue[] = [];
  for (let i = 0; i < values.length; i++) check(values[i], `${name}[${i}]`, out);
  if (out.length > 0) throwAt(where, out);
}

function throwAt(where: string, issues: Issue[]): never {
  throw new NetpolValidationError(issues.map((i) => ({ ...i, field: `${where}: ${i.field}` })));
}

/** A non-null object that is not an array. */
export function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object literal (or a null-prototype map), not an instance of some class. */
function isPlainObject(v: unknown): boolean {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

function aliasOf(schema: Schema, key: string): string | undefined {
  for (const k in schema) if (schema[k].aliases?.includes(key)) return k;
  return undefined;
}

function knownKeys(schema: Schema): string {
  const keys = Object.keys(schema);
  return keys.length === 0 ? 'this takes no properties' : `known properties: ${keys.join(', ')}`;
}

/**
 * The value as it appears in a message: JSON for JSON values (abbreviated past 60 characters),
 * the class for instances (`a Port`), never throwing (cycles, BigInt, symbols).
 */
export function quote(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'symbol' || typeof v === 'bigint') return String(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const proto = Object.getPrototypeOf(v);
    const name = proto && proto !== Object.prototype ? proto.constructor?.name : undefined;
    if (typeof name === 'string' && name !== '' && name !== 'Object') return `a ${name}`;
  }
  return quoteValue(v);
}

/**
 * The candidate a mistyped word most likely meant: the same word in another case, else the
 * nearest by edit distance when it is close (1 edit for words of up to 3 letters, else 2, or a
 * third of the letters up to 3).
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  for (const c of candidates) if (c.toLowerCase() === lower) return c;
  let best: string | undefined;
  let bestDistance = word.length <= 3 ? 1 : Math.min(3, Math.max(2, Math.floor(word.length / 3)));
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance (only ever run on short keys, after a mistake). */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
