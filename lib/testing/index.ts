export { Reachability, ReachabilityOptions } from './reachability';
export { ReachabilityDiff, ExpectedFlow } from './reachability-diff';
