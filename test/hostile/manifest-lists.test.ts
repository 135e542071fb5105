import { describe, expect, test } from 'vitest';
import { readObjects } from '../../lib/manifest/read-objects';
import { MAX_LIST_DEPTH } from '../../lib/manifest/list-items';
import { run } from '../cli/fake-io';

// Issue 11: typed lists as the API server returns them (items without kind), and Lists in Lists.

const TYPED = `apiVersion: v1
kind: PodList
items:
- metadata: {name: a, namespace: ns, labels: {app: a}}
- metadata: {name: b, namespace: ns, labels: {app: b}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicyList
items:
- metadata: {name: deny, namespace: ns}
  spec: {podSelector: {}}
`;

const NESTED_PORT_0 = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: List
  items:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: zero, namespace: ns}
    spec:
      podSelector: {}
      ingress:
      - ports: [{port: 0}]
`;

describe('typed lists', () => {
  test('matrix reads the pods of a PodList and the policies of a NetworkPolicyList: the deny-all denies', async () => {
    const r = await run(['matrix', 'f.yaml', '--port', '80', '--format', 'json'], { 'f.yaml': TYPED });
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.endpoints).toEqual(['ns/a', 'ns/b']);
    expect(m.results.map((x: { allowed: boolean }) => x.allowed)).toEqual([false, false]);
  });

  test('explain applies the policies of a NetworkPolicyList', async () => {
    const r = await run(['explain', 'f.yaml', '--from', 'ns/a', '--to', 'ns/b', '--port', '80'], { 'f.yaml': TYPED });
    expect(r.stdout).toMatch(/DENIED/);
    expect(r.stdout).toContain('isolated by ns/deny');
  });

  test('check reports no false apiVersion/kind errors for typed list items', async () => {
    const r = await run(['check', 'f.yaml', '--no-lint'], { 'f.yaml': TYPED });
    expect(r.stdout).not.toMatch(/apiVersion|kind/i);
    expect(r.stdout).toMatch(/0 errors/);
    expect(r.code).toBe(0);
  });

  test('readObjects gives typed list items the list kind and apiVersion', () => {
    const read = readObjects([{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicyList', items: [{ metadata: { name: 'p', namespace: 'ns' }, spec: { podSelector: {} } }] }]);
    expect(read.policies.map((p) => p.id)).toEqual(['ns/p']);
    expect(read.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('Lists inside Lists', () => {
  test('check --no-lint reports port 0 of a policy in a List in a List', async () => {
    const r = await run(['check', 'f.yaml', '--no-lint'], { 'f.yaml': NESTED_PORT_0 });
    expect(r.stdout).toContain('spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
    expect(r.code).toBe(1);
  });

  test('import refuses the nested invalid policy (validated like a top-level one)', async () => {
    const r = await run(['import', 'f.yaml'], { 'f.yaml': NESTED_PORT_0 });
    expect(r.stderr).toContain('must be between 1 and 65535');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });

  test('lists nested too deep are an error, not a crash nor silence', () => {
    let obj: { [k: string]: unknown } = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' } };
    for (let i = 0; i <= MAX_LIST_DEPTH; i++) obj = { apiVersion: 'v1', kind: 'List', items: [obj] };
    const read = readObjects([obj]);
    expect(read.workloads).toEqual([]);
    expect(read.issues).toContainEqual(expect.objectContaining({ code: 'read-list-items', severity: 'error' }));
  });
});
