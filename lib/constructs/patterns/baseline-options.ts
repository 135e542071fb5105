import { Peer, Port } from '../../model';
import { BaselineMonitoring } from '../../patterns';
import { Select } from '../select';
import { resolveTarget } from '../resolve-target';
import { IKplusNamespace, IKplusNamespaceSelector, IKplusPodSelector } from '../interop/kplus-types';
import { toPeers } from '../interop/accept';
import { DNS_OPTIONS, PEERS, PORTS, TARGET } from '../prop-checks';
import { Schema, isBoolean, isString, labelMap, optional, struct } from '../../model/props-check';

/** MonitoringCarveOut as checked at run time. */
export const MONITORING: Schema = { targets: optional(TARGET, 'pods'), scrapers: optional(PEERS, 'from', 'peers'), ports: optional(PORTS, 'port') };

/** BaselineOptions as checked at run time. */
export const BASELINE_OPTIONS: Schema = {
  ...DNS_OPTIONS,
  allowDns: optional(isBoolean),
  allowSameNamespace: optional(isBoolean),
  monitoring: optional(struct(MONITORING)),
  name: optional(isString),
  labels: optional(labelMap),
  auditMetadata: optional(isBoolean, 'audit'),
};

/** The Prometheus carve-out of a baseline. Pass `{}` for the defaults. */
export interface MonitoringCarveOut {
  /**
   * The pods that may be scraped.
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every
   * pod in it (the policy must be in that namespace).
   * @default Select.pods({ 'monitoring.io/expose-metrics': 'true' })
   */
  readonly targets?: Select | IKplusPodSelector | IKplusNamespace;

  /**
   * The scrapers, ORed.
   * A cdk8s-plus workload, Pod or Pods stands for its pods (AND its namespace when it has
   * one), a cdk8s-plus Namespace for every pod in it.
   * @default - pods `app: prometheus` AND in namespace `monitoring`, as ONE peer
   */
  readonly scrapers?: Array<Peer | IKplusPodSelector | IKplusNamespaceSelector>;

  /**
   * The metrics ports.
   * @default [Port.PROMETHEUS] (TCP 9090)
   */
  readonly ports?: Port[];
}

/** What goes into a namespace baseline, besides the default deny both ways. */
export interface BaselineOptions {
  /**
   * Let every pod query the cluster DNS (UDP and TCP 53). Without it, nothing resolves once
   * egress is denied.
   * @default true
   */
  readonly allowDns?: boolean;

  /**
   * Namespace of the cluster DNS pods.
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;

  /**
   * Labels of the cluster DNS pods.
   * @default { 'k8s-app': 'kube-dns' }
   */
  readonly dnsLabels?: { [key: string]: string };

  /**
   * Let all pods of the namespace reach each other, both ways, on any port.
   * @default false
   */
  readonly allowSameNamespace?: boolean;

  /**
   * The Prometheus carve-out (`{}` for its defaults).
   * @default - no monitoring carve-out
   */
  readonly monitoring?: MonitoringCarveOut;

  /**
   * Prefix of the policy names: `<name>-default-deny`, `<name>-allow-dns`,
   * `<name>-allow-same-namespace`, `<name>-allow-monitoring-scrape`.
   * @default - the construct id in DNS-1123 form
   */
  readonly name?: string;

  /**
   * More labels for every policy (the chart's labels are added too).
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Write the audit metadata (label `app.kubernetes.io/managed-by: cdk8s-netpol`, annotation
   * `netpol.cdk8s.io/intent`) on these policies; see `PolicyMetadata`.
   * @default - the App's setting (`PolicyMetadata.of(app).configure(...)`), on unless turned off
   */
  readonly auditMetadata?: boolean;
}

/** The monitoring carve-out as recipe input, its target checked against the namespace. */
export function monitoringRecipe(monitoring: MonitoringCarveOut | undefined, namespace: string): BaselineMonitoring | undefined {
  if (!monitoring) return undefined;
  return {
    targets: monitoring.targets ? resolveTarget('monitoring.targets', monitoring.targets, namespace) : undefined,
    scrapers: monitoring.scrapers ? toPeers('monitoring.scrapers', monitoring.scrapers) : undefined,
    ports: monitoring.ports,
  };
}
