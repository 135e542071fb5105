import { describe, expect, test } from 'vitest';
import {
  ClusterAllowDns, ClusterDefaultDeny, ClusterNetworkPolicy, ClusterPeer, ClusterPolicyAction, ClusterPolicyChannel, ClusterPolicyTier, ClusterSubject,
  ClusterTenantIsolation, DelegateToNamespaceOwners, DenyMetadataService, LabelSelector, Port,
} from '../../../lib';
import { readClusterPolicy } from '../../../lib/dialects/cluster-network-policy/read';
import { crdValidator } from './crd-schema';
import { cluster, synthErrors } from './helpers';
import { Testing } from 'cdk8s';

// Every intent synthesizes objects valid against the upstream CRD's schema, read back the same
// by readClusterPolicy (CEL rules included), and the schema check itself rejects what it should.

describe('the CRD schema check', () => {
  const standard = crdValidator('standard');
  const good = { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'x' }, spec: { tier: 'Admin', priority: 1, subject: { namespaces: {} } } };
  test.each([
    ['action Allow (renamed Accept)', { ...good.spec, ingress: [{ action: 'Allow', from: [{ namespaces: {} }] }] }, '/spec/ingress/0/action: must be equal to one of the allowed values'],
    ['two fields in one peer', { ...good.spec, ingress: [{ action: 'Deny', from: [{ namespaces: {}, pods: { podSelector: {} } }] }] }, '/spec/ingress/0/from/0: must NOT have more than 1 properties'],
    ['tcp without a destination port', { ...good.spec, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ tcp: {} }] }] }, '/spec/ingress/0/protocols/0/tcp: must NOT have fewer than 1 properties'],
    ['nodes on the standard channel', { ...good.spec, egress: [{ action: 'Deny', to: [{ nodes: {} }] }] }, '/spec/egress/0/to/0: must NOT have additional properties (nodes)'],
    ['priority past 1000', { ...good.spec, priority: 1001 }, '/spec/priority: must be <= 1000'],
  ])('rejects %s', (_, spec, error) => {
    expect(standard(good)).toEqual([]);
    expect(standard({ ...good, spec })).toContain(error);
  });
});

describe('every intent synthesizes valid objects', () => {
  test.each([ClusterPolicyChannel.STANDARD, ClusterPolicyChannel.EXPERIMENTAL])('%s channel', (channel) => {
    const { chart } = cluster(channel);
    new DenyMetadataService(chart, 'metadata-service');
    new ClusterAllowDns(chart, 'dns');
    new DelegateToNamespaceOwners(chart, 'shared', { subject: ClusterSubject.namespaces('shared', 'tools') });
    new ClusterTenantIsolation(chart, 'tenants', { tenants: ['a', 'b', 'c'] });
    new ClusterNetworkPolicy(chart, 'everything', {
      tier: ClusterPolicyTier.ADMIN,
      subject: ClusterSubject.pods(LabelSelector.labels({ app: 'web' }), LabelSelector.labels({ team: 'x' })),
      ingress: [{ name: 'web', action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.pods(LabelSelector.labels({ app: 'lb' }))], ports: [Port.HTTP, Port.named('metrics'), Port.tcpRange(8000, 8100)] }],
      egress: [
        { action: ClusterPolicyAction.PASS, peers: [ClusterPeer.namespaces('team-x')], ports: [Port.allUdp(), Port.sctp(9)] },
        ...(channel === ClusterPolicyChannel.EXPERIMENTAL ? [
          { action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.domainNames('*.example.com'), ClusterPeer.nodes(LabelSelector.labels({ role: 'gw' }))] },
        ] : []),
        { action: ClusterPolicyAction.DENY, peers: [ClusterPeer.networks('0.0.0.0/0', '::/0')] },
      ],
    });
    new ClusterDefaultDeny(chart, 'cluster');
    expect(synthErrors(chart)).toEqual([]);
    const objects = Testing.synth(chart);
    expect(objects).toHaveLength(8);
    const validate = crdValidator(channel);
    for (const o of objects) {
      expect(o.metadata.namespace, o.metadata.name).toBeUndefined();
      expect(validate(o), o.metadata.name).toEqual([]);
      expect(readClusterPolicy(o, { channel }).issues.filter((i) => i.severity === 'error'), o.metadata.name).toEqual([]);
    }
  });
});
