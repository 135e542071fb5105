import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Analyzer, Cluster, FlowPort } from '../../lib/analysis';
import { Protocol } from '../../lib/model';

// The seeds' other examples (/work/shared/seeds/000, 001, 003), policies copied as YAML, read as
// Kubernetes objects (Namespaces, Pods with status.podIP, NetworkPolicies). Each must allow
// exactly what its article says and deny the rest; seed-scenarios.test.ts covers seed 002.

const yaml = (text: string) => parseAllDocuments(text).map((d) => d.toJSON());
const pod = (namespace: string, name: string, labels: Record<string, string>, ip: string) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, labels }, spec: { containers: [{ name: 'c', image: 'x' }] }, status: { podIP: ip } });
const ns = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

function analyzer(objects: unknown[]): Analyzer {
  const cluster = Cluster.fromManifests(objects);
  expect(cluster.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return Analyzer.of(cluster);
}

// Seed 000: patterns 1-3, the payments-backend egress and the corporate VPN, all in payments.
const SEED_000 = yaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-prometheus-scrape, namespace: payments}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
      podSelector: {matchLabels: {app: prometheus}}
    ports: [{protocol: TCP, port: 9090}, {protocol: TCP, port: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: backend-ingress-from-gateway, namespace: payments}
spec:
  podSelector: {matchLabels: {tier: backend}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
      podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: postgres-allow-app, namespace: payments}
spec:
  podSelector: {matchLabels: {app: postgres}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{podSelector: {matchLabels: {needs-db: "true"}}}]
    ports: [{protocol: TCP, port: 5432}]
  egress: []
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: payments-egress, namespace: payments}
spec:
  podSelector: {matchLabels: {app: payments-backend}}
  policyTypes: [Egress]
  egress:
  - ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: payments}}}]
    ports: [{protocol: TCP, port: 5432}, {protocol: TCP, port: 6379}]
  - to: [{ipBlock: {cidr: 54.187.174.169/32}}]
    ports: [{protocol: TCP, port: 443}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-corporate-vpn-ingress, namespace: payments}
spec:
  podSelector: {matchLabels: {app: admin-panel}}
  policyTypes: [Ingress]
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.99.0.0/16]}}]
    ports: [{protocol: TCP, port: 443}]
`);

describe('seed 000: production patterns in payments', () => {
  // Pod IPs outside 10.0.0.0/8, so that only the VPN addresses fall in the VPN's ipBlock.
  const objects = [
    ns('payments'), ns('monitoring'), ns('ingress-nginx'), ns('kube-system'),
    pod('monitoring', 'prometheus', { app: 'prometheus' }, '100.64.1.1'),
    pod('ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' }, '100.64.2.1'),
    pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, '100.64.3.1'),
    pod('payments', 'backend', { 'app': 'payments-backend', 'tier': 'backend', 'needs-db': 'true' }, '100.64.4.1'),
    pod('payments', 'postgres', { app: 'postgres' }, '100.64.4.2'),
    pod('payments', 'app', { 'needs-db': 'true' }, '100.64.4.3'),
    pod('payments', 'admin', { app: 'admin-panel' }, '100.64.4.4'),
    ...SEED_000,
  ];
  const STRIPE = 'ip:54.187.174.169';
  const VPN = 'ip:10.1.2.3';
  const DMZ = 'ip:10.99.0.5';
  const ports: FlowPort[] = [...[8080, 9090, 5432, 6379, 443].map((port) => ({ port })), { port: 53, protocol: Protocol.UDP }];
  const allowed = analyzer(objects).matrix({ ports, externals: [STRIPE, VPN, DMZ].map((e) => e.slice(3)) }).entries()
    .filter((e) => e.allowed).map((e) => `${e.from} -> ${e.to} ${e.port}/${e.protocol}`);

  test('into payments: prometheus scrapes every pod, the gateway reaches the backend, db clients reach postgres, the VPN the admin panel', () => {
    const payments = ['payments/backend', 'payments/postgres', 'payments/app', 'payments/admin'];
    expect(allowed.filter((f) => f.split(' ')[2].startsWith('payments/')).sort()).toEqual([
      ...payments.flatMap((p) => [`monitoring/prometheus -> ${p} 8080/TCP`, `monitoring/prometheus -> ${p} 9090/TCP`]),
      ...ports.map((p) => `ingress-nginx/controller -> payments/backend ${p.port}/${p.protocol ?? 'TCP'}`),
      'payments/app -> payments/postgres 5432/TCP',
      'payments/backend -> payments/postgres 5432/TCP',
      `${VPN} -> payments/admin 443/TCP`,
    ].sort());
  });

  test('out of the backend: DNS anywhere, postgres, Stripe on 443; postgres sends nothing', () => {
    const dns = ['kube-system/coredns', 'monitoring/prometheus', 'ingress-nginx/controller', STRIPE, VPN, DMZ];
    expect(allowed.filter((f) => f.startsWith('payments/backend ') || f.startsWith('payments/postgres ')).sort()).toEqual([
      ...dns.map((d) => `payments/backend -> ${d} 53/UDP`),
      'payments/backend -> payments/postgres 5432/TCP',
      `payments/backend -> ${STRIPE} 443/TCP`,
    ].sort());
  });

  test('the VPN ipBlock also admits pods whose IPs fall in 10.0.0.0/8 (rule 22)', () => {
    const moved = objects.map((o: any) => (o.metadata?.name === 'app' ? { ...o, status: { podIP: '10.20.0.3' } } : o));
    expect(analyzer(moved).isAllowed('payments/app', 'payments/admin', 443)).toBe(true);
  });
});

// Seed 001: three examples in the default namespace.
const DENY_ALL = yaml('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');
const FRONTEND_ACCESS = yaml('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-frontend-access, namespace: default}\nspec:\n  podSelector: {matchLabels: {role: backend}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {role: frontend}}}]\n');
const GOOGLE_DNS = yaml('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-google-dns, namespace: default}\nspec:\n  podSelector: {matchLabels: {app: dns-client}}\n  policyTypes: [Egress]\n  egress:\n  - to: [{ipBlock: {cidr: 8.8.8.8/32}}]\n');

describe('seed 001: deny-all, frontend to backend, a DNS client', () => {
  const pods = [
    pod('default', 'frontend', { role: 'frontend' }, '10.0.0.1'),
    pod('default', 'backend', { role: 'backend' }, '10.0.0.2'),
    pod('default', 'client', { app: 'dns-client' }, '10.0.0.3'),
  ];
  const reach = (policies: unknown[], from: string, port = 80, protocol?: Protocol) =>
    analyzer([...pods, ...policies]).matrix({ ports: [{ port, protocol }], externals: ['8.8.8.8', '1.1.1.1'] }).destinationsOf(from, port, protocol);
  const sources = (policies: unknown[], to: string) =>
    analyzer([...pods, ...policies]).matrix({ ports: [{ port: 80 }], externals: ['8.8.8.8'] }).sourcesOf(to, 80);

  test('deny-all: blocks all traffic in both directions', () => {
    for (const p of ['default/frontend', 'default/backend', 'default/client']) {
      expect(reach(DENY_ALL, p)).toEqual([]);
      expect(sources(DENY_ALL, p)).toEqual([]);
    }
  });

  test('allow-frontend-access: only role=frontend reaches role=backend (no policyTypes: Ingress only)', () => {
    expect(sources(FRONTEND_ACCESS, 'default/backend')).toEqual(['default/frontend']);
    expect(reach(FRONTEND_ACCESS, 'default/backend')).toEqual(['default/frontend', 'default/client', 'ip:8.8.8.8', 'ip:1.1.1.1']);
  });

  test('allow-google-dns: the client talks to 8.8.8.8 and nothing else; its ingress stays open', () => {
    expect(reach(GOOGLE_DNS, 'default/client', 53, Protocol.UDP)).toEqual(['ip:8.8.8.8']);
    expect(sources(GOOGLE_DNS, 'default/client')).toEqual(['default/frontend', 'default/backend', 'ip:8.8.8.8']);
  });

  test('deny-all beside allow-frontend-access: the frontend is now isolated for egress, so it cannot reach the backend', () => {
    const a = analyzer([...pods, ...DENY_ALL, ...FRONTEND_ACCESS]);
    const v = a.explain('default/frontend', 'default/backend', 80);
    expect([v.allowed, v.egress.allowed, v.ingress.allowed]).toEqual([false, false, true]);
  });
});

// Seed 003: an ipBlock with except, a port range, several protocols.
const SEED_003 = yaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-ingress-from-ip, namespace: default}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
  - from: [{ipBlock: {cidr: 192.168.1.0/24, except: [192.168.1.1/32]}}]
    ports: [{protocol: TCP, port: 443}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: port-range-policy, namespace: default}
spec:
  podSelector: {matchLabels: {app: monitoring}}
  policyTypes: [Ingress]
  ingress:
  - from: [{namespaceSelector: {matchLabels: {name: prometheus}}}]
    ports: [{protocol: TCP, port: 9100}, {protocol: TCP, port: 9090, endPort: 9100}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: protocol-policy, namespace: default}
spec:
  podSelector: {matchLabels: {app: custom-app}}
  policyTypes: [Ingress]
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
    ports: [{protocol: TCP, port: 80}, {protocol: UDP, port: 53}, {protocol: SCTP, port: 3010}]
`);

describe('seed 003: ipBlock except, port range, protocols', () => {
  const a = analyzer([
    ns('default'), ns('prom', { name: 'prometheus' }),
    pod('default', 'web', { app: 'web' }, '10.0.0.1'),
    pod('default', 'monitoring', { app: 'monitoring' }, '10.0.0.2'),
    pod('default', 'custom', { app: 'custom-app' }, '10.0.0.3'),
    pod('prom', 'scraper', { app: 'prometheus' }, '172.16.0.1'),
    ...SEED_003,
  ]);
  const rows: Array<[string, string, number, Protocol, boolean]> = [
    ['192.168.1.7', 'default/web', 443, Protocol.TCP, true],
    ['192.168.1.1', 'default/web', 443, Protocol.TCP, false],
    ['192.168.1.7', 'default/web', 80, Protocol.TCP, false],
    ['default/custom', 'default/web', 443, Protocol.TCP, false],
    ['prom/scraper', 'default/monitoring', 9090, Protocol.TCP, true],
    ['prom/scraper', 'default/monitoring', 9100, Protocol.TCP, true],
    ['prom/scraper', 'default/monitoring', 9101, Protocol.TCP, false],
    ['default/web', 'default/monitoring', 9095, Protocol.TCP, false],
    ['default/web', 'default/custom', 80, Protocol.TCP, true],
    ['default/web', 'default/custom', 53, Protocol.UDP, true],
    ['default/web', 'default/custom', 53, Protocol.TCP, false],
    ['default/web', 'default/custom', 3010, Protocol.SCTP, true],
    ['prom/scraper', 'default/custom', 80, Protocol.TCP, false],
  ];
  test.each(rows)('%s -> %s %d/%s allowed: %s', (from, to, port, protocol, allowed) => {
    expect(a.isAllowed(from, to, port, protocol)).toBe(allowed);
  });
});
