/** What kind of thing a path is. */
export type PathKind = 'file' | 'directory' | 'missing';

/**
 * Everything the CLI needs from the outside world. `main` takes it as a parameter so that tests
 * run the CLI in-process with an in-memory world; `nodeIo()` is the real one.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The whole of standard input. */
  readonly readStdin: () => Promise<string>;
  /** A file's text (UTF-8; invalid bytes become U+FFFD). */
  readonly readFile: (path: string) => Promise<string>;
  readonly pathKind: (path: string) => Promise<PathKind>;
  /** Entry names of a directory (not recursive). */
  readonly readDir: (path: string) => Promise<string[]>;
  /** Whether stdout is a terminal (colour is used only then). */
  readonly isTTY: boolean;
  readonly cwd: string;
  /** Environment variables (NO_COLOR, NETPOL_DEBUG). */
  readonly env: { [key: string]: string | undefined };
}
