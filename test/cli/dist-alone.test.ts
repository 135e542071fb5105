import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from './fake-io';

// `netpol` on what pipelines have: the synthesized policies of an example (examples/dist/tour,
// here its snapshot) without the workloads, which are deployed elsewhere (issue 13).
const DIST = { 'dist/tour/tour.k8s.yaml': readFileSync(join(__dirname, '..', 'examples', '__snapshots__', 'tour.k8s.yaml'), 'utf8') };

const ASSUMED = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: payments}
spec:
  selector: {matchLabels: {app: api-server}}
  template:
    metadata: {labels: {app: api-server}}
    spec: {containers: [{name: api, image: api, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, namespace: web}
spec:
  selector: {matchLabels: {app: frontend}}
  template:
    metadata: {labels: {app: frontend}}
    spec: {containers: [{name: web, image: web}]}
`;

describe('explain on policies alone', () => {
  test('an unknown name says how to name a pod by labels or give its manifest', async () => {
    const r = await run(['explain', 'dist', '--from', 'web/frontend', '--to', 'payments/api', '--port', '8080'], DIST);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown endpoint "web/frontend"');
    expect(r.stderr).toContain('name it by namespace and labels, e.g. "web:app=frontend", or give its manifest with --assume FILE');
  });

  test.each([
    { from: 'web:app=frontend', to: 'payments:app=api-server', port: '8080', verdict: 'ALLOWED' },
    { from: 'monitoring:app=prometheus', to: 'payments:app=api-server', port: '8080', verdict: 'ALLOWED' },
    { from: 'web:app=frontend', to: 'payments:app=api-server', port: '9090', verdict: 'DENIED' },
    { from: 'web:app=frontend,tier=x', to: 'payments:app=postgres', port: '5432', verdict: 'DENIED' },
    { from: 'payments:needs-db=true', to: 'payments:app=postgres', port: '5432', verdict: 'DENIED' },
  ])('$from -> $to on $port: $verdict', async ({ from, to, port, verdict }) => {
    const r = await run(['explain', 'dist', '--from', from, '--to', to, '--port', port], DIST);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`: ${verdict}$`));
  });

  test('the egress deny of an assumed source is explained with its policies', async () => {
    const r = await run(['explain', 'dist', '--from', 'payments:needs-db=true', '--to', 'payments:app=postgres', '--port', '5432'], DIST);
    expect(r.stdout).toMatch(/egress of payments:needs-db=true: denied: isolated by payments\/default-deny/);
  });

  test('--assume reads workloads deployed elsewhere; they are named as usual', async () => {
    const r = await run(['explain', 'dist', '--assume', 'helm/web.yaml', '--from', 'web/frontend', '--to', 'payments/api', '--port', '8080'], { ...DIST, 'helm/web.yaml': ASSUMED });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('web/frontend -> payments/api on 8080/TCP: ALLOWED');
  });

  test('a malformed labels endpoint is a usage error naming the fix', async () => {
    const r = await run(['explain', 'dist', '--from', 'web:app', '--to', 'payments:app=api', '--port', '80'], DIST);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"web:app" is not an endpoint: .*namespace:labels for an assumed pod \(e\.g\. "shop:app=web"\)/);
  });
});

describe('matrix on policies alone', () => {
  test('--assume-pod adds pods by labels; --assume adds manifests', async () => {
    const r = await run(['matrix', 'dist', '--port', '8080', '--assume-pod', 'web:app=frontend', '--assume-pod', 'payments:app=api-server',
      '--assume-pod', 'web:app=other', '--format', 'json'], DIST);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.endpoints).toEqual(['web:app=frontend', 'payments:app=api-server', 'web:app=other']);
    const cell = (from: string, to: string) => m.results.find((x: { from: string; to: string }) => x.from === from && x.to === to).allowed;
    expect(cell('web:app=frontend', 'payments:app=api-server')).toBe(true);
    expect(cell('web:app=other', 'payments:app=api-server')).toBe(false);
    // payments pods may send nothing but DNS (default-deny + allow-dns).
    expect(cell('payments:app=api-server', 'web:app=frontend')).toBe(false);
  });

  test('--assume-pod must be namespace:labels', async () => {
    const r = await run(['matrix', 'dist', '--port', '80', '--assume-pod', 'web/frontend'], DIST);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--assume-pod "web\/frontend": write namespace:key=value/);
  });
});

describe('rule 34 through the CLI: nodes read from spec.nodeName', () => {
  const pods = (node: string) => `apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: ops}
spec: {hostNetwork: true, nodeName: ${node}, containers: [{name: a, image: a}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {nodeName: n1, containers: [{name: a, image: a}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;
  test.each([['n1', 'ALLOWED'], ['n2', 'DENIED']])('a hostNetwork client on node %s', async (node, verdict) => {
    const r = await run(['explain', 'c.yaml', '--from', 'ops/agent', '--to', 'shop/api', '--port', '80'], { 'c.yaml': pods(node) });
    expect(r.stdout.split('\n')[0]).toBe(`ops/agent -> shop/api on 80/TCP: ${verdict}`);
  });
});

describe('check: dead selectors only where the workloads are known complete', () => {
  // One workload of payments is known; the policies select others (postgres, api-server).
  const ONE = `apiVersion: v1
kind: Pod
metadata: {name: worker, namespace: payments, labels: {app: worker}}
spec: {containers: [{name: w, image: w}]}
`;
  const dead = (stdout: string) => (JSON.parse(stdout).issues as Array<{ code: string; object: string }>).filter((i) => i.code === 'selector-matches-nothing').map((i) => i.object).sort();

  test('policies plus one known workload: nothing reported, and the note says what was assumed', async () => {
    const r = await run(['check', 'dist', 'one.yaml', '--format', 'json'], { ...DIST, 'one.yaml': ONE });
    expect(dead(r.stdout)).toEqual([]);
    const note = JSON.parse(r.stdout).issues.find((i: { code: string }) => i.code === 'check-workloads-partial');
    expect(note).toMatchObject({ severity: 'info', message: expect.stringContaining('workloads of payments are taken as partial'), hint: expect.stringContaining('--complete-namespaces payments') });
  });

  test.each([
    ['--complete-namespaces', ['--complete-namespaces', 'payments']],
    ['--workloads-complete', ['--workloads-complete']],
  ])('said complete with %s: the dead selectors are reported', async (_, flags) => {
    const r = await run(['check', 'dist', 'one.yaml', '--format', 'json', ...flags], { ...DIST, 'one.yaml': ONE });
    // The tour's policies that select payments pods other than the one known (api-server, postgres),
    // on both ends of each flow (the web egress side names api-server pods of payments too).
    const expected = [
      'NetworkPolicy payments/allow-frontend-to-api-ingress', 'NetworkPolicy payments/allow-prometheus-to-api',
      'NetworkPolicy payments/postgres', 'NetworkPolicy payments/postgres',
      'NetworkPolicy payments/postgres-egress', 'NetworkPolicy payments/postgres-egress',
      'NetworkPolicy web/allow-frontend-to-api-egress',
    ];
    expect(dead(r.stdout)).toEqual(expected);
    expect(JSON.parse(r.stdout).issues.some((i: { code: string }) => i.code === 'check-workloads-partial')).toBe(false);
  });

  test('--assume-pod feeds the pod rules but never makes a namespace complete', async () => {
    const r = await run(['check', 'dist', '--assume-pod', 'payments:app=api-server', '--format', 'json'], DIST);
    expect(r.code).toBe(0);
    expect(dead(r.stdout)).toEqual([]);
    const bad = await run(['check', 'dist', '--assume-pod', 'payments'], DIST);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--assume-pod "payments": ')]);
  });

  test('a cluster export (the Namespace object and Pods with a uid) is complete by itself; --assume files never are', async () => {
    const exported = `apiVersion: v1
kind: Namespace
metadata: {name: payments, uid: 0b5e}
---
apiVersion: v1
kind: Pod
metadata: {name: worker, namespace: payments, uid: 7f1c, labels: {app: worker}}
spec: {containers: [{name: w, image: w}]}
`;
    const r = await run(['check', 'dist', 'export.yaml', '--format', 'json'], { ...DIST, 'export.yaml': exported });
    expect(dead(r.stdout)).toHaveLength(7);
    const a = await run(['check', 'dist', '--assume', 'export.yaml', '--format', 'json'], { ...DIST, 'export.yaml': exported });
    expect(dead(a.stdout)).toEqual([]);
  });
});

describe('explain --to a Service ClusterIP', () => {
  const SVC = `apiVersion: v1
kind: Service
metadata: {name: api, namespace: payments}
spec: {selector: {app: api-server}, clusterIP: 10.96.0.20, ports: [{port: 80, targetPort: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: payments}
spec: {clusterIP: 10.96.0.21, ports: [{port: 5432}]}
`;
  test('resolved to the pods behind it with --assume; the verdict is the backend\'s, on its targetPort', async () => {
    const files = { ...DIST, 'svc.yaml': SVC, 'helm/web.yaml': ASSUMED };
    const r = await run(['explain', 'dist', 'svc.yaml', '--assume', 'helm/web.yaml', '--from', 'web/frontend', '--to', '10.96.0.20', '--port', '80'], files);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('web/frontend -> payments/api on 8080/TCP: ALLOWED');
    expect(r.stdout).toContain('note: 10.96.0.20:80/TCP is Service payments/api: it goes to payments/api on targetPort http = 8080');
    const denied = await run(['explain', 'dist', 'svc.yaml', '--assume', 'helm/web.yaml', '--from', '203.0.113.9', '--to', '10.96.0.20', '--port', '80'], files);
    expect(denied.stdout.split('\n')[0]).toBe('ip:203.0.113.9 -> payments/api on 8080/TCP: DENIED');
  });

  test('refused clearly when the pods behind it are unknown, never "allowed, no policies"', async () => {
    const r = await run(['explain', 'dist', 'svc.yaml', '--from', '203.0.113.9', '--to', '10.96.0.20', '--port', '80'], { ...DIST, 'svc.yaml': SVC });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('whose selector app=api-server matches no pod or workload of namespace payments in the input');
    const db = await run(['explain', 'dist', 'svc.yaml', '--from', '203.0.113.9', '--to', '10.96.0.21', '--port', '5432'], { ...DIST, 'svc.yaml': SVC });
    expect(db.code).toBe(2);
    expect(db.stderr).toContain('Service payments/db, which has no selector');
    const m = await run(['matrix', 'dist', 'svc.yaml', '--port', '80', '--assume-pod', 'web:app=x', '--external', '10.96.0.21'], { ...DIST, 'svc.yaml': SVC });
    expect([m.code, m.stderr]).toEqual([2, expect.stringContaining('external 10.96.0.21 is the ClusterIP of Service payments/db')]);
  });
});
