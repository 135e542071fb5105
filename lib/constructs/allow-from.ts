import { Construct } from 'constructs';
import { Peer, PolicySpec, PolicyType, Port } from '../model';
import { PolicyObject, withTarget } from './policy-object';
import { peerRule } from './peer-rule';
import { PolicyOptions } from './policy-options';
import { resolveTarget } from './resolve-target';
import { Select } from './select';
import { PEERS, POLICY_OPTIONS, PORTS, TARGET } from './prop-checks';
import { optional, required } from '../model/props-check';
import { IKplusNamespace, IKplusNamespaceSelector, IKplusPodSelector } from './interop/kplus-types';

/** AllowFromProps as checked at run time. */
const PROPS = { ...POLICY_OPTIONS, to: required(TARGET, 'pods', 'podSelector'), from: required(PEERS, 'peers'), ports: optional(PORTS, 'port') };

/** Props of AllowFrom. */
export interface AllowFromProps extends PolicyOptions {
  /**
   * The pods receiving the connections (in the policy's namespace).
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every
   * pod in it (the policy must be in that namespace).
   */
  readonly to: Select | IKplusPodSelector | IKplusNamespace;

  /**
   * The sources, ORed: each peer is its own `from` entry (docs/semantics.md rule 15). To require two
   * things of one source (pods labelled X AND in namespace Y) chain them on one peer:
   * `Peer.pods({ app: 'web' }).inNamespace('shop')` (rule 18). To allow every source say so:
   * `Peer.anyPodInCluster()` and `...Peer.anywhere()`.
   * A cdk8s-plus workload, Pod or Pods stands for its pods (AND its namespace when it has
   * one), a cdk8s-plus Namespace for every pod in it.
   */
  readonly from: Array<Peer | IKplusPodSelector | IKplusNamespaceSelector>;

  /**
   * Destination ports on the selected pods, ORed.
   * @default - every port of every protocol (rule 14)
   */
  readonly ports?: Port[];
}

/**
 * Allows connections to the selected pods from the given peers on the given ports: one ingress
 * rule (a connection matches when it matches one peer AND one port, rule 12).
 *
 * The policy lists Ingress in `policyTypes`, so it also isolates the selected pods for ingress
 * (rule 2): any source not allowed by this or another policy is refused. For the connection to
 * succeed the source must also be allowed to send it (its own egress policies, rule 10).
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
 */
export class AllowFrom extends PolicyObject {
  public constructor(scope: Construct, id: string, props: AllowFromProps) {
    super(scope, id, props, {
      namePrefix: 'allow',
      props: PROPS,
      build: (target) => PolicySpec._of(withTarget(target, {
        podSelector: resolveTarget('to', props.to, target.namespace),
        policyTypes: [PolicyType.INGRESS],
        ingress: [peerRule('from', props.from, props.ports)],
      })),
    });
  }
}
