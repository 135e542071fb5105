import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from '../cli/fake-io';

// `netpol diff` on the README's worked example (examples/yaml/review): a pull request that adds
// an ipBlock for health checks and, with one dash too many, turns an AND peer into an OR.

const REVIEW = join(__dirname, '..', '..', 'examples', 'yaml', 'review');
const files: { [path: string]: string } = { 'review/cluster.yaml': readFileSync(join(REVIEW, 'cluster.yaml'), 'utf8') };
for (const side of ['before', 'after']) {
  for (const f of readdirSync(join(REVIEW, side))) files[`review/${side}/${f}`] = readFileSync(join(REVIEW, side, f), 'utf8');
}
const args = ['diff', 'review/before', 'review/after', '--with', 'review/cluster.yaml'];
const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('netpol diff', () => {
  test('text: what opened, most significant first (outside addresses on top)', async () => {
    const r = await run(args, files);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'netpol diff: 2 pairs changed (2 opened, 0 closed)',
      '! shop/api is now reachable from outside addresses ip:0.0.0.0/0 on TCP 8080',
      'namespace shop',
      '  + ip:0.0.0.0/0 -> shop/api: opened TCP 8080',
      '  + web/cms -> shop/api: opened TCP 8080',
      '',
    ]);
  });

  test('the same input twice, or the sides swapped', async () => {
    const same = await run(['diff', 'review/before', 'review/before', '--with', 'review/cluster.yaml', '--fail-on', 'changed'], files);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('netpol diff: no change: every pair allows exactly what it allowed before\n');
    const back = await run(['diff', 'review/after', 'review/before', '--with', 'review/cluster.yaml', '-f', 'json'], files);
    const j = JSON.parse(back.stdout);
    expect([j.opened, j.closed]).toEqual([0, 2]);
    expect(j.groups[0].changes.map((c: any) => [c.kind, c.from, c.closed])).toEqual([['Removed', 'ip:0.0.0.0/0', { TCP: ['8080'] }], ['Removed', 'web/cms', { TCP: ['8080'] }]]);
  });

  test.each([
    ['opened', 1], ['closed', 0], ['changed', 1], ['never', 0],
  ])('--fail-on %s exits %i', async (failOn, code) => {
    expect((await run([...args, '--fail-on', String(failOn)], files)).code).toBe(code);
  });

  test('the README shows what --format markdown prints for the worked example', async () => {
    const r = await run([...args, '-f', 'markdown'], files);
    const shown = README.slice(README.indexOf('## What a change opens and closes'));
    const block = /```markdown\n([\s\S]*?)```/.exec(shown)![1];
    expect(block).toBe(r.stdout);
  });

  test.each([
    [['diff', 'review/before'], /give exactly two inputs, BEFORE and AFTER \(got 1\)/],
    [['diff', '-', '-'], /only one of BEFORE and AFTER can be -/],
    [['diff', 'review/before', 'nope'], /nope/],
  ])('%j is a clear usage error, exit 2', async (argv, message) => {
    const r = await run(argv as string[], files);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('policies alone: says that no flow can change without workloads', async () => {
    const r = await run(['diff', 'review/before', 'review/after'], files);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/neither input holds a pod or workload.*--with/);
  });
});
