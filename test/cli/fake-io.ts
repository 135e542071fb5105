import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CliIo, PathKind } from '../../lib/cli/io';

/** An in-memory world for running the CLI in-process: files by path, captured output. */
export interface FakeRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function fakeIo(given: { [path: string]: string | undefined } = {}, opts: { stdin?: string; isTTY?: boolean; env?: { [k: string]: string } } = {}) {
  const files: { [path: string]: string } = Object.fromEntries(Object.entries(given).filter((e): e is [string, string] => e[1] !== undefined));
  let out = '';
  let err = '';
  const dirs = new Set<string>();
  for (const p of Object.keys(files)) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const io: CliIo = {
    stdout: (s) => { out += s; },
    stderr: (s) => { err += s; },
    readStdin: async () => opts.stdin ?? '',
    readFile: async (p) => {
      if (!(p in files)) throw new Error(`ENOENT: no such file, open '${p}'`);
      return files[p];
    },
    pathKind: async (p): Promise<PathKind> => (p in files ? 'file' : dirs.has(p) ? 'directory' : 'missing'),
    readDir: async (d) => [...new Set(Object.keys(files).filter((f) => f.startsWith(d + '/')).map((f) => f.slice(d.length + 1).split('/')[0]))],
    isTTY: opts.isTTY ?? false,
    cwd: '/',
    env: opts.env ?? {},
  };
  return { io, output: () => ({ stdout: out, stderr: err }) };
}

/** Runs `netpol ...args` in-process. */
export async function run(args: string[], files: { [path: string]: string | undefined } = {}, opts: { stdin?: string; isTTY?: boolean; env?: { [k: string]: string } } = {}): Promise<FakeRun> {
  const { main } = await import('../../lib/cli/main');
  const { io, output } = fakeIo(files, opts);
  const code = await main(args, io, '9.9.9-test');
  return { code, ...output() };
}

const SHOP = join(__dirname, '..', 'fixtures', 'cli', 'shop');

/** The shop fixture (test/fixtures/cli/shop) as an in-memory tree under `shop/`. */
export function shopFiles(): { [path: string]: string } {
  const out: { [path: string]: string } = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[`shop/${relative(SHOP, p)}`] = readFileSync(p, 'utf8');
    }
  };
  walk(SHOP);
  return out;
}
