export { Workloads } from './workloads';
