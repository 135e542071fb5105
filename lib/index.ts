// The public surface of cdk8s-netpol, listed by name in each layer's index.
export * from './model';
export * from './constructs';
export * from './constructs/patterns';
export * from './constructs/interop';
export * from './analysis';
export * from './testing';
export * from './constructs/cluster';
