import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster, WorkloadInfo } from '../../lib/analysis';
import { runLint } from '../../lib/lint';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { PolicySpec, Protocol } from '../../lib/model';

// With pods known, dns-egress-missing must flag exactly the pods for which the analyzer denies
// UDP 53 or TCP 53 to the cluster DNS pod. The rule evaluates policies itself (lint stays
// independent of the analyzer); this test keeps the two in agreement.

const DNS_POD: WorkloadInfo = { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ips: ['10.244.0.10'],
  containerPorts: [{ name: 'dns', port: 53, protocol: Protocol.UDP }, { name: 'dns-tcp', port: 53, protocol: Protocol.TCP }] };
const PODS: WorkloadInfo[] = ['a', 'b', 'c'].map((n, i) => ({ namespace: 'app', name: n, labels: { app: n }, ips: [`10.244.1.${i + 1}`] }));

const policy = (name: string, spec: object) => {
  const parsed = parseNetworkPolicy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'app' }, spec });
  return parsed.spec as PolicySpec;
};
const denyAll = policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const dns = (name: string, to: object[] | undefined, ports: object[], podSelector: object = {}) =>
  policy(name, { podSelector, policyTypes: ['Egress'], egress: [{ ...(to ? { to } : {}), ports }] });
const BOTH = [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }];
const KUBE_DNS = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };

const SCENARIOS: Array<{ name: string; policies: PolicySpec[]; kubeSystemLabels?: { [k: string]: string } }> = [
  { name: 'deny-all only', policies: [denyAll] },
  { name: 'DNS on both protocols', policies: [denyAll, dns('dns', [KUBE_DNS], BOTH)] },
  { name: 'DNS on UDP only', policies: [denyAll, dns('dns', [KUBE_DNS], [BOTH[0]])] },
  { name: 'DNS by named ports', policies: [denyAll, dns('dns', [KUBE_DNS], [{ protocol: 'UDP', port: 'dns' }, { port: 'dns-tcp' }])] },
  { name: 'DNS for app=a only', policies: [denyAll, dns('dns', [KUBE_DNS], BOTH, { matchLabels: { app: 'a' } })] },
  { name: 'name: kube-system, label absent', policies: [denyAll, dns('dns', [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }], BOTH)] },
  { name: 'name: kube-system, label present', policies: [denyAll, dns('dns', [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }], BOTH)], kubeSystemLabels: { name: 'kube-system' } },
  { name: 'any destination on port 53', policies: [denyAll, dns('dns', undefined, BOTH)] },
  { name: 'ipBlock holding the DNS pod', policies: [denyAll, dns('dns', [{ ipBlock: { cidr: '10.244.0.0/24' } }], BOTH)] },
  { name: 'ipBlock of the service range only', policies: [denyAll, dns('dns', [{ ipBlock: { cidr: '10.96.0.0/12' } }], BOTH)] },
  { name: 'egress isolation for app=b only', policies: [policy('b-out', { podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Egress'] })] },
];

const STRANDED = [3, 0, 3, 0, 2, 3, 0, 0, 0, 3, 1];

describe('dns-egress-missing agrees with the analyzer when pods are known', () => {
  test.each(SCENARIOS)('$name', ({ policies, kubeSystemLabels }) => {
    const namespaces = [{ name: 'kube-system', labels: kubeSystemLabels ?? {} }, { name: 'app', labels: {} }];
    const analyzer = Analyzer.of(Cluster.of({ namespaces, workloads: [DNS_POD, ...PODS], policies }));
    const expected = PODS.filter((p) => [Protocol.UDP, Protocol.TCP].some((proto) => !analyzer.isAllowed(`app/${p.name}`, 'kube-system/coredns', 53, proto)))
      .map((p) => `Pod app/${p.name}`);
    const lint = runLint({
      policies: policies.map((spec) => ({ spec })),
      namespaces: namespaces.map((n) => ({ name: n.name, labels: n.labels })),
      pods: [DNS_POD, ...PODS].map((w) => ({ kind: 'Pod', namespace: w.namespace, name: w.name, labels: w.labels ?? {}, ip: w.ips?.[0], ports: w.containerPorts })),
    }, { only: ['dns-egress-missing'] });
    const flagged = PODS.map((p) => `Pod app/${p.name}`).filter((ref) => lint.issues.some((i) => i.message.includes(ref)));
    expect(flagged).toEqual(expected);
    // Not vacuous: the scenarios name how many pods end up without DNS.
    expect(expected.length).toBe(STRANDED[SCENARIOS.findIndex((x) => x.policies === policies)]);
  });
});
