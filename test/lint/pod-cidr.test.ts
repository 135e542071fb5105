import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { run } from '../cli/fake-io';
import { FIXTURES, lintFixture } from './load-fixture';

// ipblock-covers-cluster reads the cluster's pod CIDR from the options (`--pod-cidr` on the
// command line); the RFC 1918 ranges are only the default.

const RULE = 'ipblock-covers-cluster';
const fields = (path: string, podCidrs?: string[]) =>
  lintFixture(path, podCidrs ? { podCidrs } : {}).issues.filter((i) => i.code === RULE).map((i) => i.field);

test('a pod CIDR outside RFC 1918: 0.0.0.0/0 except the private ranges now covers the pods', () => {
  expect(fields(`lint/${RULE}/pass.yaml`)).toEqual([]);
  expect(fields(`lint/${RULE}/pass.yaml`, ['100.64.0.0/16'])).toEqual(['spec.egress[0].to[1].ipBlock']);
});

test('10.0.0.0/8 no longer covers the pods when they live in 100.64.0.0/16; a known pod IP still counts', () => {
  expect(fields(`lint/${RULE}/fail.yaml`)).toEqual(['spec.egress[0].to[0].ipBlock', 'spec.egress[0].to[1].ipBlock']);
  expect(fields(`lint/${RULE}/fail.yaml`, ['100.64.0.0/16'])).toEqual(['spec.egress[0].to[1].ipBlock']);
});

test('netpol check --pod-cidr passes the CIDR to the rule, and the message names it', async () => {
  const text = readFileSync(join(FIXTURES, 'lint', RULE, 'pass.yaml'), 'utf8');
  const r = await run(['check', 'p.yaml', '--pod-cidr', '100.64.0.0/16', '--format', 'json'], { 'p.yaml': text });
  const hit = JSON.parse(r.stdout).issues.filter((i: { code: string }) => i.code === RULE);
  expect(hit).toHaveLength(1);
  expect(hit[0].message).toContain('100.64.0.0/16');
  expect(hit[0].hint ?? '').not.toMatch(/assumed/);
  const plain = await run(['check', 'p.yaml', '--format', 'json'], { 'p.yaml': text });
  expect(JSON.parse(plain.stdout).issues.filter((i: { code: string }) => i.code === RULE)).toEqual([]);
});
