import { describe, expect, test } from 'vitest';
import { run } from './fake-io';

// The validator and the unknown-field lint rule both report an unknown field; the reader and the
// validator both report a value of the wrong JSON type. `netpol check` shows each once.
const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {}
  ingres: []
  egres: []
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector:
    matchLabels: 5
  ingress: "x"
`;

describe('check: one issue per place', () => {
  test('unknown fields once each (as errors), wrong types once each, other issues of the object kept', async () => {
    const r = await run(['check', 'p.yaml'], { 'p.yaml': POLICIES });
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('p.yaml:'));
    expect(lines.map((l) => l.split(':').slice(0, 3).join(':'))).toEqual([
      'p.yaml:6: error unknown-field',
      'p.yaml:7: error unknown-field',
      'p.yaml:8: warning half-isolated',
      'p.yaml:15: error decode-error',
      'p.yaml:16: error decode-error',
    ]);
    expect(r.stdout).not.toContain('read-shape');
    expect(r.stdout).toContain('4 errors, 1 warning, 0 notes in 2 objects from 1 file');
    expect(r.code).toBe(1);
  });

  test('json counts the kept issues', async () => {
    const r = await run(['check', '--format', 'json', 'p.yaml'], { 'p.yaml': POLICIES });
    const out = JSON.parse(r.stdout);
    expect(out.summary).toMatchObject({ errors: 4, warnings: 1, infos: 0 });
    expect(out.issues.map((i: { field: string }) => i.field)).toEqual(['spec.ingres', 'spec.egres', 'spec.policyTypes', 'spec.podSelector.matchLabels', 'spec.ingress']);
  });
});
