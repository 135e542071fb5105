import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster, WorkloadInfo } from '../../lib/analysis';
import { LabelSelector, PolicySpec, Port, Protocol } from '../../lib/model';
import {
  allowFromIngressController, allowInternetEgress, allowSameNamespace, databaseTier, monitoringScrape, namespaceBaseline, tenantIsolation,
} from '../../lib/patterns';

// Each pattern, evaluated with the analyzer on a small cluster: the set of endpoints that can
// reach (or be reached from) the selected pods is exactly what the pattern documents, and pods
// the pattern does not select are left as they were (unisolated: everyone reaches them).

const pod = (namespace: string, name: string, labels: { [k: string]: string } = {}, ips?: string[]): WorkloadInfo =>
  ({ namespace, name, labels, ips });
const DNS = pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' });

function matrix(policies: PolicySpec[], workloads: WorkloadInfo[], ports: Array<[number, Protocol]>, externals: string[] = []) {
  return Analyzer.of(Cluster.of({ policies, workloads, externals })).matrix({ ports: ports.map(([port, protocol]) => ({ port, protocol })) });
}

describe('DatabaseTier: only clients in, nothing out', () => {
  const pods = [
    pod('payments', 'db', { app: 'postgres' }), pod('payments', 'api', { 'needs-db': 'true' }),
    pod('payments', 'web', { app: 'web' }), pod('other', 'client', { 'needs-db': 'true' }), DNS,
  ];
  const ports: Array<[number, Protocol]> = [[5432, Protocol.TCP], [80, Protocol.TCP], [53, Protocol.UDP]];

  test('defaults', () => {
    const m = matrix(databaseTier({ namespace: 'payments', name: 'db', database: LabelSelector.labels({ app: 'postgres' }) }), pods, ports);
    expect(m.sourcesOf('payments/db', 5432)).toEqual(['payments/api']); // not other/client: a bare pod peer is same-namespace
    expect(m.sourcesOf('payments/db', 80)).toEqual([]);
    for (const [port, protocol] of ports) expect(m.destinationsOf('payments/db', port, protocol)).toEqual([]);
    // the pattern touches nothing else
    expect(m.sourcesOf('payments/web', 80)).toEqual(['payments/api', 'other/client', 'kube-system/coredns']);
  });

  test('allowDns: DNS is the only way out', () => {
    const m = matrix(databaseTier({ namespace: 'payments', name: 'db', database: LabelSelector.labels({ app: 'postgres' }), allowDns: true }), pods, ports);
    expect(m.destinationsOf('payments/db', 53, Protocol.UDP)).toEqual(['kube-system/coredns']);
    expect(m.destinationsOf('payments/db', 80)).toEqual([]);
  });
});

describe('AllowMonitoringScrape: prometheus pods AND the monitoring namespace, opted-in targets, metrics ports', () => {
  const pods = [
    pod('payments', 'app', { 'monitoring.io/expose-metrics': 'true' }), pod('payments', 'plain'),
    pod('monitoring', 'prometheus', { app: 'prometheus' }), pod('monitoring', 'grafana', { app: 'grafana' }),
    pod('payments', 'fake-prometheus', { app: 'prometheus' }),
  ];
  const m = matrix(monitoringScrape({ namespace: 'payments', name: 'scrape' }), pods, [[9090, Protocol.TCP], [8080, Protocol.TCP]]);

  test('only prometheus in monitoring scrapes the opted-in pod, on 9090 only', () => {
    expect(m.sourcesOf('payments/app', 9090)).toEqual(['monitoring/prometheus']);
    expect(m.sourcesOf('payments/app', 8080)).toEqual([]);
  });

  test('pods that did not opt in are untouched', () => {
    expect(m.sourcesOf('payments/plain', 8080)).toHaveLength(4);
  });
});

describe('AllowFromIngressController: gateway-only backends', () => {
  const pods = [
    pod('shop', 'backend', { tier: 'backend' }), pod('shop', 'frontend'),
    pod('ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' }), pod('ingress-nginx', 'admission'),
    pod('shop', 'impostor', { 'app.kubernetes.io/name': 'ingress-nginx' }),
  ];
  test.each([
    [undefined, 443, ['ingress-nginx/controller']],
    [[Port.tcp(8080)], 8080, ['ingress-nginx/controller']],
    [[Port.tcp(8080)], 443, []],
  ])('ports %o, probe %i', (ports, probe, sources) => {
    const m = matrix(allowFromIngressController({ namespace: 'shop', name: 'gw', backends: LabelSelector.labels({ tier: 'backend' }), ports }),
      pods, [[probe, Protocol.TCP]]);
    expect(m.sourcesOf('shop/backend', probe)).toEqual(sources);
  });
});

describe('AllowSameNamespace: the namespace talks to itself and nothing else', () => {
  const pods = [pod('a', 'x'), pod('a', 'y'), pod('b', 'z')];
  const m = matrix(allowSameNamespace({ namespace: 'a', name: 'same' }), pods, [[80, Protocol.TCP]], ['93.184.216.34']);
  test.each([
    ['a/x', ['a/y']],
    ['a/y', ['a/x']],
  ])('%s reaches and is reached by exactly %o', (from, peers) => {
    expect(m.destinationsOf(from, 80)).toEqual(peers);
    expect(m.sourcesOf(from, 80)).toEqual(peers);
  });
});

describe('TenantIsolation: same tenant only, plus DNS', () => {
  const pods = [
    pod('shared', 'a1', { tenant: 'a' }), pod('shared', 'a2', { tenant: 'a' }), pod('shared', 'b1', { tenant: 'b' }),
    pod('shared', 'untenanted'), pod('other', 'a3', { tenant: 'a' }), DNS,
  ];
  const m = matrix(tenantIsolation({ namespace: 'shared', name: 't', tenants: ['a', 'b'] }), pods, [[80, Protocol.TCP], [53, Protocol.UDP]]);

  test.each([
    ['shared/a1', ['shared/a2']],
    ['shared/a2', ['shared/a1']],
    ['shared/b1', []],
  ])('%s: reaches and is reached by exactly %o on 80', (who, peers) => {
    expect(m.destinationsOf(who, 80)).toEqual(peers);
    expect(m.sourcesOf(who, 80)).toEqual(peers);
  });

  test('DNS is reachable by every tenant pod', () => {
    expect(m.destinationsOf('shared/b1', 53, Protocol.UDP)).toEqual(['kube-system/coredns']);
    expect(m.destinationsOf('shared/a1', 53, Protocol.UDP)).toEqual(['shared/a2', 'kube-system/coredns']);
  });

  test('acrossNamespaces admits the same tenant elsewhere', () => {
    const across = matrix(tenantIsolation({ namespace: 'shared', name: 't', tenants: ['a'], acrossNamespaces: true }), pods, [[80, Protocol.TCP]]);
    expect(across.sourcesOf('shared/a1', 80)).toEqual(['shared/a2', 'other/a3']);
  });
});

describe('AllowInternetEgress: public addresses only', () => {
  const externals = ['93.184.216.34', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '2606:4700::1111', 'fd00:ec2::254'];
  const pods = [pod('p', 'app', {}, ['10.0.0.5']), pod('p', 'peer', {}, ['10.0.0.6'])];

  test.each([
    [false, 443, ['93.184.216.34']],
    [true, 443, ['93.184.216.34', '2606:4700::1111']],
    [true, 80, []],
  ])('ipv6 %s, port %i', (ipv6, port, reachable) => {
    const m = matrix(allowInternetEgress({ namespace: 'p', name: 'internet', ipv6 }), pods, [[port, Protocol.TCP]], externals);
    expect(m.destinationsOf('p/app', port)).toEqual(reachable.map((ip) => `ip:${ip}`));
  });
});

describe('NamespaceBaseline: deny both ways, DNS, carve-outs', () => {
  const pods = [
    pod('a', 'x'), pod('a', 'y', { 'monitoring.io/expose-metrics': 'true' }), pod('b', 'z'),
    pod('monitoring', 'prometheus', { app: 'prometheus' }), DNS,
  ];
  const ports: Array<[number, Protocol]> = [[80, Protocol.TCP], [9090, Protocol.TCP], [53, Protocol.UDP], [53, Protocol.TCP]];

  test('defaults: only DNS leaves, nothing enters', () => {
    const m = matrix(namespaceBaseline({ namespace: 'a', name: 'b' }), pods, ports);
    for (const who of ['a/x', 'a/y']) {
      expect(m.destinationsOf(who, 53, Protocol.UDP)).toEqual(['kube-system/coredns']);
      expect(m.destinationsOf(who, 53, Protocol.TCP)).toEqual(['kube-system/coredns']);
      expect(m.destinationsOf(who, 80)).toEqual([]);
      for (const [port, protocol] of ports) expect(m.sourcesOf(who, port, protocol)).toEqual([]);
    }
  });

  test('carve-outs: same namespace both ways, prometheus scrapes the opted-in pod', () => {
    const m = matrix(namespaceBaseline({ namespace: 'a', name: 'b', allowSameNamespace: true, monitoring: {} }), pods, ports);
    expect(m.destinationsOf('a/x', 80)).toEqual(['a/y']);
    expect(m.sourcesOf('a/y', 9090)).toEqual(['a/x', 'monitoring/prometheus']);
    expect(m.sourcesOf('a/x', 9090)).toEqual(['a/y']);
    expect(m.sourcesOf('a/y', 80)).toEqual(['a/x']);
  });
});
