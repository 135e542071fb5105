/** What kind of thing a path is (`other`: a FIFO, device or socket). */
export type PathKind = 'file' | 'directory' | 'missing' | 'other';

/** What `stat` tells about a path (symbolic links followed). */
export interface PathInfo {
  readonly kind: PathKind;
  /** Size in bytes, for a regular file. */
  readonly size?: number;
  /** Identity of what the path leads to (device and inode): two paths with the same id are one file. */
  readonly id?: string;
}

/** A text read with a byte cap: the text, or `tooLarge` (with the size when known) once the cap was passed. */
export type ReadResult = { readonly text: string } | { readonly tooLarge: true; readonly bytes?: number };

/**
 * Everything the CLI needs from the outside world. `main` takes it as a parameter so that tests
 * run the CLI in-process with an in-memory world; `nodeIo()` is the real one.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Standard input, read until its end or until more than `maxBytes` bytes came. */
  readonly readStdin: (maxBytes: number) => Promise<ReadResult>;
  /**
   * A file's text (UTF-8; invalid bytes become U+FFFD), read until its end or until more than
   * `maxBytes` bytes came (the rest is never read: `/dev/zero` ends quickly).
   */
  readonly readFile: (path: string, maxBytes: number) => Promise<ReadResult>;
  readonly pathKind: (path: string) => Promise<PathKind>;
  /** Kind, size and identity of a path (symbolic links followed); kind `missing` when it cannot be reached. */
  readonly stat: (path: string) => Promise<PathInfo>;
  /** Entry names of a directory (not recursive). */
  readonly readDir: (path: string) => Promise<string[]>;
  /** Whether stdout is a terminal (colour is used only then). */
  readonly isTTY: boolean;
  readonly cwd: string;
  /** Environment variables (NO_COLOR, NETPOL_DEBUG, NETPOL_MAX_INPUT_MB). */
  readonly env: { [key: string]: string | undefined };
}
