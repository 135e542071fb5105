import { describe, expect, test } from 'vitest';
import { run } from '../cli/fake-io';

// What a directory walk reads: files that are not Kubernetes manifests (a tool's JSON output, a
// Helm Chart.yaml, a package.json) are skipped with a note, so one stray file does not fail the
// whole run; named on the command line they stay errors. Links are followed, each file once.

const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\nspec: {podSelector: {}}\n';

const STRAYS: { [name: string]: string } = {
  'package.json': '{"name": "deploy", "version": "1.0.0", "scripts": {"test": "jest"}}\n',
  'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
  'report.json': '[{"policy": "web", "verdict": "allow"}]\n',
  'values.yaml': 'replicaCount: 2\nimage: {repository: nginx}\n',
};

describe('directory walks skip what is not a manifest', () => {
  test.each(Object.keys(STRAYS))('%s in a directory: a note, and matrix still answers (exit 0)', async (name) => {
    const r = await run(['matrix', 'deploy', '--port', '80'], { 'deploy/policy.yaml': POLICY, [`deploy/${name}`]: STRAYS[name] });
    expect(r.code).toBe(0);
    const c = await run(['check', 'deploy', '--verbose'], { 'deploy/policy.yaml': POLICY, [`deploy/${name}`]: STRAYS[name] });
    expect(c.code).toBe(0);
    expect(c.stdout).toContain(`deploy/${name}: note input-skipped: not a Kubernetes manifest (no document is an object with a kind); skipped`);
  });

  test.each(Object.keys(STRAYS))('%s named on the command line stays an error (exit 2)', async (name) => {
    const r = await run(['check', name, 'policy.yaml'], { 'policy.yaml': POLICY, [name]: STRAYS[name] });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`^${name.replace('.', '\\.')}:\\d+: error read-(missing-kind|not-an-object)`, 'm'));
  });

  test('a walked file with a broken manifest stays an error: only files with no Kubernetes object at all are skipped', async () => {
    const r = await run(['check', 'deploy'], { 'deploy/policy.yaml': POLICY, 'deploy/mixed.yaml': `${POLICY}---\nmetadata: {name: x}\n` });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/deploy\/mixed\.yaml:\d+: error read-missing-kind/);
  });

  test('a FIFO or device in a directory is skipped with a note; named, it is read up to the byte cap', async () => {
    const walked = await run(['check', 'deploy', '--verbose'], { 'deploy/policy.yaml': POLICY }, { special: ['deploy/pipe.yaml'] });
    expect(walked.code).toBe(0);
    expect(walked.stdout).toContain('deploy/pipe.yaml: note input-skipped: not a regular file');
    const named = await run(['check', 'deploy/pipe.yaml'], {}, { special: ['deploy/pipe.yaml'] });
    expect(named.code).toBe(2);
    expect(named.stdout).toContain('deploy/pipe.yaml: error input-too-large: this input is larger than 32 MB');
  });

  test('links are followed; a loop ends and each file is read once', async () => {
    const r = await run(['check', 'deploy', 'deploy/base/policy.yaml'], { 'deploy/base/policy.yaml': POLICY }, {
      links: { 'deploy/base/up': 'deploy', 'deploy/also.yaml': 'deploy/base/policy.yaml', 'deploy/self': 'deploy/self' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/in 1 object from 1 file/);
  });
});

describe('byte cap and stdin', () => {
  test('stdin over the cap is refused, naming -', async () => {
    const r = await run(['check', '-'], {}, { stdin: `${POLICY}# ${'x'.repeat(2 * 1024 * 1024)}\n`, env: { NETPOL_MAX_INPUT_MB: '1' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^-: error input-too-large: this input is 2\.0 MB; netpol reads at most 1 MB/m);
  });

  test.each(['0', '-5', 'lots', ''])('NETPOL_MAX_INPUT_MB=%j is not a size: the default (32 MB) holds', async (value) => {
    const r = await run(['check', 'p.yaml'], { 'p.yaml': POLICY }, { env: { NETPOL_MAX_INPUT_MB: value } });
    expect(r.code).toBe(0);
  });
});
