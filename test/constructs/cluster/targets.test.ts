import { Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import {
  ClusterNetworkPolicy, ClusterPeer, ClusterPolicyAction, ClusterPolicyChannel, ClusterPolicyTier, ClusterSubject, DefaultDeny, DenyMetadataService,
  Dialect, LabelSelector, Targets,
} from '../../../lib';
import { cluster, synthErrors } from './helpers';

// The targets seam: what the App's cluster enforces decides what may be synthesized; an intent it
// cannot express fails synthesis naming the construct and the targets that could express it.

const EXPERIMENTAL_CALL = 'Targets.of(app).support(Dialect.CLUSTER_NETWORK_POLICY, { channel: ClusterPolicyChannel.EXPERIMENTAL })';

function withPeer(chart: Chart, peer: ClusterPeer): void {
  new ClusterNetworkPolicy(chart, 'egress', {
    tier: ClusterPolicyTier.ADMIN,
    subject: ClusterSubject.allNamespaces(),
    egress: [{ action: ClusterPolicyAction.ACCEPT, peers: [peer] }],
  });
}

describe('which targets express which intents', () => {
  test.each([
    ['NetworkPolicy only, a CNP', 'none', ClusterPeer.networks('10.0.0.0/8'),
      "[guardrails/egress] targets: this ClusterNetworkPolicy cannot be expressed in the App's targets (NetworkPolicy); it needs ClusterNetworkPolicy (standard channel) or ClusterNetworkPolicy (experimental channel): if the cluster has it, state so with Targets.of(app).support(Dialect.CLUSTER_NETWORK_POLICY, { channel: ClusterPolicyChannel.STANDARD })"],
    ['standard channel, a nodes peer', ClusterPolicyChannel.STANDARD, ClusterPeer.nodes(LabelSelector.labels({ 'node-role.kubernetes.io/control-plane': '' })),
      `[guardrails/egress] targets: this ClusterNetworkPolicy (with nodes peers) cannot be expressed in the App's targets (NetworkPolicy, ClusterNetworkPolicy (standard channel)); it needs ClusterNetworkPolicy (experimental channel): if the cluster has it, state so with ${EXPERIMENTAL_CALL}`],
    ['standard channel, a domainNames peer', ClusterPolicyChannel.STANDARD, ClusterPeer.domainNames('*.example.com'),
      `[guardrails/egress] targets: this ClusterNetworkPolicy (with domainNames peers) cannot be expressed in the App's targets (NetworkPolicy, ClusterNetworkPolicy (standard channel)); it needs ClusterNetworkPolicy (experimental channel): if the cluster has it, state so with ${EXPERIMENTAL_CALL}`],
  ] as const)('%s: a synth error naming the construct and the targets that could', (_, channel, peer, error) => {
    const { chart } = cluster(channel);
    withPeer(chart, peer);
    expect(synthErrors(chart)).toEqual([error]);
  });

  test.each([
    ['standard channel, networks', ClusterPolicyChannel.STANDARD, ClusterPeer.networks('10.0.0.0/8')],
    ['experimental channel, nodes', ClusterPolicyChannel.EXPERIMENTAL, ClusterPeer.nodes(LabelSelector.labels({ 'node-role.kubernetes.io/control-plane': '' }))],
    ['experimental channel, domain names', ClusterPolicyChannel.EXPERIMENTAL, ClusterPeer.domainNames('*.example.com', 'example.com')],
  ] as const)('%s: synthesizes', (_, channel, peer) => {
    const { chart } = cluster(channel);
    withPeer(chart, peer);
    expect(synthErrors(chart)).toEqual([]);
  });

  test('targets are read at synth time: support may come after the constructs', () => {
    const { app, chart } = cluster('none');
    new DenyMetadataService(chart, 'metadata-service');
    Targets.of(chart).support(Dialect.CLUSTER_NETWORK_POLICY);
    expect(synthErrors(chart)).toEqual([]);
    expect(Targets.of(app).supported).toEqual(['NetworkPolicy', 'ClusterNetworkPolicy (standard channel)']);
  });

  test('NetworkPolicy constructs need no statement; a later channel replaces an earlier one', () => {
    const app = Testing.app();
    const targets = Targets.of(app);
    expect(targets.supports(Dialect.NETWORK_POLICY)).toBe(true);
    expect(targets.supports(Dialect.CLUSTER_NETWORK_POLICY)).toBe(false);
    expect(targets.clusterPolicyChannel).toBeUndefined();
    const ns = new Chart(app, 'ns', { namespace: 'ns' });
    new DefaultDeny(ns, 'deny');
    expect(synthErrors(ns)).toEqual([]);
    targets.support(Dialect.CLUSTER_NETWORK_POLICY).support(Dialect.CLUSTER_NETWORK_POLICY, { channel: ClusterPolicyChannel.EXPERIMENTAL });
    expect(targets.clusterPolicyChannel).toBe(ClusterPolicyChannel.EXPERIMENTAL);
    expect(targets.supported).toEqual(['NetworkPolicy', 'ClusterNetworkPolicy (experimental channel)']);
  });
});

describe('Targets arguments, checked at run time', () => {
  test.each([
    ['an unknown dialect', () => Targets.of(Testing.app()).support('Cilium' as Dialect), 'Targets.support: dialect: Invalid value: "Cilium": must be one of "NetworkPolicy", "ClusterNetworkPolicy"'],
    ['a misspelt channel', () => Targets.of(Testing.app()).support(Dialect.CLUSTER_NETWORK_POLICY, { channel: 'Experimental' as ClusterPolicyChannel }),
      'Targets.support: options.channel: Invalid value: "Experimental": must be one of "standard", "experimental" (did you mean "experimental"?)'],
    ['an unknown option', () => Targets.of(Testing.app()).support(Dialect.CLUSTER_NETWORK_POLICY, { chanel: 'standard' } as never), 'Targets.support: options.chanel: unknown property (did you mean "channel"?)'],
    ['a channel for NetworkPolicy', () => Targets.of(Testing.app()).support(Dialect.NETWORK_POLICY, { channel: ClusterPolicyChannel.STANDARD }),
      'Targets.support: options.channel: only ClusterNetworkPolicy has channels; remove it for NetworkPolicy'],
    ['not a construct', () => Targets.of({} as never), 'Targets.of: scope: Invalid value: {}: must be a construct (the App or a Chart)'],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(message);
  });
});
