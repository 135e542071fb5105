import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../lib/cli/main';
import { nodeIo } from '../../lib/cli/node-io';

// Bad input for the CLI. Every file must give exit 2 (unusable input) or 1 (a policy the API
// server would reject), a message naming the file and the line, no stack trace, and no file
// written anywhere. The committed corpus is in inputs/; the binary junk is generated here
// (deterministic bytes), and so is the 50 MB file (never committed).

interface Case {
  readonly file: string;
  readonly exit: 1 | 2;
  /** The 1-based line the first error must name; undefined when a line makes no sense (binary). */
  readonly line?: number;
  /** What the message must say. */
  readonly says: RegExp;
}

const CORPUS: Case[] = [
  { file: 'malformed-flow-map.yaml', exit: 2, line: 8, says: /syntax error.*Flow map/i },
  { file: 'bad-indentation.yaml', exit: 2, line: 4, says: /syntax error/i },
  { file: 'tab-indentation.yaml', exit: 2, line: 4, says: /Tabs are not allowed/ },
  { file: 'unterminated-string.yaml', exit: 2, line: 8, says: /Missing closing "quote/ },
  { file: 'duplicate-keys.yaml', exit: 2, line: 9, says: /keys must be unique/i },
  { file: 'truncated.json', exit: 2, line: 6, says: /syntax error/i },
  { file: 'alias-bomb.yaml', exit: 2, line: 1, says: /alias/i },
  { file: 'list-not-object.yaml', exit: 2, line: 1, says: /expected a Kubernetes object .* found a list/ },
  { file: 'scalar-document.yaml', exit: 2, line: 5, says: /found the text "just some text"/ },
  { file: 'number-document.yaml', exit: 2, line: 5, says: /found a number \(42\)/ },
  { file: 'missing-kind.yaml', exit: 2, line: 1, says: /missing `kind`/ },
  { file: 'wrong-api-version.yaml', exit: 1, line: 1, says: /no matches for kind "NetworkPolicy" in version "extensions\/v1beta1"/ },
  { file: 'unknown-fields.yaml', exit: 1, line: 9, says: /unknown field "ingres".*\n.*did you mean "ingress"/ },
  { file: 'wrong-field-type.yaml', exit: 1, line: 9, says: /spec\.ingress: Invalid type/ },
  { file: 'binary-junk.yaml', exit: 2, says: /not a text file/ },
  { file: 'wrong-kind-case.yaml', exit: 2, line: 2, says: /did you mean "NetworkPolicy"/ },
  { file: 'duplicate-names.yaml', exit: 1, line: 10, says: /shop\/web.*more than once/ },
];


const STACK_TRACE = /\n\s+at .+:\d+:\d+|\bat Object\.|TypeError|ReferenceError|RangeError/;
const INPUTS = join(__dirname, 'inputs');
let dir = '';

/** A deterministic 64 KiB of binary junk: NUL bytes and invalid UTF-8 among printable ones. */
function binaryJunk(): Buffer {
  const b = Buffer.alloc(64 * 1024);
  let x = 0x2545f491;
  for (let i = 0; i < b.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

/** Runs `netpol <args>` in-process against the real file system, output captured. */
async function netpol(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { ...nodeIo(), stdout: (s: string) => { stdout += s; }, stderr: (s: string) => { stderr += s; }, isTTY: false, env: {} };
  const code = await main(args, io, '0.0.0-corpus');
  return { code, stdout, stderr };
}

/** Every file under `root` with its size and modification time. */
function listing(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).sort().map((f) => {
    const st = statSync(join(root, f));
    return `${f} ${st.size} ${st.mtimeMs}`;
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netpol-cli-corpus-'));
  for (const f of readdirSync(INPUTS)) copyFileSync(join(INPUTS, f), join(dir, f));
  writeFileSync(join(dir, 'binary-junk.yaml'), binaryJunk());
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function expectRejected(c: Case): Promise<void> {
  const path = join(dir, c.file);
  const before = listing(dir);
  const r = await netpol(['check', path]);
  const all = r.stdout + r.stderr;
  expect(r.code).toBe(c.exit);
  expect(all).toMatch(c.says);
  expect(all).toContain(c.line === undefined ? `${path}:` : `${path}:${c.line}:`);
  expect(all).not.toMatch(STACK_TRACE);
  expect(listing(dir)).toEqual(before);
  if (c.exit !== 2) return;
  // Unreadable input: the other commands refuse it too, with exit 2 and no partial result.
  const m = await netpol(['matrix', '--port', '80/TCP', path]);
  expect(m.code).toBe(2);
  expect(m.stdout).toBe('');
  expect(m.stderr).toContain(path);
  expect(m.stderr).not.toMatch(STACK_TRACE);
}

describe('netpol check rejects bad input with file and line, no stack trace, nothing written', () => {
  test('the corpus holds every committed input', () => {
    const committed = readdirSync(INPUTS).sort();
    const listed = CORPUS.map((c) => c.file).filter((f) => f !== 'binary-junk.yaml').sort();
    expect(committed).toEqual(listed);
  });

  test.each(CORPUS.map((c) => [c.file, c] as const))('%s', async (_f, c) => {
    await expectRejected(c);
  });

  test('several bad files at once: every file is reported, exit 2', async () => {
    const files = CORPUS.filter((c) => c.exit === 2).map((c) => join(dir, c.file));
    const r = await netpol(['check', ...files]);
    expect(r.code).toBe(2);
    for (const f of files) expect(r.stdout + r.stderr).toContain(f);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });
});

/**
 * A 50 MB manifest whose last line is broken: over the per-input limit (32 MB unless
 * NETPOL_MAX_INPUT_MB says otherwise), so it is refused before parsing, naming the file and the
 * way to raise the limit. It is generated here (never committed) and checked by `netpol` run from
 * source in a child process, as a user would run it.
 */
/** Writes ~`mb` MB of valid NetworkPolicies followed by one broken line; returns that line. */
function write50MbFile(path: string, mb: number): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let lines = 0;
  for (let i = 0; bytes < mb * 1024 * 1024; i++) {
    const doc = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p-${i}\n  namespace: team-${i % 100}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n---\n`;
    writeSync(fd, doc);
    bytes += doc.length;
    lines += 9;
  }
  writeSync(fd, 'kind: NetworkPolicy\nmetadata: {name: [unclosed\n');
  closeSync(fd);
  return lines + 2;
}

describe('a 50 MB file', () => {
  // Refused by its size before it is read (the message gives the size). The time limit only
  // stops a hang: the child compiles lib/ through tsx and shares the machine with the suite.
  test('exit 2, naming the file and its size, no stack trace, nothing written', () => {
    const big = join(dir, 'big.yaml');
    write50MbFile(big, 50);
    const before = listing(dir);
    const runner = join(__dirname, '..', '..', 'bench', 'check', 'netpol-from-source.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', runner, 'check', big], {
      cwd: join(__dirname, '..', '..'), encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' },
    });
    rmSync(big);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toContain(`${big}:`);
    expect(r.stdout + r.stderr).toContain('NETPOL_MAX_INPUT_MB');
    expect(r.stdout + r.stderr).toMatch(/this input is 50\.\d MB/);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expect(listing(dir)).toEqual(before.filter((l) => !l.startsWith('big.yaml ')));
  }, 150_000);
});
