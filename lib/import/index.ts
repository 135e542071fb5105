// NetworkPolicy (as PolicySpecs) and cluster policies (ClusterNetworkPolicy, AdminNetworkPolicy,
// BaselineAdminNetworkPolicy as CnpSpecs) -> idiomatic TypeScript using this library's constructs. PURE.
export { generateTypeScript, ImportOptions, ImportResult } from './generate-typescript';
export { PATTERN_METADATA_CODE, PatternUse } from './policy-code';
export { BOOKKEEPING_ANNOTATIONS, NOT_CARRIED_CODE, metadataNotCarried } from './metadata-not-carried';
export { PROTOTYPE_KEY_CODE, prototypeKeys } from './prototype-keys';
export { BASELINE_NAME, CONVERTED_CODE, ClusterPolicyInput } from './cluster-policy-code';
export { CLUSTER_UNREPRESENTABLE_CODE, clusterPolicyProblems } from './cluster-policy-problems';
