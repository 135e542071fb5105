import { afterEach, describe, expect, test, vi } from 'vitest';
import { Analyzer, Cluster, WorkloadInfo } from '../../lib/analysis';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { LabelSelector, Port, Protocol } from '../../lib/model';

// The matrix is computed per equivalence class: the work done by the semantic predicates
// (selector and port matching) depends on the distinct classes, not on how many pods share one.

const KINDS = [
  { namespace: 'shop', labels: { app: 'web' } },
  { namespace: 'shop', labels: { app: 'api' } },
  { namespace: 'shop', labels: { app: 'db' } },
  { namespace: 'ops', labels: { app: 'agent' } },
];
const POLICIES = [
  { metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
  { metadata: { name: 'api', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] }], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }] } },
  { metadata: { name: 'db', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.3.0.0/16'] } }] }] } },
  { metadata: { name: 'web', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }] }] } },
].map((p) => parseNetworkPolicy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...p }).spec!);

/** `perKind` pods of each kind, all in one class per kind (same labels, ports, no IP in the block). */
function cluster(perKind: number): Cluster {
  const workloads: WorkloadInfo[] = [];
  KINDS.forEach((k, i) => {
    for (let n = 0; n < perKind; n++) {
      workloads.push({ ...k, name: `${k.labels.app}-${n}`, ips: [`192.168.${i}.${n % 250}`], containerPorts: [{ name: 'http', port: 8080 }] });
    }
  });
  return Cluster.of({ workloads, policies: POLICIES });
}

const PORTS = [{ port: 8080 }, { port: 5432 }, { port: 53, protocol: Protocol.UDP }];

function predicateCalls(perKind: number): { selectors: number; ports: number; classes: number } {
  const selectors = vi.spyOn(LabelSelector.prototype, 'matches');
  const ports = vi.spyOn(Port.prototype, 'matches');
  const m = Analyzer.of(cluster(perKind)).matrix({ ports: PORTS });
  const out = { selectors: selectors.mock.calls.length, ports: ports.mock.calls.length, classes: m.classCount };
  vi.restoreAllMocks();
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('matrix cost follows equivalence classes', () => {
  test('the predicates are asked as often for 5 pods per class as for 5,000', () => {
    const small = predicateCalls(5);
    const large = predicateCalls(5000);
    expect(small.classes).toBe(KINDS.length);
    expect(large).toEqual(small);
    expect(small.selectors).toBeGreaterThan(0);
  });

  test('20,000 pods: counts per class, equal to one verdict per class pair times the class sizes', () => {
    const perKind = 5000;
    const c = cluster(perKind);
    const analyzer = Analyzer.of(c);
    const m = analyzer.matrix({ ports: PORTS });
    expect(m.endpoints).toHaveLength(KINDS.length * perKind);
    let expected = 0;
    for (const p of PORTS) {
      for (const from of KINDS) {
        for (const to of KINDS) {
          // Two distinct pods of the classes; within one class, n * (n - 1) ordered pairs.
          const pairs = from === to ? perKind * (perKind - 1) : perKind * perKind;
          if (analyzer.isAllowed(`${from.namespace}/${from.labels.app}-0`, `${to.namespace}/${to.labels.app}-1`, p.port, p.protocol)) expected += pairs;
        }
      }
    }
    expect(m.countAllowed()).toBe(expected);
    expect(m.sourcesOf('shop/api-7', 8080)).toHaveLength(perKind);
  });
});
