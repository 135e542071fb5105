export { Reachability, ReachabilityOptions } from './reachability';
