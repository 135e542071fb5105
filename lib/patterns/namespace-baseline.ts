import { LabelSelector, Peer, PolicySpec, PolicyType, Port } from '../model';
import { INTENT_ANNOTATION, auditMetadata } from './audit';
import { describePeer } from './describe';
import { DnsTarget, dnsEgressRule, dnsPeer } from './dns';
import { monitoringScrape } from './monitoring-scrape';
import { RecipeScope, childName, patternPolicy } from './recipe';
import { allowSameNamespace } from './same-namespace';

export const NAMESPACE_BASELINE_PATTERN = 'namespace-baseline';

/** The monitoring carve-out of a baseline. */
export interface BaselineMonitoring {
  /** Pods that may be scraped. @default - pods labelled `monitoring.io/expose-metrics: "true"` */
  readonly targets?: LabelSelector;
  /** The scrapers. @default - pods `app: prometheus` in namespace `monitoring` (one AND peer) */
  readonly scrapers?: Peer[];
  /** Metrics ports. @default [Port.PROMETHEUS] */
  readonly ports?: Port[];
}

export interface NamespaceBaselineRecipe extends RecipeScope {
  /** Allow every pod egress to DNS. @default true */
  readonly allowDns?: boolean;
  /** Where DNS runs. @default kube-system pods `k8s-app: kube-dns` */
  readonly dns?: DnsTarget;
  /** Let all pods of the namespace reach each other. @default false */
  readonly allowSameNamespace?: boolean;
  /** The Prometheus carve-out, when given. @default - none */
  readonly monitoring?: BaselineMonitoring;
}

/**
 * The zero-trust bundle for one namespace: default deny both ways (podSelector `{}` with both
 * policyTypes and no rules: rules 4, 5, 7), DNS for every pod (or nothing resolves), and optional
 * same-namespace and monitoring carve-outs. Every policy carries the `namespace-baseline` pattern
 * label so the bundle can be listed as one. Names: `<name>-default-deny`, `<name>-allow-dns`,
 * `<name>-allow-same-namespace`, `<name>-allow-monitoring-scrape`.
 */
export function namespaceBaseline(r: NamespaceBaselineRecipe): PolicySpec[] {
  const ns = r.namespace;
  const specs: PolicySpec[] = [
    patternPolicy(NAMESPACE_BASELINE_PATTERN, `every pod in namespace ${ns} is isolated both ways: nothing in or out unless another policy allows it`, {
      name: childName(r.name, 'default-deny'),
      namespace: ns,
      labels: r.labels,
      annotations: r.annotations,
      podSelector: LabelSelector.everything(),
      policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS],
    }, r.allowSameNamespace ? {
      // allow-same-namespace also selects every pod both ways, which makes this deny redundant today.
      'policy-without-effect': 'the explicit deny anchors the baseline: it keeps the namespace closed if a carve-out is removed',
    } : {}),
  ];
  if (r.allowDns ?? true) {
    specs.push(patternPolicy(NAMESPACE_BASELINE_PATTERN, `every pod in namespace ${ns} may query DNS on UDP 53 and TCP 53 at ${describePeer(dnsPeer(r.dns))}`, {
      name: childName(r.name, 'allow-dns'),
      namespace: ns,
      labels: r.labels,
      annotations: r.annotations,
      podSelector: LabelSelector.everything(),
      policyTypes: [PolicyType.EGRESS],
      egress: [dnsEgressRule(r.dns)],
    }));
  }
  if (r.allowSameNamespace) {
    specs.push(...allowSameNamespace({ namespace: ns, name: childName(r.name, 'allow-same-namespace'), labels: r.labels, annotations: r.annotations }).map((s) => rebrand(s, r.labels)));
  }
  if (r.monitoring) {
    specs.push(...monitoringScrape({ ...r.monitoring, namespace: ns, name: childName(r.name, 'allow-monitoring-scrape'), labels: r.labels, annotations: r.annotations }).map((s) => rebrand(s, r.labels)));
  }
  return specs;
}

/** The same policy, labelled as part of the baseline bundle (intent kept; the user's labels still win). */
function rebrand(spec: PolicySpec, labels: { [key: string]: string } | undefined): PolicySpec {
  const audit = auditMetadata(NAMESPACE_BASELINE_PATTERN, spec.annotations[INTENT_ANNOTATION]);
  return PolicySpec.create({
    name: spec.name,
    namespace: spec.namespace,
    podSelector: spec.podSelector,
    ingress: spec.ingress,
    egress: spec.egress,
    policyTypes: spec.policyTypes,
    labels: { ...spec.labels, ...audit.labels, ...(labels ?? {}) },
    annotations: { ...spec.annotations, ...audit.annotations },
  });
}
