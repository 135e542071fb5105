import { Chart } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import {
  ClusterAllowDns, ClusterDefaultDeny, ClusterNetworkPolicy, ClusterPeer, ClusterPolicyAction, ClusterPolicyTier, ClusterSubject, ClusterTenantIsolation,
  DenyMetadataService, LabelSelector,
} from '../../../lib';
import { byName, cluster, synthErrors } from './helpers';

// Managed priorities (ClusterNetworkPolicyProps.priority): declaration order within a tier, +10
// from the highest declared before, skipping explicit numbers; explicit ties on policies that may
// overlap are synth errors naming both constructs.

function policy(chart: Chart, id: string, tier: ClusterPolicyTier, priority?: number, subject = ClusterSubject.allNamespaces(), ingress = true): ClusterNetworkPolicy {
  const rule = { action: ClusterPolicyAction.DENY, peers: [ClusterPeer.allNamespaces()] };
  return new ClusterNetworkPolicy(chart, id, { tier, priority, subject, ...(ingress ? { ingress: [rule] } : { egress: [rule] }) });
}

const A = ClusterPolicyTier.ADMIN;
const B = ClusterPolicyTier.BASELINE;

describe('managed priorities', () => {
  test.each([
    ['declaration order, per tier', [[A], [B], [A], [A], [B]], [10, 10, 20, 30, 20]],
    ['after an explicit one, +10 from the highest so far', [[A], [A, 100], [A], [A, 5], [A]], [10, 100, 110, 5, 120]],
    ['numbers explicit policies use are skipped', [[A], [A], [A, 20]], [10, 21, 20]],
    ['an explicit low priority later does not reuse a managed number', [[A], [A, 0], [A]], [10, 0, 20]],
  ] as const)('%s', (_, declared, expected) => {
    const { chart } = cluster();
    // Disjoint subjects, so explicit numbers never clash here.
    const made = declared.map(([tier, priority], i) => policy(chart, `p${i}`, tier, priority, ClusterSubject.namespaces(`ns-${i}`)));
    expect(made.map((p) => p.priority)).toEqual(expected);
    const written = byName(chart);
    expect(made.map((p) => written.get(p.name).spec.priority)).toEqual(expected);
  });

  test('the intents are numbered the same way, tenant isolation one policy per tenant', () => {
    const { chart } = cluster();
    const metadata = new DenyMetadataService(chart, 'metadata-service');
    const dns = new ClusterAllowDns(chart, 'dns');
    const tenants = new ClusterTenantIsolation(chart, 'tenants', { tenants: ['a', 'b'] });
    const baseline = new ClusterDefaultDeny(chart, 'cluster');
    expect([metadata, dns, ...tenants.policies, baseline].map((p) => p.priority)).toEqual([10, 20, 30, 40, 10]);
    expect(synthErrors(chart)).toEqual([]);
  });

  test('a managed priority past 1000 is a synth error', () => {
    const { chart } = cluster();
    policy(chart, 'last', A, 995, ClusterSubject.namespaces('a'));
    policy(chart, 'after', A, undefined, ClusterSubject.namespaces('b'));
    expect(synthErrors(chart)).toEqual([
      '[guardrails/after] spec.priority: the managed priority 1005 is past 1000: Admin policies declared before this one use priorities up to 995; give earlier policies lower explicit priorities, or this one an explicit priority',
    ]);
  });
});

describe('explicit equal priorities', () => {
  const tie = (path: string, other: string) =>
    `[guardrails/${path}] spec.priority: Admin priority 50 is also given to [guardrails/${other}], and the two may apply to the same connections: which one decides is implementation-defined (docs/cluster-network-policy.md rule 2); give one of them another priority, or leave priority out to have it managed`;

  test.each([
    ['both every namespace', ClusterSubject.allNamespaces(), ClusterSubject.allNamespaces(), true],
    ['a namespace and every namespace', ClusterSubject.namespaces('a'), ClusterSubject.allNamespaces(), true],
    ['namespaces by unrelated labels', ClusterSubject.namespacesMatching(LabelSelector.labels({ team: 'x' })), ClusterSubject.namespacesMatching(LabelSelector.labels({ env: 'prod' })), true],
    ['two namespaces by name', ClusterSubject.namespaces('a'), ClusterSubject.namespaces('b'), false],
    ['a label value against another', ClusterSubject.namespacesMatching(LabelSelector.labels({ tenant: 'a' })), ClusterSubject.namespacesMatching(LabelSelector.labels({ tenant: 'b' })), false],
    ['pods of disjoint labels in every namespace', ClusterSubject.pods(LabelSelector.labels({ app: 'web' })), ClusterSubject.pods(LabelSelector.labels({ app: 'db' })), false],
    ['a label required and absent', ClusterSubject.namespacesMatching(LabelSelector.labels({ tenant: 'a' })),
      ClusterSubject.namespacesMatching(LabelSelector.expressions({ key: 'tenant', operator: 'DoesNotExist' as never })), false],
  ] as const)('%s: error on both = %s', (_, s1, s2, clash) => {
    const { chart } = cluster();
    policy(chart, 'first', A, 50, s1);
    policy(chart, 'second', A, 50, s2);
    expect(synthErrors(chart)).toEqual(clash ? [tie('first', 'second'), tie('second', 'first')] : []);
  });

  test('policies with rules of different directions never match one connection together', () => {
    const { chart } = cluster();
    policy(chart, 'ingress', A, 50, ClusterSubject.allNamespaces(), true);
    policy(chart, 'egress', A, 50, ClusterSubject.allNamespaces(), false);
    expect(synthErrors(chart)).toEqual([]);
  });

  test('equal priorities in different tiers are no tie', () => {
    const { chart } = cluster();
    policy(chart, 'admin', A, 50);
    policy(chart, 'baseline', B, 50);
    expect(synthErrors(chart)).toEqual([]);
  });
});
