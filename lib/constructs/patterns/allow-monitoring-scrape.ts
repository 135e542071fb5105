import { Construct } from 'constructs';
import { Peer, Port } from '../../model';
import { monitoringScrape } from '../../patterns';
import { PolicyObject, withTarget } from '../policy-object';
import { FlowSides } from '../flow-sides';
import { PolicyOptions } from '../policy-options';
import { openClientSides } from './client-sides';
import { Select } from '../select';
import { resolveTarget } from '../resolve-target';
import { IKplusNamespace, IKplusNamespaceSelector, IKplusPodSelector } from '../interop/kplus-types';
import { toPeers } from '../interop/accept';
import { POLICY_OPTIONS } from '../prop-checks';
import { MONITORING } from './baseline-options';
import { oneOf, optional } from '../../model/props-check';

/** AllowMonitoringScrapeProps as checked at run time. */
const PROPS = { ...POLICY_OPTIONS, ...MONITORING, sides: optional(oneOf(Object.values(FlowSides)), 'side') };

/** Props of AllowMonitoringScrape. */
export interface AllowMonitoringScrapeProps extends PolicyOptions {
  /**
   * The pods that may be scraped. Pods opt in by carrying the label.
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
   * The metrics ports on the targets.
   * @default [Port.PROMETHEUS] (TCP 9090)
   */
  readonly ports?: Port[];

  /**
   * Which ends of the flow to open. `FlowSides.SERVER` writes only this policy (ingress, in this
   * namespace). `FlowSides.BOTH` also writes, in the App's chart of each client's namespace, an
   * egress policy letting the scrapers reach these pods on these ports: needed when the scrapers are isolated
   * for egress (a default deny there), since a connection needs the client's egress too (rule 10).
   * Each client must be pods of named namespaces (no IP blocks, no namespaces by label).
   * @default FlowSides.SERVER - only the ingress side; their egress is theirs to open
   */
  readonly sides?: FlowSides;
}

/**
 * The Prometheus carve-out: lets the monitoring system scrape the pods that opt in, on their
 * metrics ports, and nothing more.
 *
 * The default scraper is one peer carrying both selectors (pods `app: prometheus` AND namespace
 * `monitoring`, docs/semantics.md rule 18): written as two entries it would let every pod of the
 * monitoring namespace, and every `app: prometheus` pod of this namespace, in. The policy is
 * Ingress-only and lives in the target namespace, which keeps control with the target's owners.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
 */
export class AllowMonitoringScrape extends PolicyObject {
  public constructor(scope: Construct, id: string, props: AllowMonitoringScrapeProps = {}) {
    super(scope, id, props, {
      namePrefix: 'allow',
      props: PROPS,
      build: (t) => monitoringScrape(withTarget(t, {
        targets: props.targets ? resolveTarget('targets', props.targets, t.namespace) : undefined,
        scrapers: props.scrapers ? toPeers('scrapers', props.scrapers) : undefined,
        ports: props.ports,
      }))[0],
    });
    openClientSides(this, props?.sides, 'monitoring-scrape', props?.auditMetadata);
  }
}
