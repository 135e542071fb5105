import { afterEach, expect, test, vi } from 'vitest';
import { ClusterDefaultDeny, ClusterNetworkPolicy, ClusterPeer, ClusterPolicyAction, ClusterPolicyTier, ClusterSubject, SynthLint } from '../../../lib';
import { cluster, synthErrors } from './helpers';

// The cluster-policy-* lint rules run at synth time over the App's ClusterNetworkPolicy
// constructs, as over NetworkPolicy constructs: warnings printed with the construct path.

afterEach(() => vi.restoreAllMocks());

function warnings(): string[] {
  const printed: string[] = [];
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
  return printed;
}

const denyAllEgress = { action: ClusterPolicyAction.DENY, peers: [ClusterPeer.allNamespaces(), ClusterPeer.networks('0.0.0.0/0', '::/0')] };

test('a Baseline deny of all egress without DNS first: a warning naming the construct, even with no NetworkPolicy in the App', () => {
  const printed = warnings();
  const { chart } = cluster();
  new ClusterNetworkPolicy(chart, 'deny-egress', { tier: ClusterPolicyTier.BASELINE, subject: ClusterSubject.allNamespaces(), egress: [denyAllEgress] });
  expect(synthErrors(chart)).toEqual([]);
  expect(printed).toHaveLength(1);
  expect(printed[0]).toMatch(/^\[guardrails\/deny-egress\] warning cluster-policy-baseline-dns: spec\.egress\[0\]: this Baseline rule denies all egress and nothing before it lets DNS out/);
});

test('ClusterDefaultDeny accepts DNS first: no warning', () => {
  const printed = warnings();
  const { chart } = cluster();
  new ClusterDefaultDeny(chart, 'cluster');
  expect(synthErrors(chart)).toEqual([]);
  expect(printed).toEqual([]);
});

test('warningsAsErrors makes it a synth error', () => {
  warnings();
  const { app, chart } = cluster();
  SynthLint.configure(app, { warningsAsErrors: true });
  new ClusterNetworkPolicy(chart, 'deny-egress', { tier: ClusterPolicyTier.BASELINE, subject: ClusterSubject.allNamespaces(), egress: [denyAllEgress] });
  const errors = synthErrors(chart);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^\[guardrails\/deny-egress\] cluster-policy-baseline-dns: spec\.egress\[0\]: /);
});
