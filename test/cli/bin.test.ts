import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

// End to end through the installed bin (`bin/netpol` -> build/cli/index.js). `npm test` compiles
// lib/ into build/ (jsii) before vitest runs, so this always runs there; a bare `vitest run`
// without a build skips it.
const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'netpol');
const BUILT = existsSync(join(ROOT, 'build', 'cli', 'index.js'));

function netpol(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!BUILT)('node bin/netpol (after the compile step)', () => {
  test('bin/netpol is a three-line shim: shebang, require, main -> exitCode', () => {
    const lines = readFileSync(BIN, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('#!/usr/bin/env node');
    expect(lines).toHaveLength(3);
  });

  test('--version prints the package version', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(netpol(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  test('check on the seeds: warnings only, exit 0; on a broken policy via stdin, exit 1', () => {
    const seeds = netpol(['check', 'test/fixtures/seeds']);
    expect(seeds.code).toBe(0);
    expect(seeds.stdout).toMatch(/half-isolated/);
    expect(seeds.stdout).toMatch(/dns-egress-missing/);
    expect(seeds.stdout).toMatch(/and-or-suspect/);
    const broken = netpol(['check', '-'], 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: "y"}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 0}]}]\n');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/-:6: error V-12: NetworkPolicy y\/x \(document 1\) spec\.ingress\[0\]\.ports\[0\]\.port/);
  });

  test('matrix --format json and a user mistake (exit 2, no stack trace) through the real process', () => {
    const m = netpol(['matrix', 'test/fixtures/cli/shop', '--port', '8080/TCP', '--format', 'json']);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout).endpoints).toEqual(['web/frontend', 'payments/api', 'payments/worker']);
    const bad = netpol(['explain', 'test/fixtures/cli/shop', '--from', 'x', '--to', 'web/frontend', '--port', '80']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^netpol: "x" is not an endpoint/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const missing = netpol(['check', 'does/not/exist.yaml']);
    expect(missing.code).toBe(2);
  });
});

describe.skipIf(!BUILT)('a reader that stops early (netpol check big.yaml | head)', () => {
  test('output stops without a stack trace and the exit code is still the command\'s', () => {
    // Enough findings for many pipe buffers; the shell's `head -n 1` closes the pipe after one line.
    const dir = mkdtempSync(join(tmpdir(), 'netpol-epipe-'));
    const docs = Array.from({ length: 3000 }, (_, i) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p${i}, namespace: team}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 0}]}]\n`);
    const file = join(dir, 'many.yaml');
    writeFileSync(file, docs.join('---\n'));
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" check "${file}" | head -n 1 >/dev/null`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // errors found (port 0), as without the pipe
  });
});

describe.skipIf(!BUILT)('the installed bin (npm pack, npm install offline, node_modules/.bin/netpol)', () => {
  test('runs from a fresh project without cdk8s installed: the CLI needs no peer dependency', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netpol-install-'));
    const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
    const pack = npm(['pack', '--pack-destination', dir], ROOT);
    expect(pack.status).toBe(0);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const project = join(dir, 'project');
    spawnSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const install = npm(['install', '--offline', '--legacy-peer-deps', '--no-package-lock', join(dir, tarball)], project);
    expect(install.status).toBe(0);
    const bin = join(project, 'node_modules', '.bin', 'netpol');
    const r = spawnSync(bin, ['check', join(ROOT, 'test', 'fixtures', 'seeds'), '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    const codes = JSON.parse(r.stdout).issues.map((i: { code: string }) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['half-isolated', 'dns-egress-missing', 'and-or-suspect']));
  }, 120_000);
});
