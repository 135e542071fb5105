import { Construct } from 'constructs';
import { namespaceBaseline } from '../../patterns';
import { BASELINE_OPTIONS, BaselineOptions, monitoringRecipe } from './baseline-options';
import { isString, optional } from '../../model/props-check';

/** NamespaceBaselineProps as checked at run time. */
const PROPS = { ...BASELINE_OPTIONS, namespace: optional(isString) };
import { checkDnsProps } from '../prop-checks';
import { PolicyGroup } from './policy-group';

/** Props of NamespaceBaseline. */
export interface NamespaceBaselineProps extends BaselineOptions {
  /**
   * The namespace to lock down.
   * @default - the chart's namespace; neither is a synth error
   */
  readonly namespace?: string;
}

/**
 * The zero-trust bundle for one namespace: default deny both ways, DNS for every pod, and
 * optional same-namespace and monitoring carve-outs. Allow policies written next to it still
 * work, because policies only ever add allowances (docs/semantics.md rule 9).
 *
 * Emits `<name>-default-deny` (every pod, both policyTypes, no rules), `<name>-allow-dns` (egress
 * UDP+TCP 53 to kube-system `k8s-app: kube-dns`), and when asked `<name>-allow-same-namespace`
 * and `<name>-allow-monitoring-scrape`. Every policy is labelled
 * `netpol.cdk8s.io/pattern: namespace-baseline`, so `kubectl get netpol -l` lists the bundle.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
 */
export class NamespaceBaseline extends PolicyGroup {
  public constructor(scope: Construct, id: string, props: NamespaceBaselineProps = {}) {
    super(scope, id);
    if (!this._checkProps(PROPS, props)) return;
    const namespace = this._namespace(props.namespace);
    if (namespace === undefined) return;
    this._emit(() => {
      checkDnsProps(props);
      return namespaceBaseline({
        namespace,
        name: this._namePrefix(props.name),
        labels: props.labels,
        allowDns: props.allowDns,
        dns: { namespace: props.dnsNamespace, labels: props.dnsLabels },
        allowSameNamespace: props.allowSameNamespace,
        monitoring: monitoringRecipe(props.monitoring, namespace),
      });
    });
  }
}
