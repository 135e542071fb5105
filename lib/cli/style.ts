import { CliIo } from './io';

/** ANSI styling that is a no-op unless enabled. */
export interface Style {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly green: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function styleFor(io: CliIo, forceOff = false): Style {
  const on = !forceOff && io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  const wrap = (code: number, close: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[${close}m` : s);
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    cyan: wrap(36, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}
