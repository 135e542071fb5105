import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from 'vitest';

// The assertions must work under any test runner (jest, vitest, node:test, mocha): they may not
// import a runner, must load as CommonJS (jest's default module system), and must fail by
// throwing a plain Error whose message is the explanation (every runner reports those).

const ROOT = resolve(__dirname, '..', '..');
const RUNNERS = /^(vitest|@vitest\/.*|jest|@jest\/.*|jest-.*|node:test|assert|node:assert|chai|mocha)$/;

/** Every module specifier reachable from `entry` through relative imports. */
function importGraph(entry: string): { files: string[]; external: Set<string> } {
  const files: string[] = [];
  const external = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.includes(file)) continue;
    files.push(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (!spec.startsWith('.')) { external.add(spec); continue; }
      const base = resolve(dirname(file), spec);
      const candidates = [`${base}.ts`, join(base, 'index.ts')];
      const found = candidates.find((c) => { try { readFileSync(c); return true; } catch { return false; } });
      if (found) todo.push(found);
    }
  }
  return { files, external };
}

test('lib/testing imports no test runner, directly or through the analyzer', () => {
  const { files, external } = importGraph(join(ROOT, 'lib', 'testing', 'index.ts'));
  expect(files.some((f) => f.includes(join('lib', 'analysis')))).toBe(true);
  expect([...external].filter((s) => RUNNERS.test(s))).toEqual([]);
});

test('lib/testing and lib/analysis only ever throw plain Errors', () => {
  const { files } = importGraph(join(ROOT, 'lib', 'testing', 'index.ts'));
  const ours = files.filter((f) => f.includes(join('lib', 'testing')) || f.includes(join('lib', 'analysis')));
  const code = (f: string) => readFileSync(f, 'utf8').replace(/\/\*[^]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const other = ours.flatMap((f) => [...code(f).matchAll(/\bthrow\s+(?!new Error\()[^;]*/g)].map((m) => `${f}: ${m[0]}`));
  expect(other).toEqual([]);
});

// Loaded with require() (CommonJS, as jest loads modules) and run by node's own test runner.
const SCRIPT = `
const { test } = require('node:test');
const assert = require('node:assert');
const root = process.env.NETPOL_ROOT;
const { ApiObject, Chart, Testing } = require(require.resolve('cdk8s', { paths: [root] }));
const { Reachability } = require(root + '/lib/testing');

test('assertions under another runner', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
  for (const name of ['web', 'db']) {
    new ApiObject(chart, name, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  }
  new ApiObject(chart, 'p', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db' },
    spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }] } });
  const r = Reachability.fromChart(chart);
  r.assertAllowed('shop/web', 'shop/db', 5432);
  r.assertOnlyReachableFrom('shop/db', ['app=web'], 5432);
  let caught;
  try { r.assertAllowed('shop/web', 'shop/db', 80); } catch (e) { caught = e; }
  assert.ok(caught, 'a failing assertion throws');
  assert.strictEqual(Object.getPrototypeOf(caught), Error.prototype);
  assert.match(caught.message, /to be allowed, but it is denied[^]*matches the peer but only ports 5432\\/TCP/);
  assert.deepStrictEqual(Object.keys(require.cache).filter((k) => /node_modules[\\\\/](vitest|@vitest|jest|@jest)[\\\\/]/.test(k)), []);
});
`;

test('the assertions run under node:test from CommonJS, failing with a plain, readable Error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-runner-'));
  try {
    const file = join(dir, 'reachability.test.cjs');
    writeFileSync(file, SCRIPT);
    const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs', { paths: [ROOT] }), '--test', file], {
      env: { ...process.env, NETPOL_ROOT: ROOT, NODE_OPTIONS: '' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(r.stdout + r.stderr).toMatch(/# pass 1/);
    expect(r.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
