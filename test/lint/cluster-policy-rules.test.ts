import { describe, expect, test } from 'vitest';
import { readClusterPolicy } from '../../lib/dialects/cluster-network-policy/read';
import { LintPod, runLint } from '../../lib/lint';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';

type Json = { [key: string]: any };
const cnp = (name: string, tier: string, priority: number, spec: Json) => {
  const r = readClusterPolicy({ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, ...spec } });
  if (!r.spec) throw new Error(JSON.stringify(r.issues));
  return { spec: r.spec };
};
const all = { namespaces: {} };
const nsName = (n: string) => ({ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': n } } });
const dnsPeer = { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } };
const pod = (namespace: string, name: string, labels: Json = {}): LintPod => ({ kind: 'Pod', namespace, name, labels });
const lint = (clusterPolicies: Array<{ spec: any }>, extra: { pods?: LintPod[]; policies?: Json[] } = {}, rule?: string) =>
  runLint({ policies: (extra.policies ?? []).map((p) => ({ spec: parseNetworkPolicy(p).spec! })), clusterPolicies, pods: extra.pods }, rule ? { only: [rule] } : {})
    .issues.filter((i) => i.code.startsWith('cluster-policy')).map((i) => `${i.code} ${i.object} ${i.field}`);

describe('cluster-policy-priority-tie', () => {
  const a = cnp('a', 'Admin', 10, { subject: nsName('x'), ingress: [{ action: 'Deny', from: [all] }] });
  const b = cnp('b', 'Admin', 10, { subject: nsName('y'), ingress: [{ action: 'Accept', from: [all] }] });
  test('equal priority in one tier: reported (pods unknown: they may overlap)', () => {
    expect(lint([a, b], {}, 'cluster-policy-priority-tie')).toEqual(['cluster-policy-priority-tie ClusterNetworkPolicy b spec.priority']);
  });
  test('known pods that no two of them share, another tier or another priority: not reported', () => {
    expect(lint([a, b], { pods: [pod('x', 'p'), pod('y', 'q')] }, 'cluster-policy-priority-tie')).toEqual([]);
    expect(lint([a, cnp('b', 'Baseline', 10, { subject: all, ingress: [{ action: 'Deny', from: [all] }] })], {}, 'cluster-policy-priority-tie')).toEqual([]);
    expect(lint([a, cnp('b', 'Admin', 11, { subject: all, ingress: [{ action: 'Deny', from: [all] }] })], {}, 'cluster-policy-priority-tie')).toEqual([]);
  });
  test('a pod both apply to: reported, naming it', () => {
    const wide = cnp('b', 'Admin', 10, { subject: all, ingress: [{ action: 'Accept', from: [all] }] });
    const r = runLint({ policies: [], clusterPolicies: [a, wide], pods: [pod('x', 'p')] }, { only: ['cluster-policy-priority-tie'] }).issues;
    expect(r.map((i) => i.message)).toEqual([expect.stringContaining('both apply to x/p')]);
  });
});

describe('cluster-policy-rule-shadowed', () => {
  test('a Deny after a broader Accept in the same policy', () => {
    const p = cnp('p', 'Admin', 1, { subject: all, ingress: [{ action: 'Accept', from: [all] }, { action: 'Deny', from: [nsName('x')], protocols: [{ tcp: { destinationPort: { number: 22 } } }] }] });
    expect(lint([p], {}, 'cluster-policy-rule-shadowed')).toEqual(['cluster-policy-rule-shadowed ClusterNetworkPolicy p spec.ingress[1]']);
  });
  test('a rule of a later policy covered by an earlier policy for every pod', () => {
    const first = cnp('first', 'Admin', 1, { subject: all, egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }] }] });
    const later = cnp('later', 'Admin', 5, { subject: nsName('x'), egress: [{ action: 'Accept', to: [{ networks: ['10.1.0.0/16'] }] }] });
    expect(lint([first, later], {}, 'cluster-policy-rule-shadowed')).toEqual(['cluster-policy-rule-shadowed ClusterNetworkPolicy later spec.egress[0]']);
  });
  test('not shadowed: narrower earlier rule, other ports, a later policy of another subject first', () => {
    const p = cnp('p', 'Admin', 1, { subject: all, ingress: [
      { action: 'Deny', from: [nsName('x')], protocols: [{ tcp: { destinationPort: { number: 22 } } }] },
      { action: 'Accept', from: [all] },
      { action: 'Deny', from: [nsName('y')], protocols: [{ udp: { destinationPort: { number: 22 } } }] },
    ] });
    expect(lint([p], {}, 'cluster-policy-rule-shadowed')).toEqual(['cluster-policy-rule-shadowed ClusterNetworkPolicy p spec.ingress[2]']);
    const narrow = cnp('narrow', 'Admin', 1, { subject: nsName('x'), egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }] }] });
    const later = cnp('later', 'Admin', 5, { subject: all, egress: [{ action: 'Accept', to: [{ networks: ['10.1.0.0/16'] }] }] });
    expect(lint([narrow, later], {}, 'cluster-policy-rule-shadowed')).toEqual([]);
  });
});

describe('cluster-policy-pass-to-nothing', () => {
  const pass = cnp('delegate', 'Admin', 1, { subject: nsName('x'), ingress: [{ action: 'Pass', from: [all] }] });
  test('known pods with no NetworkPolicy and no Baseline: the Pass allows', () => {
    expect(lint([pass], { pods: [pod('x', 'p')] }, 'cluster-policy-pass-to-nothing')).toEqual(['cluster-policy-pass-to-nothing ClusterNetworkPolicy delegate spec.ingress[0]']);
  });
  test('a NetworkPolicy isolating them, or a Baseline policy selecting them, or no known pods: silent', () => {
    const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'd', namespace: 'x' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
    expect(lint([pass], { pods: [pod('x', 'p')], policies: [np] }, 'cluster-policy-pass-to-nothing')).toEqual([]);
    const base = cnp('base', 'Baseline', 0, { subject: all, ingress: [{ action: 'Deny', from: [all] }] });
    expect(lint([pass, base], { pods: [pod('x', 'p')] }, 'cluster-policy-pass-to-nothing')).toEqual([]);
    expect(lint([pass], {}, 'cluster-policy-pass-to-nothing')).toEqual([]);
  });
});

describe('cluster-policy-baseline-dns', () => {
  const deny = { action: 'Deny', to: [all, { networks: ['0.0.0.0/0', '::/0'] }] };
  test('a cluster default deny for egress without DNS first', () => {
    const r = runLint({ policies: [], clusterPolicies: [cnp('base', 'Baseline', 0, { subject: all, egress: [deny] })] }, { only: ['cluster-policy-baseline-dns'] }).issues;
    expect(r.map((i) => `${i.object} ${i.field}`)).toEqual(['ClusterNetworkPolicy base spec.egress[0]']);
    expect(r[0].hint).toMatch(/action: Accept, to: \[\{pods: \{namespaceSelector: \{matchLabels: \{kubernetes.io\/metadata.name: kube-system\}\}/);
  });
  test('DNS accepted before the deny (same policy, an earlier one, or the Admin tier): silent', () => {
    const dns = { action: 'Accept', to: [dnsPeer], protocols: [{ udp: { destinationPort: { number: 53 } } }] };
    expect(lint([cnp('base', 'Baseline', 0, { subject: all, egress: [dns, deny] })], {}, 'cluster-policy-baseline-dns')).toEqual([]);
    expect(lint([cnp('dns', 'Baseline', 0, { subject: all, egress: [dns] }), cnp('base', 'Baseline', 1, { subject: all, egress: [deny] })], {}, 'cluster-policy-baseline-dns')).toEqual([]);
    expect(lint([cnp('dns', 'Admin', 0, { subject: all, egress: [dns] }), cnp('base', 'Baseline', 1, { subject: all, egress: [deny] })], {}, 'cluster-policy-baseline-dns')).toEqual([]);
  });
  test('a deny of one network is not a default deny', () => {
    expect(lint([cnp('base', 'Baseline', 0, { subject: all, egress: [{ action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }] })], {}, 'cluster-policy-baseline-dns')).toEqual([]);
  });
});
