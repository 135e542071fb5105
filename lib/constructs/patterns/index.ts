// The pattern library: thin constructs over the pure recipes in lib/patterns.
export { PatternMetadata } from './pattern-metadata';
export { DatabaseTier, DatabaseTierProps } from './database-tier';
export { AllowMonitoringScrape, AllowMonitoringScrapeProps } from './allow-monitoring-scrape';
export { AllowFromIngressController, AllowFromIngressControllerProps } from './allow-from-ingress-controller';
export { AllowSameNamespace, AllowSameNamespaceProps } from './allow-same-namespace';
export { AllowInternetEgress, AllowInternetEgressProps } from './allow-internet-egress';
export { TenantIsolation, TenantIsolationProps } from './tenant-isolation';
export { BaselineOptions, MonitoringCarveOut } from './baseline-options';
export { NamespaceBaseline, NamespaceBaselineProps } from './namespace-baseline';
export { ClusterBaseline, ClusterBaselineProps } from './cluster-baseline';
