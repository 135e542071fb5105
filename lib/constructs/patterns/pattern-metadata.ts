import { INTENT_ANNOTATION, MANAGED_BY_LABEL, MANAGED_BY_VALUE, PATTERN_LABEL } from '../../patterns';

/**
 * The audit metadata every pattern construct writes on its policies, for `kubectl get netpol -l`
 * and for policy reviews: who manages the policy, which pattern produced it, and why it exists.
 *
 * For example `kubectl get netpol -A -l netpol.cdk8s.io/pattern=namespace-baseline` lists every
 * baseline, and the `netpol.cdk8s.io/intent` annotation states each policy's intent in one sentence.
 */
export class PatternMetadata {
  /** The standard label naming the managing tool. */
  public static readonly MANAGED_BY_LABEL: string = MANAGED_BY_LABEL;
  /** Its value on every pattern policy. */
  public static readonly MANAGED_BY: string = MANAGED_BY_VALUE;
  /** The label naming the pattern, e.g. `database-tier`, `namespace-baseline`. */
  public static readonly PATTERN_LABEL: string = PATTERN_LABEL;
  /** The annotation stating the policy's intent in one sentence. */
  public static readonly INTENT_ANNOTATION: string = INTENT_ANNOTATION;

  private constructor() {}
}
