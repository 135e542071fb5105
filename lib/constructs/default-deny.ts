import { Construct } from 'constructs';
import { PolicySpec, PolicyType } from '../model';
import { Direction } from './direction';
import { PolicyObject, withTarget } from './policy-object';
import { PolicyOptions } from './policy-options';
import { resolveTarget } from './resolve-target';
import { Select } from './select';
import { POLICY_OPTIONS, TARGET } from './prop-checks';
import { oneOf, optional } from '../model/props-check';
import { IKplusNamespace, IKplusPodSelector } from './interop/kplus-types';

/** DefaultDenyProps as checked at run time. */
const PROPS = { ...POLICY_OPTIONS, direction: optional(oneOf(Object.values(Direction))), pods: optional(TARGET, 'podSelector', 'to', 'from') };

/** Props of DefaultDeny. */
export interface DefaultDenyProps extends PolicyOptions {
  /**
   * Which traffic to deny.
   * @default Direction.BOTH
   */
  readonly direction?: Direction;

  /**
   * The pods to isolate.
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every
   * pod in it (the policy must be in that namespace).
   * @default Select.allPods() - every pod of the namespace
   */
  readonly pods?: Select | IKplusPodSelector | IKplusNamespace;
}

/**
 * Denies all traffic of a direction to or from the selected pods, unless another policy allows
 * it: the baseline of a zero-trust namespace.
 *
 * It is a policy with the direction in `policyTypes` and no rules of that direction. Selecting a
 * pod isolates it (docs/semantics.md rule 2), no rule allows anything, and because policies only add
 * allowances (rule 9) every allow policy written next to it still works. Denying egress also
 * denies DNS: add `AllowDns` next to it.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
 */
export class DefaultDeny extends PolicyObject {
  public constructor(scope: Construct, id: string, props: DefaultDenyProps = {}) {
    super(scope, id, props, {
      namePrefix: 'default-deny',
      props: PROPS,
      build: (target) => {
        const direction = props.direction ?? Direction.BOTH;
        const policyTypes = [
          ...(direction !== Direction.EGRESS ? [PolicyType.INGRESS] : []),
          ...(direction !== Direction.INGRESS ? [PolicyType.EGRESS] : []),
        ];
        return PolicySpec._of(withTarget(target, { podSelector: resolveTarget('pods', props.pods ?? Select.allPods(), target.namespace), policyTypes }));
      },
    });
  }
}
