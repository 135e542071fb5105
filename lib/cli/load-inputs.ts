import { Issue, Severity } from '../model';
import { CliIo } from './io';

/** One input text and the name messages use for it. */
export interface InputText {
  readonly file: string;
  readonly text: string;
}

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * Largest input read, in MiB (NETPOL_MAX_INPUT_MB overrides it). The YAML reader keeps each
 * document's syntax tree for line numbers and reads about 1.5 MB/s; 32 MiB is some 170,000
 * policies, about 25 s and 2.5 GB. Larger inputs are refused up front, naming the file.
 */
export const DEFAULT_MAX_INPUT_MB = 32;

/**
 * Reads the inputs named on the command line: files, directories (recursively, `*.yaml`,
 * `*.yml`, `*.json`, sorted, hidden entries skipped) and `-` for standard input. Paths that cannot
 * be read become `input-unreadable` errors.
 */
export async function loadInputs(paths: string[], io: CliIo): Promise<{ inputs: InputText[]; issues: Issue[] }> {
  const inputs: InputText[] = [];
  const issues: Issue[] = [];
  let stdinRead = false;
  const maxMb = Number(io.env.NETPOL_MAX_INPUT_MB ?? DEFAULT_MAX_INPUT_MB) || DEFAULT_MAX_INPUT_MB;
  const accept = (file: string, text: string) => {
    if (text.length > maxMb * 1024 * 1024) {
      issues.push({
        code: 'input-too-large', severity: Severity.ERROR, file,
        message: `this input is ${(text.length / 1024 / 1024).toFixed(1)} MB; netpol reads at most ${maxMb} MB per file or standard input`,
        hint: 'split it (for example one file per namespace) and pass the directory; or raise the limit with NETPOL_MAX_INPUT_MB',
      });
      return;
    }
    inputs.push({ file, text });
  };
  const fail = (file: string, message: string, hint?: string) =>
    issues.push({ code: 'input-unreadable', severity: Severity.ERROR, file, message, ...(hint ? { hint } : {}) });
  const readOne = async (path: string) => {
    try {
      accept(path, await io.readFile(path));
    } catch (e) {
      fail(path, `cannot read this file: ${(e as Error).message ?? e}`);
    }
  };
  const walk = async (dir: string) => {
    let names: string[];
    try {
      names = [...(await io.readDir(dir))].sort();
    } catch (e) {
      fail(dir, `cannot read this directory: ${(e as Error).message ?? e}`);
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const path = joinPath(dir, name);
      const kind = await io.pathKind(path);
      if (kind === 'directory') await walk(path);
      else if (kind === 'file' && MANIFEST.test(name)) await readOne(path);
    }
  };
  for (const path of paths) {
    if (path === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      accept('-', await io.readStdin());
      continue;
    }
    const kind = await io.pathKind(path);
    if (kind === 'missing') fail(path, 'no such file or directory');
    else if (kind === 'directory') {
      const before = inputs.length;
      await walk(path);
      if (inputs.length === before) fail(path, 'this directory holds no *.yaml, *.yml or *.json file');
    } else await readOne(path);
  }
  return { inputs, issues };
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
