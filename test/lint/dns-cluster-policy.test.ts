import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster } from '../../lib/analysis';
import { readClusterPolicy } from '../../lib/dialects/cluster-network-policy/read';
import { LintPod, runLint } from '../../lib/lint';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { Protocol } from '../../lib/model';

// dns-egress-missing with ClusterNetworkPolicies (docs/cluster-network-policy.md rules 1-4): an
// Admin Accept reaching the cluster DNS for the pods (ClusterAllowDns writes one) decides before
// any NetworkPolicy, so the lookups of pods a NetworkPolicy isolates for egress work; a Baseline
// Accept never does (Baseline is not reached for such pods), nor does an Admin Pass, or an Accept
// after an Admin Deny of the same traffic. With pods known the rule agrees with the analyzer.

type Json = { [key: string]: any };
const cnp = (name: string, tier: string, priority: number, subject: Json, egress: Json[]) => {
  const json = { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, subject, egress } };
  const r = readClusterPolicy(json);
  if (!r.spec) throw new Error(JSON.stringify(r.issues));
  return { json, spec: r.spec };
};
const DNS_PEER = { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } };
const BOTH = [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { number: 53 } } }];
const ALL = { namespaces: {} };
const accept = (protocols: Json[] = BOTH) => ({ action: 'Accept', to: [DNS_PEER], protocols });

const DENY_EGRESS = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'app' }, spec: { podSelector: {}, policyTypes: ['Egress'] } };
const pod = (namespace: string, name: string, labels: Json, ip: string, ports: Json[] = []) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, labels }, spec: { containers: [{ name: 'c', image: 'i', ports }] }, status: { podIP: ip },
});
const PODS = [
  pod('app', 'a', { app: 'a' }, '10.244.1.1'),
  pod('app', 'b', { app: 'b' }, '10.244.1.2'),
  pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, '10.244.0.10', [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }]),
];
const lintPods: LintPod[] = PODS.map((p) => ({
  kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, labels: p.metadata.labels, ip: p.status.podIP,
  ports: p.spec.containers[0].ports.map((c: Json) => ({ name: c.name, port: c.containerPort, protocol: c.protocol })),
}));

const CASES: Array<{ what: string; cnps: Array<{ json: Json; spec: any }>; flagged: string[]; unknownPodsFlagged: boolean }> = [
  { what: 'no cluster policy', cnps: [], flagged: ['a', 'b'], unknownPodsFlagged: true },
  { what: 'Admin Accept of DNS for every namespace (ClusterAllowDns)', cnps: [cnp('dns', 'Admin', 10, ALL, [accept()])], flagged: [], unknownPodsFlagged: false },
  // Pods unknown, the DNS pod is assumed with CoreDNS's port names (dns, dns-tcp); its IP is unknown.
  { what: 'Admin Accept by named ports', cnps: [cnp('dns', 'Admin', 10, ALL, [accept([{ destinationNamedPort: 'dns' }, { destinationNamedPort: 'dns-tcp' }])])], flagged: [], unknownPodsFlagged: false },
  { what: 'Admin Accept to the pod network by CIDR', cnps: [cnp('dns', 'Admin', 10, ALL, [{ action: 'Accept', to: [{ networks: ['10.244.0.0/16'] }], protocols: BOTH }])], flagged: [], unknownPodsFlagged: true },
  { what: 'Admin Accept of UDP only', cnps: [cnp('dns', 'Admin', 10, ALL, [accept([BOTH[0]])])], flagged: ['a', 'b'], unknownPodsFlagged: true },
  { what: 'Admin Accept for app=a only', cnps: [cnp('dns', 'Admin', 10, { pods: { podSelector: { matchLabels: { app: 'a' } } } }, [accept()])], flagged: ['b'], unknownPodsFlagged: true },
  { what: 'Baseline Accept (never reached for NetworkPolicy-isolated pods)', cnps: [cnp('dns', 'Baseline', 10, ALL, [accept()])], flagged: ['a', 'b'], unknownPodsFlagged: true },
  { what: 'Admin Pass (NetworkPolicy decides)', cnps: [cnp('dns', 'Admin', 10, ALL, [{ ...accept(), action: 'Pass' }])], flagged: ['a', 'b'], unknownPodsFlagged: true },
  {
    what: 'Admin Deny of all egress before the Accept',
    cnps: [cnp('deny', 'Admin', 5, ALL, [{ action: 'Deny', to: [ALL] }]), cnp('dns', 'Admin', 10, ALL, [accept()])],
    flagged: ['a', 'b'], unknownPodsFlagged: true,
  },
  {
    what: 'Admin Deny for app=b before an Accept for all',
    cnps: [cnp('deny-b', 'Admin', 5, { pods: { podSelector: { matchLabels: { app: 'b' } } } }, [{ action: 'Deny', to: [ALL] }]), cnp('dns', 'Admin', 10, ALL, [accept()])],
    flagged: ['b'], unknownPodsFlagged: true,
  },
];

describe.each(CASES)('$what', ({ cnps, flagged, unknownPodsFlagged }) => {
  const policies = [{ spec: parseNetworkPolicy(DENY_EGRESS).spec! }];
  const clusterPolicies = cnps.map((c) => ({ spec: c.spec }));
  const run = (pods?: LintPod[]) => runLint({ policies, clusterPolicies, pods }, { only: ['dns-egress-missing'] }).issues;

  test('pods known: flags exactly the pods the analyzer says cannot reach the DNS pod', () => {
    const messages = run(lintPods).map((i) => i.message).join('\n');
    for (const name of ['a', 'b']) expect(messages.includes(`Pod app/${name}`), name).toBe(flagged.includes(name));
    const analyzer = Analyzer.of(Cluster.fromManifests([...PODS, DENY_EGRESS, ...cnps.map((c) => c.json)]));
    const stranded = ['a', 'b'].filter((n) => [Protocol.UDP, Protocol.TCP].some((p) => !analyzer.isAllowed(`app/${n}`, 'kube-system/coredns', 53, p)));
    expect(stranded).toEqual(flagged);
  });

  test(`pods unknown: ${unknownPodsFlagged ? 'flagged' : 'not flagged'}`, () => {
    expect(run().length > 0).toBe(unknownPodsFlagged);
  });
});
