import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CliIo, PathInfo, PathKind, ReadResult } from '../../lib/cli/io';

/** An in-memory world for running the CLI in-process: files by path, captured output. */
export interface FakeRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of the in-memory world. */
export interface FakeOptions {
  readonly stdin?: string;
  readonly isTTY?: boolean;
  readonly env?: { [k: string]: string };
  /** Paths that are FIFOs, devices or sockets: reading one yields bytes without end, like `/dev/zero`. */
  readonly special?: string[];
  /** Symbolic links: path -> the path it leads to (a file or a directory, maybe another link). */
  readonly links?: { [path: string]: string };
}

export function fakeIo(given: { [path: string]: string | undefined } = {}, opts: FakeOptions = {}) {
  const files: { [path: string]: string } = Object.fromEntries(Object.entries(given).filter((e): e is [string, string] => e[1] !== undefined));
  const special = new Set(opts.special ?? []);
  const links = opts.links ?? {};
  let out = '';
  let err = '';
  const dirs = new Set<string>();
  for (const p of [...Object.keys(files), ...special, ...Object.keys(links)]) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  /** The path with every link (of it or of a parent directory) followed; undefined for a loop. */
  const resolve = (p: string): string | undefined => {
    for (let hops = 0; hops < 40; hops++) {
      const parts = p.split('/');
      const at = parts.findIndex((_, i) => parts.slice(0, i + 1).join('/') in links);
      if (at < 0) return p;
      p = [links[parts.slice(0, at + 1).join('/')], ...parts.slice(at + 1)].join('/');
    }
    return undefined;
  };
  const endless = (_max: number): ReadResult => ({ tooLarge: true });
  const capped = (text: string, max: number): ReadResult => {
    const bytes = Buffer.byteLength(text);
    return bytes > max ? { tooLarge: true, bytes } : { text };
  };
  const stat = async (p: string): Promise<PathInfo> => {
    const r = resolve(p);
    if (r === undefined) return { kind: 'missing' };
    if (r in files) return { kind: 'file', size: Buffer.byteLength(files[r]), id: r };
    if (special.has(r)) return { kind: 'other', id: r };
    return dirs.has(r) ? { kind: 'directory', id: r } : { kind: 'missing' };
  };
  const io: CliIo = {
    stdout: (s) => { out += s; },
    stderr: (s) => { err += s; },
    readStdin: async (max) => capped(opts.stdin ?? '', max),
    readFile: async (p, max) => {
      const r = resolve(p) ?? p;
      if (special.has(r)) return endless(max);
      if (!(r in files)) throw new Error(`ENOENT: no such file, open '${p}'`);
      return capped(files[r], max);
    },
    pathKind: async (p): Promise<PathKind> => (await stat(p)).kind,
    stat,
    readDir: async (d) => {
      const r = resolve(d) ?? d;
      return [...new Set([...Object.keys(files), ...special, ...Object.keys(links)].filter((f) => f.startsWith(r + '/')).map((f) => f.slice(r.length + 1).split('/')[0]))];
    },
    isTTY: opts.isTTY ?? false,
    cwd: '/',
    env: opts.env ?? {},
  };
  return { io, output: () => ({ stdout: out, stderr: err }) };
}

/** Runs `netpol ...args` in-process. */
export async function run(args: string[], files: { [path: string]: string | undefined } = {}, opts: FakeOptions = {}): Promise<FakeRun> {
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
