// Helpers for the string maps (labels, annotations) that thousands of policies and selectors hold.
//
// Keys come from hostile input, so a map must not lose or invent one: `__proto__` is an own key
// like any other (an assignment `map[k] = v` or `Object.assign` would call the prototype setter and
// drop it), and `constructor`, `toString`, `hasOwnProperty` are ordinary label keys (a plain lookup
// or an `in` test would find Object.prototype's members). Read keys with `hasEntry`/`entry`.

const hasOwn = Object.prototype.hasOwnProperty;
const PROTO = '__proto__';

/**
 * A shallow copy of a string map, for values kept by many thousands of objects (selectors,
 * policies). Written with Object.assign rather than `{ ...map }`: Node 20's V8 gives most objects
 * copied by spread a hidden class of their own, so ten thousand selectors would carry ten
 * thousand hidden classes (measured: about 150 bytes each, and slower property access). A
 * `__proto__` key, which Object.assign would drop, is defined as an own property.
 */
export function copyMap<T>(map: { [key: string]: T } | undefined): { [key: string]: T } {
  if (map === undefined || map === null) return {};
  return hasOwn.call(map, PROTO) ? copyInto({}, map) : Object.assign({}, map);
}

/** `Object.assign({}, ...maps)` that keeps every key, `__proto__` included (later maps win). */
export function mergeMaps<T>(...maps: Array<{ [key: string]: T } | undefined>): { [key: string]: T } {
  const out: { [key: string]: T } = {};
  for (const m of maps) {
    if (m === undefined || m === null) continue;
    if (hasOwn.call(m, PROTO) || hasOwn.call(out, PROTO)) copyInto(out, m);
    else Object.assign(out, m);
  }
  return out;
}

/** Object.assign(out, map), key by key, in order, `__proto__` included. */
function copyInto<T>(out: { [key: string]: T }, map: { [key: string]: T }): { [key: string]: T } {
  for (const k of Object.keys(map)) setEntry(out, k, map[k]);
  return out;
}

/** `map[key] = value` for any key: `__proto__` becomes an own entry, not the map's prototype. */
export function setEntry<T>(map: { [key: string]: T }, key: string, value: T): void {
  if (key === PROTO) Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/** Whether the map holds `key` itself (never a member of Object.prototype such as `constructor`). */
export function hasEntry(map: { [key: string]: unknown }, key: string): boolean {
  return hasOwn.call(map, key);
}

/** The value of `key`, or undefined: never a member of Object.prototype such as `constructor`. */
export function entry<T>(map: { [key: string]: T }, key: string): T | undefined {
  return hasOwn.call(map, key) ? map[key] : undefined;
}

/** Whether the map has any key, without listing them all (policies' label maps are mostly empty). */
export function hasKeys(map: { [key: string]: unknown }): boolean {
  for (const _ in map) return true;
  return false;
}
