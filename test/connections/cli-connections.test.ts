import { describe, expect, test } from 'vitest';
import { run } from '../cli/fake-io';

// `netpol connections` and `netpol explain` without --port on a small shop: a named port that
// means different numbers on two pods, a port range, an ipBlock with an except, and a pod that
// no policy isolates.

const CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: i}]}
status: {podIP: 10.1.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: 10.1.0.6}
---
apiVersion: v1
kind: Pod
metadata: {name: admin, namespace: shop, labels: {app: admin}}
spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 3000}]}]}
status: {podIP: 10.1.0.7}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: http}, {port: 9000, endPort: 9100}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
    - to: [{podSelector: {}}]
      ports: [{port: http}, {protocol: UDP}]
    - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
      ports: [{port: 443}]
`;

const files = { 'c.yaml': CLUSTER };

describe('netpol connections', () => {
  test('one line per pair: named ports per destination, ranges, both sides intersected', async () => {
    const r = await run(['connections', 'c.yaml', '--from', 'shop/web'], files);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    // web's egress admits http (8080 on api, 3000 on admin) and all UDP; api's ingress admits http and 9000-9100 from web.
    expect(lines).toContain('shop/web -> shop/api: TCP 8080');
    // admin is not isolated for ingress: web's egress alone decides.
    expect(lines).toContain('shop/web -> shop/admin: TCP 3000, all UDP');
    // Outside addresses: the ranges the ipBlock and its except cut, covering every address.
    expect(lines).toContain('shop/web -> ip:0.0.0.0-9.255.255.255: TCP 443');
    expect(lines).toContain('shop/web -> ip:10.0.0.0/8: no connections');
    expect(lines).toContain('shop/web -> ip:11.0.0.0-255.255.255.255: TCP 443');
    expect(lines).toContain('shop/web -> ip:::/0: no connections');
  });

  test('--allowed-only, --to, and an address named by any address of its range', async () => {
    const r = await run(['connections', 'c.yaml', '--to', '203.0.113.9', '--allowed-only'], files);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('shop/web -> ip:11.0.0.0-255.255.255.255: TCP 443\nshop/api -> ip:11.0.0.0-255.255.255.255: all connections\nshop/admin -> ip:11.0.0.0-255.255.255.255: all connections\n');
  });

  test('JSON, CSV and Markdown carry the same sets', async () => {
    const json = JSON.parse((await run(['connections', 'c.yaml', '--from', 'shop/web', '--to', 'shop/admin', '-f', 'json'], files)).stdout);
    expect(json).toEqual({ connections: [{ from: 'shop/web', to: 'shop/admin', allowed: { TCP: ['3000'], UDP: ['1-65535'] }, text: 'TCP 3000, all UDP' }] });
    const csv = (await run(['connections', 'c.yaml', '--from', 'shop/web', '--to', 'shop/admin', '-f', 'csv'], files)).stdout;
    expect(csv).toBe('from,to,connections\nshop/web,shop/admin,"TCP 3000, all UDP"\n');
    const md = (await run(['connections', 'c.yaml', '--from', 'shop/web', '--to', 'shop/api', '-f', 'markdown'], files)).stdout;
    expect(md).toBe('| from | to | connections |\n|---|---|---|\n| shop/web | shop/api | TCP 8080 |\n');
  });

  test('an unknown endpoint is a usage error naming the flag', async () => {
    const r = await run(['connections', 'c.yaml', '--from', 'shop/nope'], files);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from: "shop\/nope" is not an endpoint/);
    expect(r.stdout).toBe('');
  });
});

describe('netpol explain without --port', () => {
  test('the whole set, each side\'s rules with what they admit, then part by part', async () => {
    const r = await run(['explain', 'c.yaml', '--from', 'shop/web', '--to', 'shop/api'], files);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shop/web -> shop/api: TCP 8080');
    expect(r.stdout).toContain('egress of shop/web: TCP 8080, all UDP: isolated by shop/web-egress');
    expect(r.stdout).toContain('shop/web-egress spec.egress[0]: TCP 8080, all UDP');
    expect(r.stdout).toContain('ingress of shop/api: TCP 8080, 9000-9100: isolated by shop/api-ingress');
    expect(r.stdout).toContain('TCP 8080: egress shop/web-egress spec.egress[0]; ingress shop/api-ingress spec.ingress[0]');
  });

  test('JSON gives the set, the parts and each rule\'s part', async () => {
    const r = await run(['explain', 'c.yaml', '--from', 'shop/web', '--to', 'shop/admin', '-f', 'json'], files);
    const j = JSON.parse(r.stdout);
    expect(j.connections).toEqual({ TCP: ['3000'], UDP: ['1-65535'] });
    expect(j.ingress.outcome).toBe('NotIsolated');
    expect(j.egress.allowedBy[0].connections).toEqual({ TCP: ['3000'], UDP: ['1-65535'] });
    expect(j.parts).toEqual([
      { protocol: 'TCP', fromPort: 3000, toPort: 3000, egressBy: ['shop/web-egress spec.egress[0]'], ingressBy: [] },
      { protocol: 'UDP', fromPort: 1, toPort: 65535, egressBy: ['shop/web-egress spec.egress[0]'], ingressBy: [] },
    ]);
  });
});
