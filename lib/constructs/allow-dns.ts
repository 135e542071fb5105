import { Construct } from 'constructs';
import { Peer, PolicySpec, PolicyType, Port, Rule } from '../model';
import { PolicyObject, withTarget } from './policy-object';
import { PolicyOptions } from './policy-options';
import { resolveTarget } from './resolve-target';
import { DNS_OPTIONS, POLICY_OPTIONS, TARGET, checkDnsProps } from './prop-checks';
import { optional } from '../model/props-check';

/** AllowDnsProps as checked at run time. */
const PROPS = { ...POLICY_OPTIONS, ...DNS_OPTIONS, pods: optional(TARGET, 'podSelector', 'from') };
import { Select } from './select';
import { IKplusNamespace, IKplusPodSelector } from './interop/kplus-types';

/** Props of AllowDns. */
export interface AllowDnsProps extends PolicyOptions {
  /**
   * The pods that may resolve names.
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every
   * pod in it (the policy must be in that namespace).
   * @default Select.allPods() - every pod of the namespace
   */
  readonly pods?: Select | IKplusPodSelector | IKplusNamespace;

  /**
   * Namespace of the cluster DNS pods, matched by its `kubernetes.io/metadata.name` label.
   * @default 'kube-system'
   */
  readonly dnsNamespace?: string;

  /**
   * Labels of the cluster DNS pods (CoreDNS keeps kube-dns's label).
   * @default { 'k8s-app': 'kube-dns' }
   */
  readonly dnsLabels?: { [key: string]: string };
}

/**
 * Lets the selected pods query the cluster DNS: egress on UDP 53 and TCP 53 to the DNS pods.
 *
 * The destination is ONE peer carrying both selectors (docs/semantics.md rule 18): pods labelled
 * `k8s-app: kube-dns` AND in the namespace whose `kubernetes.io/metadata.name` is `kube-system`.
 * That label is set on every namespace by the control plane (rule 20); a `name: kube-system`
 * label, often seen in copied policies, does not exist by default and matches nothing. TCP 53 is
 * needed for answers larger than 512 bytes. The policy lists only Egress in `policyTypes`, so
 * it isolates the selected pods for egress (rule 2): combine it with `DefaultDeny`.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-namespace-by-its-name
 */
export class AllowDns extends PolicyObject {
  public constructor(scope: Construct, id: string, props: AllowDnsProps = {}) {
    super(scope, id, props, {
      namePrefix: 'allow-dns',
      props: PROPS,
      build: (target) => {
        checkDnsProps(props);
        const dns = Peer.pods({ ...(props.dnsLabels ?? { 'k8s-app': 'kube-dns' }) }).inNamespace(props.dnsNamespace ?? 'kube-system');
        return PolicySpec._of(withTarget(target, {
          podSelector: resolveTarget('pods', props.pods ?? Select.allPods(), target.namespace),
          policyTypes: [PolicyType.EGRESS],
          egress: [Rule.allow({ peers: [dns], ports: [Port.DNS_UDP, Port.DNS_TCP] })],
        }));
      },
    });
  }
}
