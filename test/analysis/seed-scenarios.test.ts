import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster, WorkloadInfo } from '../../lib/analysis';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { Protocol } from '../../lib/model';

// The seeds' payments scenario (/work/shared/seeds/002: default-deny-all-traffic,
// api-server-traffic-rules, allow-prometheus-scrape; /work/shared/seeds/000 pattern 3 for the
// database), transcribed as JSON. It must allow exactly its intended flows and deny the rest;
// the article's three production mistakes must show up as the flows they open or close.

const pods: WorkloadInfo[] = [
  { namespace: 'web', name: 'frontend', labels: { app: 'frontend' }, ips: ['10.1.0.1'] },
  { namespace: 'web', name: 'other', labels: { app: 'other' }, ips: ['10.1.0.2'] },
  { namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' }, ips: ['10.2.0.1'] },
  { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ips: ['10.3.0.10'] },
  { namespace: 'payments', name: 'api-server', labels: { 'app': 'api-server', 'needs-db': 'true' }, ips: ['10.4.0.1'] },
  { namespace: 'payments', name: 'postgres-primary', labels: { app: 'postgres-primary' }, ips: ['10.4.0.2'] },
  { namespace: 'payments', name: 'postgres-replica', labels: { 'app': 'postgres-replica', 'monitoring.io/expose-metrics': 'true' }, ips: ['10.4.0.3'] },
];
const NS_NAME = 'kubernetes.io/metadata.name';
const np = (name: string, spec: unknown) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'payments' }, spec });

const defaultDeny = np('default-deny-all-traffic', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const apiServerRules = (from: unknown[]) => np('api-server-traffic-rules', {
  podSelector: { matchLabels: { app: 'api-server' } },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [{ from, ports: [{ protocol: 'TCP', port: 8080 }] }],
  egress: [
    { to: [{ podSelector: { matchLabels: { app: 'postgres-primary' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
    { to: [{ namespaceSelector: { matchLabels: { [NS_NAME]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
  ],
});
const AND = [{ namespaceSelector: { matchLabels: { [NS_NAME]: 'web' } }, podSelector: { matchLabels: { app: 'frontend' } } }];
const OR = [{ namespaceSelector: { matchLabels: { [NS_NAME]: 'web' } } }, { podSelector: { matchLabels: { app: 'frontend' } } }];
const scrape = np('allow-prometheus-scrape', {
  podSelector: { matchLabels: { 'monitoring.io/expose-metrics': 'true' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NS_NAME]: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
});
const database = np('postgres-allow-app', {
  podSelector: { matchLabels: { app: 'postgres-primary' } },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [{ from: [{ podSelector: { matchLabels: { 'needs-db': 'true' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
  egress: [],
});

const PORTS = [
  { port: 8080, protocol: Protocol.TCP }, { port: 5432, protocol: Protocol.TCP },
  { port: 53, protocol: Protocol.UDP }, { port: 53, protocol: Protocol.TCP }, { port: 443, protocol: Protocol.TCP },
];
const STRIPE = '54.187.174.169';

function allowedTouchingPayments(policies: unknown[]): string[] {
  const analyzer = Analyzer.of(Cluster.of({ workloads: pods, policies: policies.map((p) => parseNetworkPolicy(p).spec!), externals: [STRIPE] }));
  return analyzer.matrix({ ports: PORTS }).entries()
    .filter((e) => e.allowed && (e.from.startsWith('payments/') || e.to.startsWith('payments/')))
    .map((e) => `${e.from} -> ${e.to} ${e.port}/${e.protocol}`);
}

describe('seed scenario: payments behind a default deny', () => {
  test('allows exactly the intended flows into, out of and within payments', () => {
    expect(allowedTouchingPayments([defaultDeny, apiServerRules(AND), scrape, database])).toEqual([
      'web/frontend -> payments/api-server 8080/TCP',
      'monitoring/prometheus -> payments/postgres-replica 8080/TCP',
      'payments/api-server -> kube-system/coredns 53/UDP',
      'payments/api-server -> kube-system/coredns 53/TCP',
      'payments/api-server -> payments/postgres-primary 5432/TCP',
    ]);
  });

  test('mistake 1: an Ingress-only baseline leaves egress open (the pod is half-locked)', () => {
    const ingressOnly = np('default-deny-all-traffic', { podSelector: {}, policyTypes: ['Ingress'] });
    const opened = allowedTouchingPayments([ingressOnly, scrape]);
    expect(opened).toContain(`payments/postgres-primary -> ip:${STRIPE} 443/TCP`);
    expect(opened.filter((f) => f.includes('-> payments/'))).toEqual(['monitoring/prometheus -> payments/postgres-replica 8080/TCP']);
  });

  test('mistake 2: without the DNS carve-out, default-deny egress blocks name resolution', () => {
    const withoutDns = np('api-server-traffic-rules', {
      podSelector: { matchLabels: { app: 'api-server' } }, policyTypes: ['Ingress', 'Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'postgres-primary' } } }], ports: [{ port: 5432 }] }],
    });
    expect(allowedTouchingPayments([defaultDeny, withoutDns, database]).filter((f) => f.includes(' 53/'))).toEqual([]);
  });

  test('mistake 3: the OR form also lets every other pod of web in', () => {
    const and = allowedTouchingPayments([defaultDeny, apiServerRules(AND)]);
    const or = allowedTouchingPayments([defaultDeny, apiServerRules(OR)]);
    expect(or.filter((f) => !and.includes(f))).toEqual(['web/other -> payments/api-server 8080/TCP']);
  });
});
