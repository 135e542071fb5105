// The public factories, from the package's entry point, as a user imports them.
export { LabelSelector, Peer, PolicySpec, Port, Reachability, Rule, Select, Workloads } from '../../lib';
/** The name every validation error of ours carries. */
export const NetpolValidationErrorLike = 'NetpolValidationError';
