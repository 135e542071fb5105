import { LabelSelector, Peer, PolicySpec, PolicyType, Port, Rule } from '../model';
import { describePeers, describePods, describePorts } from './describe';
import { RecipeScope, patternPolicy } from './recipe';

export const MONITORING_SCRAPE_PATTERN = 'monitoring-scrape';

/** The label a pod carries to opt in to scraping, by default. */
export const DEFAULT_SCRAPE_OPT_IN_LABELS: { readonly [key: string]: string } = Object.freeze({ 'monitoring.io/expose-metrics': 'true' });
export const DEFAULT_MONITORING_NAMESPACE = 'monitoring';
export const DEFAULT_PROMETHEUS_LABELS: { readonly [key: string]: string } = Object.freeze({ app: 'prometheus' });

export interface MonitoringScrapeRecipe extends RecipeScope {
  /** Pods that may be scraped. @default - pods labelled `monitoring.io/expose-metrics: "true"` */
  readonly targets?: LabelSelector;
  /** The scrapers, ORed. @default - pods `app: prometheus` in namespace `monitoring`, as ONE peer */
  readonly scrapers?: Peer[];
  /** Metrics ports. @default [Port.PROMETHEUS] (TCP 9090) */
  readonly ports?: Port[];
}

/** The default scraper: Prometheus' pods AND its namespace in one peer (rule 18), never either alone. */
export function defaultScraper(): Peer {
  return Peer.pods({ ...DEFAULT_PROMETHEUS_LABELS }).inNamespace(DEFAULT_MONITORING_NAMESPACE);
}

/**
 * The Prometheus carve-out: an Ingress-only policy letting the scrapers reach the opted-in pods on
 * the metrics ports. Control stays in the target namespace; egress is not touched.
 */
export function monitoringScrape(r: MonitoringScrapeRecipe): PolicySpec[] {
  if (r.scrapers !== undefined && r.scrapers.length === 0) {
    throw new Error('AllowMonitoringScrape: `scrapers: []` would let every source in; list the scrapers, or omit it for Prometheus in namespace monitoring');
  }
  if (r.ports !== undefined && r.ports.length === 0) {
    throw new Error('AllowMonitoringScrape: `ports: []` would open every port; list the metrics ports, or omit it for TCP 9090');
  }
  const targets = r.targets ?? LabelSelector.labels({ ...DEFAULT_SCRAPE_OPT_IN_LABELS });
  const scrapers = r.scrapers ?? [defaultScraper()];
  const ports = r.ports ?? [Port.PROMETHEUS];
  const intent = `${describePeers(scrapers)} may scrape ${describePods(targets, r.namespace)} on ${describePorts(ports)}`;
  return [
    patternPolicy(MONITORING_SCRAPE_PATTERN, intent, {
      name: r.name,
      namespace: r.namespace,
      labels: r.labels,
      annotations: r.annotations,
      podSelector: targets,
      policyTypes: [PolicyType.INGRESS],
      ingress: [Rule.allow({ peers: scrapers, ports })],
    }),
  ];
}
