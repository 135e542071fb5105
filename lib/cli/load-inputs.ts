import { Issue, Severity } from '../model';
import { CliIo, ReadResult } from './io';

/** One input text and the name messages use for it. */
export interface InputText {
  readonly file: string;
  readonly text: string;
  /**
   * True for a file found by walking a directory (not named on the command line): one that is not
   * a Kubernetes manifest (a `package.json`, a `Chart.yaml`) is skipped with a note, not an error.
   */
  readonly walked?: boolean;
}

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * Largest input read, in MiB (NETPOL_MAX_INPUT_MB overrides it). Plain block YAML (what kubectl
 * and Helm write) is read at some 10 MB/s; anything else goes through the `yaml` package at
 * about 1.5 MB/s. 32 MiB is some 90,000 small policies. Larger inputs are refused naming the
 * file: a regular file by its size, before reading it; a stream (stdin, a FIFO, `/dev/zero`) as
 * soon as the cap is passed.
 */
export const DEFAULT_MAX_INPUT_MB = 32;

/** Code of the note for a directory entry left out (not a regular file, not a manifest). */
export const INPUT_SKIPPED = 'input-skipped';

/** The byte cap per input: NETPOL_MAX_INPUT_MB (a positive number of MiB) or the default. */
export function maxInputBytes(env: { [key: string]: string | undefined }): number {
  const mb = Number(env.NETPOL_MAX_INPUT_MB ?? '');
  return Math.floor((Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_INPUT_MB) * 1024 * 1024);
}

/**
 * Reads the inputs named on the command line: files, directories (recursively, `*.yaml`,
 * `*.yml`, `*.json`, sorted, hidden entries skipped) and `-` for standard input. Paths that cannot
 * be read become `input-unreadable` errors, inputs over the byte cap `input-too-large` errors.
 *
 * Symbolic links are followed (manifest trees are often assembled from linked bases), but each
 * directory and file is visited once, by identity (device and inode): a link loop ends and a file
 * reached by two paths is read once. In a directory, FIFOs, devices and sockets are skipped with a
 * note (reading one could block forever); named on the command line they are read up to the cap.
 */
export async function loadInputs(paths: string[], io: CliIo): Promise<{ inputs: InputText[]; issues: Issue[] }> {
  const inputs: InputText[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  let stdinRead = false;
  let found = 0; // manifest entries met in directory walks
  const maxBytes = maxInputBytes(io.env);
  const maxMb = maxBytes / 1024 / 1024;
  const accept = (file: string, read: ReadResult, walked: boolean) => {
    if ('tooLarge' in read) {
      const size = read.bytes === undefined ? `larger than ${maxMb} MB` : `${(read.bytes / 1024 / 1024).toFixed(1)} MB`;
      issues.push({
        code: 'input-too-large', severity: Severity.ERROR, file,
        message: `this input is ${size}; netpol reads at most ${maxMb} MB per file or standard input`,
        hint: 'split it (for example one file per namespace) and pass the directory; or raise the limit with NETPOL_MAX_INPUT_MB',
      });
      return;
    }
    inputs.push({ file, text: read.text, ...(walked ? { walked } : {}) });
  };
  const fail = (file: string, message: string, hint?: string) =>
    issues.push({ code: 'input-unreadable', severity: Severity.ERROR, file, message, ...(hint ? { hint } : {}) });
  const skip = (file: string, message: string) => issues.push({ code: INPUT_SKIPPED, severity: Severity.INFO, file, message });
  /** False when `id` was visited before (marks it visited). */
  const firstVisit = (id: string | undefined) => {
    if (id === undefined) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  const readOne = async (path: string, walked: boolean) => {
    try {
      accept(path, await io.readFile(path, maxBytes), walked);
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
      const info = await io.stat(path);
      if (info.kind === 'directory') {
        if (firstVisit(info.id)) await walk(path);
        continue;
      }
      if (!MANIFEST.test(name) || info.kind === 'missing') continue;
      found++;
      if (info.kind === 'other') skip(path, 'not a regular file (a FIFO, device or socket); skipped');
      else if (firstVisit(info.id)) await readOne(path, true);
    }
  };
  for (const path of paths) {
    if (path === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      accept('-', await io.readStdin(maxBytes), false);
      continue;
    }
    const info = await io.stat(path);
    if (info.kind === 'missing') fail(path, 'no such file or directory');
    else if (info.kind === 'directory') {
      if (!firstVisit(info.id)) continue;
      const before = found;
      await walk(path);
      if (found === before) fail(path, 'this directory holds no *.yaml, *.yml or *.json file');
    } else if (firstVisit(info.id)) await readOne(path, false);
  }
  return { inputs, issues };
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
