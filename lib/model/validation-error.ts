import { Issue } from './issue';

/** The issues of each error, held outside the object so that printing it shows only its message. */
const ISSUES = new WeakMap<object, Issue[]>();

/**
 * Thrown by factories (and at synth time) when a value would be rejected by the API server or is
 * ambiguous. The message quotes the value, names the field and suggests the fix when one exists.
 *
 * Printed (`String(err)`, `console.log(err)`, an uncaught throw) it shows that message and its
 * stack only: `issues` is a getter on the prototype and `name` too, so no `{ issues: [...] }` dump
 * follows the message.
 */
export class NetpolValidationError extends Error {
  /** Formats issues as `field: message (hint)` lines. */
  public static format(issues: Issue[]): string {
    return issues
      .map((i) => `${i.field ? i.field + ': ' : ''}${i.message}${i.hint ? ` (${i.hint})` : ''}`)
      .join('\n');
  }

  public constructor(issues: Issue[]) {
    super(NetpolValidationError.format(issues));
    ISSUES.set(this, issues);
  }

  /** The issues the message lists, one per line. */
  public get issues(): Issue[] {
    return ISSUES.get(this) ?? [];
  }
}

Object.defineProperty(NetpolValidationError.prototype, 'name', {
  value: 'NetpolValidationError', enumerable: false, writable: true, configurable: true,
});

/** Throws a NetpolValidationError when any issue is an error. */
export function throwIfErrors(issues: Issue[]): void {
  if (issues.length === 0) return;
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new NetpolValidationError(errors);
}
