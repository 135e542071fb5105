import { Construct } from 'constructs';
import { PatternDirection, allowSameNamespace } from '../../patterns';
import { Direction } from '../direction';
import { PolicyObject, withTarget } from '../policy-object';
import { PolicyOptions } from '../policy-options';
import { POLICY_OPTIONS } from '../prop-checks';
import { oneOf, optional } from '../../model/props-check';

/** AllowSameNamespaceProps as checked at run time. */
const PROPS = { ...POLICY_OPTIONS, direction: optional(oneOf(Object.values(Direction))) };

/** Props of AllowSameNamespace. */
export interface AllowSameNamespaceProps extends PolicyOptions {
  /**
   * Which directions to open. A connection needs the sender's egress and the receiver's ingress
   * (docs/semantics.md rule 10), so under a deny-both baseline both are needed.
   * @default Direction.BOTH
   */
  readonly direction?: Direction;
}

/**
 * All pods of the namespace may reach each other, on any port.
 *
 * One policy selecting every pod, whose peer is `podSelector: {}`: every pod of the policy's own
 * namespace (rule 16), so it does not depend on any namespace label. Like every policy it isolates
 * what it selects for the directions it lists: with egress opened here, pods can reach only their
 * own namespace unless another policy allows more, so add `AllowDns` (or use `NamespaceBaseline`).
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class AllowSameNamespace extends PolicyObject {
  public constructor(scope: Construct, id: string, props: AllowSameNamespaceProps = {}) {
    super(scope, id, props, {
      namePrefix: 'allow',
      props: PROPS,
      build: (t) => allowSameNamespace(withTarget(t, { direction: toPatternDirection(props.direction) }))[0],
    });
  }
}

function toPatternDirection(direction: Direction | undefined): PatternDirection {
  switch (direction) {
    case Direction.INGRESS: return PatternDirection.INGRESS;
    case Direction.EGRESS: return PatternDirection.EGRESS;
    default: return PatternDirection.BOTH;
  }
}
