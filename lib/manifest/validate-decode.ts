import { Issue, Severity } from '../model';
import { setEntry } from '../model/string-map';

// Decoding raw JSON (from user YAML) the way the API server's decoder does, before validation:
// Go's encoding/json rules as used by Kubernetes (sigs.k8s.io/json: case-sensitive field names).
// - `null` for an object, list or pointer field means absent; for a string it leaves "" (absent).
// - A value of the wrong JSON type is a decode error (`json: cannot unmarshal bool into ...`): the
//   whole object is rejected before validation runs.
// - An unknown field is rejected under strict field validation (kubectl's default
//   `--validate=strict`) and silently dropped otherwise; either way it never takes effect.

/** Marks a value that failed to decode: the object is rejected, so checks depending on it are skipped. */
export const BAD: unique symbol = Symbol('bad');
export type Bad = typeof BAD;

export type JsonObject = { [key: string]: unknown };

/** Issue codes of the decoding step (validation rules use their VALIDATION.md id). */
export const DECODE_ERROR = 'decode-error';
export const UNKNOWN_FIELD = 'unknown-field';
export const NULL_VALUE = 'null-value';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Values known to be plain JSON already (the plain YAML reader's documents): not copied again. */
const PLAIN_JSON = new WeakSet<object>();

/**
 * Marks a value as plain JSON throughout (only strings, finite numbers, booleans, null, arrays and
 * ordinary objects without `__proto__` keys, no cycles), so `toPlainJson` returns it as it is.
 * Whoever marks it must not mutate it afterwards.
 */
export function markPlainJson(value: object): void {
  PLAIN_JSON.add(value);
}

/**
 * Brings what a YAML library may hand over into plain JSON, as Kubernetes' YAML-to-JSON step
 * does: dates become strings (it never sees YAML timestamps as anything else), big integers
 * numbers, `undefined` null; a cycle (recursive YAML alias) is cut to null.
 */
export function toPlainJson(value: unknown, ancestors: Set<object> = new Set()): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'function' || typeof value === 'symbol') return null;
  if (value === null || typeof value !== 'object') return value;
  if (PLAIN_JSON.has(value)) return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (ancestors.has(value)) return null;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => toPlainJson(v, ancestors));
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      // defineProperty, so that a `__proto__` key stays an ordinary (unknown) field.
      Object.defineProperty(out, k, { value: toPlainJson(v, ancestors), enumerable: true, writable: true, configurable: true });
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

/** `a.b`, or `b` at the root. */
export function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** `a[3]`. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** The JSON type name of a value, as the Go decoder words it. */
export function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/** A short JSON rendering of a value for messages. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Hints by unknown key (see `JsonDecoder.unknownFields`). */
export type Hints = { readonly [key: string]: string };

const NO_HINTS: Hints = {};

/** Collects decode issues while reading raw JSON; never throws. */
export class JsonDecoder {
  public readonly issues: Issue[] = [];

  /** Reports a value of the wrong JSON type. */
  public typeError(path: string, value: unknown, expected: string, hint?: string): Bad {
    this.push({
      code: DECODE_ERROR,
      severity: Severity.ERROR,
      field: path,
      message: `Invalid type: expected ${expected}, got ${jsonType(value)} ${show(value)}`,
      hint,
    });
    return BAD;
  }

  /** Reports a `null` that Kubernetes reads as something other than "absent". */
  public nullValue(path: string, message: string, hint?: string): void {
    this.push({ code: NULL_VALUE, severity: Severity.WARNING, field: path, message, hint });
  }

  /** An object field; undefined for absent or `null`. */
  public object(value: unknown, path: string, expected: string, hint?: string): JsonObject | undefined | Bad {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
    if (Array.isArray(value) && hint === undefined) {
      hint = `${expected} is a single object, not a list: remove the leading "- "`;
    }
    return this.typeError(path, value, expected, hint);
  }

  /** A list field; undefined for absent or `null`. */
  public list(value: unknown, path: string, expected: string, hint?: string): unknown[] | undefined | Bad {
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value;
    if (hint === undefined) {
      hint = typeof value === 'object'
        ? 'it must be a list: start each entry with "- "'
        : `it must be a list: [${show(value)}]`;
    }
    return this.typeError(path, value, expected, hint);
  }

  /** A string field; undefined for absent or `null` (Go leaves ""). */
  public string(value: unknown, path: string, hint?: string): string | undefined | Bad {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (hint === undefined && (typeof value === 'number' || typeof value === 'boolean')) hint = `quote it: "${String(value)}"`;
    return this.typeError(path, value, 'string', hint);
  }

  /** An int32 field (`endPort`); strings are not numbers to the decoder. */
  public int32(value: unknown, path: string): number | undefined | Bad {
    if (value === undefined || value === null) return undefined;
    if (isInt32(value)) return value;
    const hint = typeof value === 'string' && /^\s*\d+\s*$/.test(value)
      ? `write the number without quotes: ${value.trim()}`
      : undefined;
    return this.typeError(path, value, 'integer', hint);
  }

  /** An IntOrString field (`port`): a JSON string is a name, a JSON number an int32. */
  public intOrString(value: unknown, path: string, hint?: string): number | string | undefined | Bad {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' || isInt32(value)) return value;
    return this.typeError(path, value, 'integer or string', hint);
  }

  /**
   * A `map[string]string` (labels, matchLabels). Non-string values are decode errors and left out;
   * a `null` value decodes to "" (YAML `app:` with nothing after it).
   */
  public stringMap(value: unknown, path: string, expected: string): { [key: string]: string } | undefined | Bad {
    const obj = this.object(value, path, expected);
    if (obj === undefined || obj === BAD) return obj;
    const out: { [key: string]: string } = {};
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (v === null || v === undefined) {
        this.nullValue(path, `${JSON.stringify(k)}: null is read as the empty value ""`, `write the value, or "" if an empty value is meant`);
        setEntry(out, k, ''); // setEntry: a `__proto__` key stays a key, so validation reports it
      } else if (typeof v === 'string') {
        setEntry(out, k, v);
      } else {
        this.typeError(path, v, `string for key ${JSON.stringify(k)}`, typeof v === 'object' ? undefined : `quote it: ${k}: "${String(v)}"`);
      }
    }
    return out;
  }

  /** A `[]string`; bad items are BAD, `null` items decode to "". */
  public stringList(value: unknown, path: string, expected: string): (string | Bad)[] | undefined | Bad {
    const list = this.list(value, path, expected);
    if (list === undefined || list === BAD) return list;
    return list.map((item, i) => {
      if (item === null || item === undefined) {
        this.nullValue(index(path, i), 'null is read as the empty string ""', 'remove the empty entry or write the value');
        return '';
      }
      return this.string(item, index(path, i)) ?? '';
    });
  }

  /**
   * Reports every key of `obj` not in `known`, with a hint: `hints[key]` when given (for common
   * misplacements), else the closest known name. `hints` may be a function, called only when
   * some key is unknown: a 110k-policy export would otherwise build hints for every rule and peer.
   */
  public unknownFields(obj: JsonObject, path: string, known: readonly string[], hintsOrLater: Hints | (() => Hints) = NO_HINTS): string[] {
    const unknown: string[] = [];
    for (const k of Object.keys(obj)) if (!known.includes(k)) unknown.push(k);
    if (unknown.length === 0) return unknown;
    const hints = typeof hintsOrLater === 'function' ? hintsOrLater() : hintsOrLater;
    for (const key of unknown) {
      const close = closest(key, known);
      const hint = Object.prototype.hasOwnProperty.call(hints, key) ? hints[key] : close ? `did you mean "${close}"?` : undefined;
      this.push({
        code: UNKNOWN_FIELD,
        severity: Severity.WARNING,
        field: child(path, key),
        message: `unknown field ${JSON.stringify(key)}: rejected under strict field validation (kubectl's default), silently dropped otherwise`,
        hint,
      });
    }
    return unknown;
  }

  private push(issue: Issue): void {
    this.issues.push(withoutHint(issue));
  }
}

/** The issue without an `undefined` hint property (so issues compare and print cleanly). */
export function withoutHint(issue: Issue): Issue {
  if (issue.hint !== undefined || !('hint' in issue)) return issue;
  const { hint: _hint, ...rest } = issue;
  return rest;
}

function isInt32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/**
 * The known name closest to `key`: equal ignoring case, or within a small edit distance
 * (transpositions count once), so `ipblock` -> `ipBlock`, `podSelectr` -> `podSelector`.
 */
export function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  const limit = lower.length <= 4 ? 1 : lower.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * Rewrites list indexes in issue paths after some entries were left out of a validation run:
 * `<listPath>[n]` becomes `<listPath>[kept[n]]`.
 */
export function remapIndexes(issues: Issue[], listPath: string, kept: number[]): Issue[] {
  const prefix = `${listPath}[`;
  return issues.map((issue) => {
    if (!issue.field?.startsWith(prefix)) return issue;
    const close = issue.field.indexOf(']', prefix.length);
    const n = Number(issue.field.slice(prefix.length, close));
    if (!Number.isInteger(n) || kept[n] === undefined) return issue;
    return { ...issue, field: `${prefix}${kept[n]}${issue.field.slice(close)}` };
  });
}
