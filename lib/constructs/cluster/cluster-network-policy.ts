import { Construct } from 'constructs';
import { instanceOf, integer, isBoolean, isString, labelMap, oneOf, optional, required, stringMap } from '../../model/props-check';
import { ClusterPolicyObject, ClusterPolicyOptions } from './cluster-policy-object';
import { ClusterSubject } from './peers';
import { CLUSTER_RULES, ClusterPolicyTier, ClusterRule } from './rule';

/** ClusterPolicyOptions as checked at run time. */
export const CLUSTER_POLICY_OPTIONS = {
  name: optional(isString),
  labels: optional(labelMap),
  annotations: optional(stringMap),
  auditMetadata: optional(isBoolean, 'audit'),
};

/** A subject, as checked at run time. */
export const SUBJECT = instanceOf(ClusterSubject, 'a ClusterSubject (ClusterSubject.allNamespaces(), ClusterSubject.namespaces(...))');

/** A priority, as the CRD bounds it. */
export const PRIORITY = integer(0, 1000);

const PROPS = {
  ...CLUSTER_POLICY_OPTIONS,
  tier: required(oneOf(Object.values(ClusterPolicyTier))),
  priority: optional(PRIORITY),
  subject: required(SUBJECT),
  ingress: optional(CLUSTER_RULES),
  egress: optional(CLUSTER_RULES),
};

/** Props of ClusterNetworkPolicy. */
export interface ClusterNetworkPolicyProps extends ClusterPolicyOptions {
  /** Admin (before every NetworkPolicy) or Baseline (after them). */
  readonly tier: ClusterPolicyTier;
  /**
   * Precedence within the tier, 0..1000, lower first.
   *
   * Managed when left out: a policy without `priority` gets the highest priority of the policies
   * of its tier declared before it in the App, plus 10 (10 for the first), skipping numbers that
   * explicit priorities of the tier use. So policies of a tier are evaluated in the order they
   * are declared, and no two share a number. Two explicit equal priorities in one tier are a
   * synth error naming both constructs when the policies may match the same connections (their
   * subjects may share a pod and both have rules of one direction): which one decides would be
   * implementation-defined. A managed priority past 1000 is a synth error.
   * @default - managed, as above
   */
  readonly priority?: number;
  /** The pods the policy applies to. Selecting them does not isolate them: only the rules act. */
  readonly subject: ClusterSubject;
  /**
   * Ingress rules, in precedence order: the first that matches decides (at most 25).
   * @default - none
   */
  readonly ingress?: ClusterRule[];
  /**
   * Egress rules, in precedence order: the first that matches decides (at most 25).
   * @default - none
   */
  readonly egress?: ClusterRule[];
}

/**
 * A ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2): a cluster-scoped policy that can
 * accept, deny or pass, ordered by tier and priority around NetworkPolicy (Admin policies, then
 * NetworkPolicies, then Baseline policies, then allow; docs/cluster-network-policy.md).
 *
 * The App must support the dialect (`Targets.of(app).support(Dialect.CLUSTER_NETWORK_POLICY)`),
 * with the experimental channel for `nodes` and `domainNames` peers; otherwise synthesis fails.
 * The object is validated at synth time against what the CRD's schema and CEL rules enforce.
 */
export class ClusterNetworkPolicy extends ClusterPolicyObject {
  public constructor(scope: Construct, id: string, props: ClusterNetworkPolicyProps) {
    super(scope, id, props, {
      namePrefix: '',
      props: PROPS,
      build: () => ({ tier: props.tier, priority: props.priority, subject: props.subject, ingress: [...(props.ingress ?? [])], egress: [...(props.egress ?? [])] }),
    });
  }
}
