import { Construct } from 'constructs';
import { Peer, PolicySpec, PolicyType, Port } from '../model';
import { peerRule } from './peer-rule';
import { PolicyObject, withTarget } from './policy-object';
import { PolicyOptions } from './policy-options';
import { resolveTarget } from './resolve-target';
import { Select } from './select';
import { PEERS, POLICY_OPTIONS, PORTS, TARGET } from './prop-checks';
import { optional, required } from '../model/props-check';
import { IKplusNamespace, IKplusNamespaceSelector, IKplusPodSelector } from './interop/kplus-types';

/** AllowToProps as checked at run time. */
const PROPS = { ...POLICY_OPTIONS, from: required(TARGET, 'pods', 'podSelector'), to: required(PEERS, 'peers'), ports: optional(PORTS, 'port') };

/** Props of AllowTo. */
export interface AllowToProps extends PolicyOptions {
  /**
   * The pods opening the connections (in the policy's namespace).
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every
   * pod in it (the policy must be in that namespace).
   */
  readonly from: Select | IKplusPodSelector | IKplusNamespace;

  /**
   * The destinations, ORed: each peer is its own `to` entry (docs/semantics.md rule 15). Chain on one
   * peer to require both a pod label and a namespace (rule 18); use `Peer.ipBlock(...)` or
   * `Peer.ip(...)` for addresses outside the cluster.
   * A cdk8s-plus workload, Pod or Pods stands for its pods (AND its namespace when it has
   * one), a cdk8s-plus Namespace for every pod in it.
   */
  readonly to: Array<Peer | IKplusPodSelector | IKplusNamespaceSelector>;

  /**
   * Destination ports, ORed. These are the remote end's ports (rule 28); a named port is
   * resolved on each destination pod and never matches an IP block (rule 31).
   * @default - every port of every protocol (rule 14)
   */
  readonly ports?: Port[];
}

/**
 * Allows connections from the selected pods to the given peers on the given ports: one egress
 * rule (a connection matches when it matches one peer AND one port, rule 12).
 *
 * The policy lists Egress in `policyTypes`, so it also isolates the selected pods for egress
 * (rule 2): every other destination, DNS included, is refused unless another policy allows it
 * (add `AllowDns`). The destination pod's ingress policies must allow the connection as well
 * (rule 10).
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
 */
export class AllowTo extends PolicyObject {
  public constructor(scope: Construct, id: string, props: AllowToProps) {
    super(scope, id, props, {
      namePrefix: 'allow',
      props: PROPS,
      build: (target) => PolicySpec._of(withTarget(target, {
        podSelector: resolveTarget('from', props.from, target.namespace),
        policyTypes: [PolicyType.EGRESS],
        egress: [peerRule('to', props.to, props.ports)],
      })),
    });
  }
}
