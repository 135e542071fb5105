import { describe, expect, test } from 'vitest';
import { LabelSelector, Peer, PolicySpec, PolicyType, Rule } from '../../lib/model';
import { LintNamespace, LintPod, lintPolicies } from '../../lib/lint';

// Issue 13: the classic indentation slip in a namespace the namespaceSelector also selects.
// `- podSelector: {app: frontend}` next to `- namespaceSelector: {env: production}` in namespace
// shop labelled env=production: the pods-only entry is wholly inside the namespace entry, so the
// OR admits every pod of shop. Reported whether or not the pods are known.
const spec = (nsPeer: Peer) => PolicySpec.create({
  name: 'api', namespace: 'shop', podSelector: LabelSelector.labels({ app: 'api' }), policyTypes: [PolicyType.INGRESS],
  ingress: [Rule.allow({ peers: [Peer.pods({ app: 'frontend' }), nsPeer] })],
});
const prod: LintNamespace[] = [{ name: 'shop', labels: { env: 'production' } }, { name: 'other', labels: { env: 'production' } }];
const frontendHere: LintPod[] = [
  { kind: 'Deployment', namespace: 'shop', name: 'api', labels: { app: 'api' } },
  { kind: 'Deployment', namespace: 'shop', name: 'frontend', labels: { app: 'frontend' } },
];

describe('and-or-suspect when the namespaces entry includes the policy\'s own namespace', () => {
  test.each([
    { name: 'env=production, frontend pods only next to the policy', ns: Peer.namespacesLabelled({ env: 'production' }), namespaces: prod, pods: frontendHere },
    { name: 'env=production, pods unknown', ns: Peer.namespacesLabelled({ env: 'production' }), namespaces: prod, pods: undefined },
    { name: 'the own namespace by name', ns: Peer.namespaces('shop', 'other'), namespaces: undefined, pods: frontendHere },
  ])('reported, naming the subsumed entry: $name', ({ ns, namespaces, pods }) => {
    const found = lintPolicies([spec(ns)], { namespaces, pods }).filter((i) => i.code === 'and-or-suspect');
    expect(found).toHaveLength(1);
    expect(found[0].field).toBe('spec.ingress[0].from[1]');
    expect(found[0].message).toMatch(/from\[1\] also selects the policy's own namespace shop, so from\[0\] is wholly inside it \(subsumed\) and every pod of shop is allowed, not only the app=frontend pods/);
    expect(found[0].hint).toMatch(/make them one entry/);
  });

  test('not reported when the namespaces entry leaves the own namespace out and the frontend lives only next to the policy (a plausible OR)', () => {
    const namespaces: LintNamespace[] = [{ name: 'shop', labels: { env: 'staging' } }, { name: 'other', labels: { env: 'production' } }];
    const found = lintPolicies([spec(Peer.namespacesLabelled({ env: 'production' }))], { namespaces, pods: frontendHere }).filter((i) => i.code === 'and-or-suspect');
    expect(found).toEqual([]);
  });
});
