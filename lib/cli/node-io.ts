import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliIo, PathKind } from './io';

/** The real world: process streams and the file system. */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => { process.stdout.write(text); },
    stderr: (text) => { process.stderr.write(text); },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      return Buffer.concat(chunks).toString('utf8');
    },
    readFile: async (path) => (await fs.readFile(path)).toString('utf8'),
    pathKind: async (path): Promise<PathKind> => {
      try {
        const st = await fs.stat(path);
        return st.isDirectory() ? 'directory' : 'file';
      } catch {
        return 'missing';
      }
    },
    readDir: async (path) => fs.readdir(path),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** The package's version, read from its package.json (two levels above the compiled file). */
export function packageVersion(): string {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
