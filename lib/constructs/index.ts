// cdk8s adapters: the only layer importing cdk8s / constructs. Listed by name; internals
// (PolicyObject, naming, the name registry) stay unexported.
export { Select } from './select';
export { Direction } from './direction';
export { PolicyOptions } from './policy-options';
export { NetworkPolicy, NetworkPolicyProps } from './network-policy';
export { DefaultDeny, DefaultDenyProps } from './default-deny';
export { AllowDns, AllowDnsProps } from './allow-dns';
export { AllowFrom, AllowFromProps } from './allow-from';
export { AllowTo, AllowToProps } from './allow-to';
export { AllowFlow, AllowFlowProps } from './allow-flow';
export { FlowSides } from './flow-sides';
export { SynthLint, SynthLintOptions } from './synth-lint';
export { PolicyMetadata, PolicyMetadataOptions } from './policy-metadata';
export { Targets, Dialect, ClusterPolicyChannel, DialectSupportOptions } from './targets';
