import { ApiObject, App, Chart } from 'cdk8s';
import {
  AllowFrom, AllowTo, ClusterAllowDns, ClusterDefaultDeny, ClusterNetworkPolicy, ClusterPeer, ClusterPolicyAction, ClusterPolicyChannel,
  ClusterPolicyTier, ClusterSubject, ClusterTenantIsolation, DelegateToNamespaceOwners, DenyMetadataService, Dialect, LabelSelector, Peer, Port,
  Select, SelectorOperator, SynthLint, Targets,
} from '../../lib';

/** The tenants, each with a namespace labelled `tenant: <name>`. */
export const TENANTS = ['a', 'b'];

/**
 * Cluster guardrails written once by the platform team (ClusterNetworkPolicies, evaluated in the
 * order declared within each tier), and the NetworkPolicies namespace owners write themselves:
 *
 * - Admin: no pod reaches the metadata service; every pod resolves names; the `shared`
 *   namespace is delegated to its owners; tenants never reach each other; tenants never reach
 *   the platform namespaces (but `shared`, delegated before this rule).
 * - Namespaces: tenant-a talks within itself, to the registry in `shared` and to HTTPS
 *   anywhere; tenant-a and tenant-b open tenant-a -> tenant-b
 *   (which the tenant guardrail overrides); `shared` lets
 *   tenant-a reach its registry. `legacy` writes nothing.
 * - Baseline: whatever no NetworkPolicy decides is denied (DNS accepted first), kube-system aside.
 */
export function build(app: App): void {
  Targets.of(app).support(Dialect.CLUSTER_NETWORK_POLICY, { channel: ClusterPolicyChannel.STANDARD });
  SynthLint.configure(app, { podCidrs: ['100.64.0.0/16'] });

  const cluster = new Chart(app, 'cluster-guardrails');
  new DenyMetadataService(cluster, 'metadata-service');
  new ClusterAllowDns(cluster, 'dns');
  new DelegateToNamespaceOwners(cluster, 'shared', { subject: ClusterSubject.namespaces('shared') });
  new ClusterTenantIsolation(cluster, 'tenants', { tenants: TENANTS });
  new ClusterNetworkPolicy(cluster, 'protect-platform', {
    tier: ClusterPolicyTier.ADMIN,
    subject: ClusterSubject.namespaces('platform', 'shared'),
    ingress: [{
      name: 'no-tenants',
      action: ClusterPolicyAction.DENY,
      peers: [ClusterPeer.namespacesMatching(LabelSelector.expressions({ key: 'tenant', operator: SelectorOperator.EXISTS }))],
    }],
  });
  new ClusterDefaultDeny(cluster, 'cluster');

  for (const [name, labels] of [['tenant-a', { tenant: 'a' }], ['tenant-b', { tenant: 'b' }], ['shared', {}], ['platform', {}], ['legacy', {}]] as const) {
    new ApiObject(cluster, `namespace-${name}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  }

  const a = new Chart(app, 'tenant-a', { namespace: 'tenant-a' });
  new AllowFrom(a, 'same-namespace', { to: Select.allPods(), from: [Peer.sameNamespace()] });
  new AllowTo(a, 'same-namespace-egress', { from: Select.allPods(), to: [Peer.sameNamespace()] });
  new AllowTo(a, 'registry', { from: Select.allPods(), to: [Peer.pods({ app: 'registry' }).inNamespace('shared')], ports: [Port.tcp(5000)] });
  new AllowTo(a, 'https-anywhere', { from: Select.allPods(), to: [Peer.ipBlock('0.0.0.0/0', '100.64.0.0/16')], ports: [Port.HTTPS] });
  // No DNS carve-out here: the Admin ClusterNetworkPolicy allow-dns accepts DNS for every pod, and
  // the dns-egress-missing lint knows it.
  // tenant-a's owners try to open tenant-a -> tenant-b (both ends); the tenant guardrail wins.
  new AllowTo(a, 'to-tenant-b', { from: Select.allPods(), to: [Peer.namespace('tenant-b')] });

  const b = new Chart(app, 'tenant-b', { namespace: 'tenant-b' });
  new AllowFrom(b, 'from-tenant-a', { to: Select.allPods(), from: [Peer.namespace('tenant-a')] });

  const shared = new Chart(app, 'shared', { namespace: 'shared' });
  new AllowFrom(shared, 'registry', { to: Select.pods({ app: 'registry' }), from: [Peer.namespace('tenant-a')], ports: [Port.tcp(5000)] });
}
