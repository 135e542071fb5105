import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../lib/cli/main';
import { nodeIo, readCapped } from '../../lib/cli/node-io';

// Reading from the real file system: a byte cap on every input (stat first for regular files,
// streams stop at the cap), directory walks that end on link loops, read each file once, and
// skip FIFOs and devices.

const root = mkdtempSync(join(tmpdir(), 'netpol-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\nspec: {podSelector: {}}\n';

async function netpol(args: string[], env: { [k: string]: string } = {}) {
  let stdout = '';
  let stderr = '';
  const io = { ...nodeIo(), stdout: (s: string) => { stdout += s; }, stderr: (s: string) => { stderr += s; }, isTTY: false, env };
  const code = await main(args, io, '0.0.0-hostile');
  return { code, out: stdout + stderr };
}

describe('byte cap', () => {
  test('/dev/zero named on the command line ends with the size error after the cap, not never', async () => {
    const r = await netpol(['check', '/dev/zero'], { NETPOL_MAX_INPUT_MB: '1' });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^\/dev\/zero: error input-too-large: this input is larger than 1 MB; netpol reads at most 1 MB per file or standard input/m);
  });

  test('a regular file over the cap is refused by its size (in bytes), before it is read', async () => {
    const big = join(root, 'sparse.yaml');
    const fd = openSync(big, 'w');
    closeSync(fd);
    execFileSync('truncate', ['-s', '40M', big]); // sparse: 40 MiB that were never written
    const r = await netpol(['check', big]);
    rmSync(big);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${big}: error input-too-large: this input is 40.0 MB; netpol reads at most 32 MB`);
  });

  test('the cap counts bytes, not characters: 1.5 MB of 3-byte characters is over a 1 MB cap', async () => {
    const file = join(root, 'wide.yaml');
    writeFileSync(file, `# ${'€'.repeat(512 * 1024)}\n${POLICY}`); // 0.5 M characters, 1.5 MB
    const r = await netpol(['check', file], { NETPOL_MAX_INPUT_MB: '1' });
    rmSync(file);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${file}: error input-too-large: this input is 1.5 MB`);
  });

  test('readCapped stops an endless stream (endless stdin) once the cap is passed, and destroys it', async () => {
    let pulled = 0;
    const endless = new Readable({ read() { pulled++; this.push(Buffer.alloc(64 * 1024, 0x61)); } });
    const r = await readCapped(endless, 1024 * 1024);
    expect(r).toEqual({ tooLarge: true });
    expect(pulled).toBeLessThan(64);
    expect(endless.destroyed).toBe(true);
  });

  test('readCapped reads a stream under the cap whole, as UTF-8', async () => {
    expect(await readCapped(Readable.from([Buffer.from('kind: '), Buffer.from('Pod €\n')]), 100)).toEqual({ text: 'kind: Pod €\n' });
  });
});

describe('directory walks', () => {
  test('a symlink loop ends, and a file reached by two paths is read once', async () => {
    const dir = join(root, 'loop');
    mkdirSync(join(dir, 'a'), { recursive: true });
    writeFileSync(join(dir, 'a', 'policy.yaml'), POLICY);
    symlinkSync('..', join(dir, 'a', 'up')); // dir/a/up -> dir: a loop
    symlinkSync(join(dir, 'a', 'policy.yaml'), join(dir, 'same.yaml'));
    const r = await netpol(['check', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/in 1 object from 1 file/);
    expect(r.out).not.toMatch(/duplicate|twice/i);
  });

  test('a FIFO in a directory is skipped with a note (reading it would block); the rest is read', async () => {
    const dir = join(root, 'fifo');
    mkdirSync(dir);
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const r = await netpol(['check', dir, '--verbose']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${join(dir, 'pipe.yaml')}: note input-skipped: not a regular file (a FIFO, device or socket); skipped`);
    expect(r.out).toMatch(/in 1 object from 1 file/);
  });
});
