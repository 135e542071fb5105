// Pure recipes for the pattern library: props in, validated PolicySpecs out. No cdk8s here; the
// constructs in lib/constructs/patterns are thin adapters over these functions.
export * from './audit';
export * from './describe';
export * from './intent';
export * from './direction';
export * from './dns';
export * from './recipe';
export * from './database-tier';
export * from './monitoring-scrape';
export * from './ingress-controller';
export * from './same-namespace';
export * from './tenant-isolation';
export * from './internet-egress';
export * from './namespace-baseline';
export * from './cluster-baseline';
export * from './client-egress';
