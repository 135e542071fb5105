import { createReadStream, promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliIo, PathInfo, ReadResult } from './io';

/**
 * A reader that stops early (`netpol check big.yaml | head`) closes the pipe, and every later
 * write fails with EPIPE. Nothing more can be shown then: output stops without a word (no stack
 * trace), and the command still ends with its own exit code, so `set -o pipefail` sees findings.
 */
let stdoutClosed = false;
let watchingStdout = false;
function watchStdout(): void {
  if (watchingStdout) return;
  watchingStdout = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
  });
}

/** The real world: process streams and the file system. */
export function nodeIo(): CliIo {
  watchStdout();
  const stat = async (path: string): Promise<PathInfo> => {
    try {
      const st = await fs.stat(path);
      const id = `${st.dev}:${st.ino}`;
      if (st.isDirectory()) return { kind: 'directory', id };
      if (st.isFile()) return { kind: 'file', size: st.size, id };
      return { kind: 'other', id };
    } catch {
      return { kind: 'missing' };
    }
  };
  return {
    stdout: (text) => { if (!stdoutClosed) process.stdout.write(text); },
    stderr: (text) => { process.stderr.write(text); },
    readStdin: (maxBytes) => readCapped(process.stdin, maxBytes),
    readFile: async (path, maxBytes) => {
      // A regular file's size is known up front: one too large is refused without reading it.
      const st = await fs.stat(path);
      if (st.isFile() && st.size > maxBytes) return { tooLarge: true, bytes: st.size };
      if (st.isFile() && st.size > 0) {
        // Read in one go: a 39 MB export streamed as 1 MiB chunks is copied once more to join them.
        // (A size of 0 may be a /proc-like file whose content is only known by reading it: streamed.)
        const bytes = await fs.readFile(path);
        return bytes.length > maxBytes ? { tooLarge: true, bytes: bytes.length } : { text: bytes.toString('utf8') };
      }
      return readCapped(createReadStream(path, { highWaterMark: 1024 * 1024 }), maxBytes);
    },
    pathKind: async (path) => (await stat(path)).kind,
    stat,
    readDir: async (path) => fs.readdir(path),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * Reads a stream to its end, or stops (and destroys it) as soon as more than `maxBytes` came, so
 * that an endless source (`/dev/zero`, `yes |`) costs at most `maxBytes` of memory and time.
 */
export async function readCapped(stream: NodeJS.ReadableStream & { destroy?: () => void }, maxBytes: number): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      bytes += buf.length;
      if (bytes > maxBytes) return { tooLarge: true };
      chunks.push(buf);
    }
  } finally {
    if (bytes > maxBytes) stream.destroy?.();
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

/** The package's version, read from its package.json (two levels above the compiled file). */
export function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
