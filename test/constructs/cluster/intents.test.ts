import { describe, expect, test } from 'vitest';
import {
  ClusterAllowDns, ClusterDefaultDeny, ClusterPolicyTier, ClusterSubject, ClusterTenantIsolation, DelegateToNamespaceOwners, DenyMetadataService,
} from '../../../lib';
import { byName, cluster } from './helpers';

// What each intent writes: the rules in their order (the first match decides), the tier and the
// subject, as docs/cluster-network-policy.md says they must be for the intent to hold.

const KUBE_DNS = {
  pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
};
const DNS_PORTS = [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { number: 53 } } }];
const EVERYWHERE = [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }];

describe('the intents', () => {
  test('DenyMetadataService: Admin, every pod, Deny egress to the IPv4 and IPv6 metadata addresses', () => {
    const { chart } = cluster();
    new DenyMetadataService(chart, 'metadata-service');
    new DenyMetadataService(chart, 'custom', { addresses: ['100.100.100.200/32'], priority: 1 });
    const p = byName(chart);
    expect(p.get('deny-metadata-service').spec).toEqual({
      tier: 'Admin', priority: 10, subject: { namespaces: {} },
      egress: [{ name: 'metadata-service', action: 'Deny', to: [{ networks: ['169.254.169.254/32', 'fd00:ec2::254/128'] }] }],
    });
    expect(p.get('deny-custom').spec.egress[0].to).toEqual([{ networks: ['100.100.100.200/32'] }]);
    expect(p.get('deny-custom').spec.priority).toBe(1);
  });

  test('ClusterAllowDns: Accept UDP and TCP 53 to the DNS pods (one peer, both selectors); Baseline when asked', () => {
    const { chart } = cluster();
    new ClusterAllowDns(chart, 'dns');
    new ClusterAllowDns(chart, 'custom-dns', { tier: ClusterPolicyTier.BASELINE, dnsNamespace: 'dns', dnsLabels: { app: 'coredns' }, subject: ClusterSubject.namespaces('a') });
    const p = byName(chart);
    expect(p.get('allow-dns').spec).toEqual({
      tier: 'Admin', priority: 10, subject: { namespaces: {} },
      egress: [{ name: 'cluster-dns', action: 'Accept', to: [KUBE_DNS], protocols: DNS_PORTS }],
    });
    const custom = p.get('allow-dns-custom-dns').spec;
    expect([custom.tier, custom.subject]).toEqual(['Baseline', { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } }]);
    expect(custom.egress[0].to).toEqual([{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } }, podSelector: { matchLabels: { app: 'coredns' } } } }]);
  });

  test('ClusterDefaultDeny: Baseline, kube-system aside; DNS accepted before the egress deny of everything', () => {
    const { chart } = cluster();
    new ClusterDefaultDeny(chart, 'cluster');
    new ClusterDefaultDeny(chart, 'everyone', { exceptNamespaces: [] });
    const p = byName(chart);
    expect(p.get('default-deny-cluster').spec).toEqual({
      tier: 'Baseline', priority: 10,
      subject: { namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } },
      ingress: [{ name: 'default-deny', action: 'Deny', from: [{ namespaces: {} }] }],
      egress: [
        { name: 'cluster-dns', action: 'Accept', to: [KUBE_DNS], protocols: DNS_PORTS },
        { name: 'default-deny', action: 'Deny', to: EVERYWHERE },
      ],
    });
    expect(p.get('default-deny-everyone').spec.subject).toEqual({ namespaces: {} });
  });

  test('DelegateToNamespaceOwners: Admin Pass of all ingress and egress of its subject', () => {
    const { chart } = cluster();
    new DelegateToNamespaceOwners(chart, 'sandboxes', { subject: ClusterSubject.namespaces('sandbox-1', 'sandbox-2') });
    expect(byName(chart).get('delegate-sandboxes').spec).toEqual({
      tier: 'Admin', priority: 10,
      subject: { namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['sandbox-1', 'sandbox-2'] }] } },
      ingress: [{ name: 'delegate', action: 'Pass', from: [{ namespaces: {} }] }],
      egress: [{ name: 'delegate', action: 'Pass', to: EVERYWHERE }],
    });
  });

  test('ClusterTenantIsolation: one Admin policy per tenant denying the pods of every other tenant both ways', () => {
    const { chart } = cluster();
    const t = new ClusterTenantIsolation(chart, 'isolation', { tenants: ['blue', 'green'], tenantLabel: 'example.com/tenant', priority: 100 });
    expect(t.policies.map((p) => p.name)).toEqual(['tenant-isolation-blue', 'tenant-isolation-green']);
    const others = (tenant: string) => [{ namespaces: { matchExpressions: [{ key: 'example.com/tenant', operator: 'Exists' }, { key: 'example.com/tenant', operator: 'NotIn', values: [tenant] }] } }];
    expect(byName(chart).get('tenant-isolation-blue').spec).toEqual({
      tier: 'Admin', priority: 100,
      subject: { namespaces: { matchLabels: { 'example.com/tenant': 'blue' } } },
      ingress: [{ name: 'other-tenants', action: 'Deny', from: others('blue') }],
      egress: [{ name: 'other-tenants', action: 'Deny', to: others('blue') }],
    });
  });
});
