import { describe, expect, test } from 'vitest';
import { runLint, LintPod } from '../../lib/lint';
import { LabelSelector, Peer, PolicySpec, PolicyType, Rule } from '../../lib/model';

// Dead selectors (and policies without effect) are judged only where a namespace's workloads are
// known complete (LintContext.completeNamespaces); undefined keeps the old reading: every
// namespace with known pods.
const api = PolicySpec.create({
  name: 'api', namespace: 'shop', podSelector: LabelSelector.labels({ app: 'api' }), policyTypes: [PolicyType.INGRESS],
  ingress: [Rule.allow({ peers: [Peer.pods({ app: 'web' })] })],
});
const allowAll = PolicySpec.create({
  name: 'open', namespace: 'shop', podSelector: LabelSelector.labels({ app: 'worker' }), policyTypes: [PolicyType.INGRESS],
  ingress: [Rule.allow({})],
});
const deny = PolicySpec.create({ name: 'deny', namespace: 'shop', podSelector: LabelSelector.everything(), policyTypes: [PolicyType.INGRESS] });
const pods: LintPod[] = [{ kind: 'Deployment', namespace: 'shop', name: 'worker', labels: { app: 'worker' } }];
const codes = (completeNamespaces?: string[]) => runLint({ policies: [api, allowAll, deny].map((spec) => ({ spec })), pods, completeNamespaces }).issues
  .filter((i) => i.code === 'selector-matches-nothing' || i.code === 'policy-without-effect').map((i) => `${i.code} ${i.field}`).sort();

describe('completeNamespaces', () => {
  test('shop complete (or not said): its dead selectors are reported', () => {
    const dead = ['selector-matches-nothing spec.ingress[0].from[0].podSelector', 'selector-matches-nothing spec.podSelector'];
    expect(codes(['shop'])).toEqual(dead);
    expect(codes(undefined)).toEqual(dead);
  });

  test('shop partial: nothing is reported from the one known workload', () => {
    expect(codes([])).toEqual([]);
    expect(codes(['other'])).toEqual([]);
  });
});
