import { Issue } from './issue';

/**
 * Thrown by factories (and at synth time) when a value would be rejected by the API server or is
 * ambiguous. The message quotes the value, names the field and suggests the fix when one exists.
 */
export class NetpolValidationError extends Error {
  /** Formats issues as `field: message (hint)` lines. */
  public static format(issues: Issue[]): string {
    return issues
      .map((i) => `${i.field ? i.field + ': ' : ''}${i.message}${i.hint ? ` (${i.hint})` : ''}`)
      .join('\n');
  }

  public readonly issues: Issue[];

  public constructor(issues: Issue[]) {
    super(NetpolValidationError.format(issues));
    this.name = 'NetpolValidationError';
    this.issues = issues;
  }
}

/** Throws a NetpolValidationError when any issue is an error. */
export function throwIfErrors(issues: Issue[]): void {
  if (issues.length === 0) return;
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new NetpolValidationError(errors);
}
