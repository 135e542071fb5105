import { Issue } from './issue';

const knownValid = new WeakSet<object>();

/** Whether the value was already found valid by `checkedOnce` (so a caller may skip building field paths). */
export function isKnownValid(value: object): boolean {
  return knownValid.has(value);
}

/**
 * The issues of an immutable value, found by `find`. A value found valid stays valid under any
 * field path, so it is not checked again: one peer or selector shared by 10,000 policies is
 * checked once.
 */
export function checkedOnce(value: object, find: () => Issue[]): Issue[] {
  if (knownValid.has(value)) return [];
  const issues = find();
  if (issues.length === 0) knownValid.add(value);
  return issues;
}
