export { Analyzer, FlowQuery, MatrixOptions } from './analyzer';
export { Cluster, ClusterProps } from './cluster';
export { Endpoint, EndpointKind } from './endpoint';
export { Matrix, MatrixEntry, FlowPort } from './matrix';
export { Verdict, SideVerdict, SideOutcome, RuleMatch, RuleMiss, MissedPart } from './verdict';
export { NamespaceInfo, ServiceInfo, ServicePortInfo, WorkloadInfo } from '../manifest/read-types';
export { ReadObjectsOptions } from '../manifest/read-objects';
