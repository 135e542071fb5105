// ClusterNetworkPolicy constructs (policy.networking.k8s.io/v1alpha2): cluster-wide guardrails.
export { ClusterPolicyTier, ClusterPolicyAction, ClusterRule } from './rule';
export { ClusterSubject, ClusterPeer } from './peers';
export { ClusterPolicyOptions } from './cluster-policy-object';
export { ClusterNetworkPolicy, ClusterNetworkPolicyProps } from './cluster-network-policy';
export {
  ClusterIntentOptions, ClusterDnsOptions, DenyMetadataService, DenyMetadataServiceProps, ClusterAllowDns, ClusterAllowDnsProps,
} from './guardrails';
export {
  ClusterDefaultDeny, ClusterDefaultDenyProps, DelegateToNamespaceOwners, DelegateToNamespaceOwnersProps, ClusterTenantIsolation, ClusterTenantIsolationProps,
} from './tenancy';
