export { Workloads } from './workloads';
export * from './kplus-types';
