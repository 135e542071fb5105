import { Construct } from 'constructs';
import { PolicySpec, PolicyType, Rule } from '../model';
import { PolicyObject, withTarget } from './policy-object';
import { PolicyOptions } from './policy-options';
import { resolveTarget } from './resolve-target';
import { Select } from './select';
import { POLICY_OPTIONS, RULES, TARGET } from './prop-checks';
import { arrayOf, checkArg, instanceOf, oneOf, optional, required } from '../model/props-check';
import { IKplusNamespace, IKplusPodSelector } from './interop/kplus-types';

/** NetworkPolicyProps as checked at run time. */
const PROPS = {
  ...POLICY_OPTIONS,
  podSelector: required(TARGET, 'pods', 'selector'),
  ingress: optional(RULES),
  egress: optional(RULES),
  policyTypes: optional(arrayOf(oneOf(Object.values(PolicyType)), 'PolicyType'), 'types'),
};
const SPEC = instanceOf(PolicySpec, 'a PolicySpec (PolicySpec.create(...))');

/** Props of a NetworkPolicy: one policy, field for field. */
export interface NetworkPolicyProps extends PolicyOptions {
  /**
   * The pods of the policy's namespace the policy applies to (`spec.podSelector`). Selecting a
   * pod for a direction isolates it for that direction: from then on only traffic some policy
   * allows gets through (docs/semantics.md rule 2).
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every
   * pod in it (the policy must be in that namespace).
   */
  readonly podSelector: Select | IKplusPodSelector | IKplusNamespace;

  /**
   * Ingress rules, ORed (rule 9). An empty list with Ingress in `policyTypes` allows no ingress
   * at all (a deny-all for the selected pods).
   * @default - no ingress rules
   */
  readonly ingress?: Rule[];

  /**
   * Egress rules, ORed. An empty list with Egress in `policyTypes` allows no egress at all.
   * @default - no egress rules
   */
  readonly egress?: Rule[];

  /**
   * The directions the policy isolates; always written out explicitly. Rules of a direction not
   * listed here have no effect (rule 6).
   * @default - Ingress when `ingress` is given (even empty), Egress when `egress` is given
   */
  readonly policyTypes?: PolicyType[];
}

/**
 * One Kubernetes NetworkPolicy (networking.k8s.io/v1), written field for field: the escape hatch
 * for anything the pattern constructs do not express.
 *
 * Unlike the raw API, nothing defaults silently: `policyTypes` is always rendered, an empty
 * podSelector must be asked for with `Select.allPods()`, and a policy with no rules and no
 * policyTypes (which Kubernetes would read as "deny all ingress", rule 5c) is a synth error.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class NetworkPolicy extends PolicyObject {
  /**
   * Emits an existing PolicySpec as it is, with its own name, namespace, labels and
   * annotations (the chart's labels are added).
   */
  public static fromSpec(scope: Construct, id: string, spec: PolicySpec): NetworkPolicy {
    return NetworkPolicy._fromSpec(scope, id, spec, undefined);
  }

  /**
   * fromSpec for a construct writing its policies as children, with its `auditMetadata`.
   * @internal
   */
  public static _fromSpec(scope: Construct, id: string, spec: PolicySpec, auditMetadata: boolean | undefined): NetworkPolicy {
    checkArg('NetworkPolicy.fromSpec', 'spec', SPEC, spec);
    return new NetworkPolicy(scope, id, {
      auditMetadata,
      name: spec.name,
      namespace: spec.namespace,
      labels: spec.labels,
      annotations: spec.annotations,
      podSelector: Select.podsMatching(spec.podSelector),
      ingress: spec.ingress,
      egress: spec.egress,
      policyTypes: spec.policyTypes,
    });
  }

  public constructor(scope: Construct, id: string, props: NetworkPolicyProps) {
    super(scope, id, props, {
      namePrefix: '',
      props: PROPS,
      build: (target) => {
        if (props.ingress === undefined && props.egress === undefined && (props.policyTypes ?? []).length === 0) {
          throw new Error(
            'policyTypes: a policy with no ingress, no egress and no policyTypes denies all ingress to the selected pods '
            + '(Kubernetes defaults policyTypes to [Ingress]); give `ingress`, `egress` or `policyTypes`, or use DefaultDeny if a deny is meant',
          );
        }
        return PolicySpec._of(withTarget(target, {
          podSelector: resolveTarget('podSelector', props.podSelector, target.namespace),
          ingress: props.ingress,
          egress: props.egress,
          policyTypes: props.policyTypes,
        }));
      },
    });
  }
}
