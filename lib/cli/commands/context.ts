import { CliIo } from '../io';
import { Style } from '../style';

/** What every command receives besides its own options. */
export interface CommandContext {
  readonly io: CliIo;
  readonly style: Style;
  readonly version: string;
}

/** A mistake of the user (bad option value, unknown endpoint): printed without a stack, exit 2. */
export class UsageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes. */
export const EXIT = { OK: 0, FINDINGS: 1, UNUSABLE: 2 } as const;
