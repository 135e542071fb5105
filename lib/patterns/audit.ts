// Audit metadata carried by every policy a pattern emits, so that `kubectl get netpol -L ...`
// answers "who wrote this and why" without reading the source.

/** Standard Kubernetes label naming the tool that manages an object. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Value of MANAGED_BY_LABEL on everything this library emits. */
export const MANAGED_BY_VALUE = 'cdk8s-netpol';
/** Label naming the pattern that produced a policy, e.g. `database-tier`. */
export const PATTERN_LABEL = 'netpol.cdk8s.io/pattern';
/** Annotation stating the policy's intent in one sentence. */
export const INTENT_ANNOTATION = 'netpol.cdk8s.io/intent';

/** Labels and annotations for one policy of a pattern. */
export interface AuditMetadata {
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
}

/** The audit labels and intent annotation of a policy produced by `pattern`. */
export function auditMetadata(pattern: string, intent: string): AuditMetadata {
  return {
    labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [PATTERN_LABEL]: pattern },
    annotations: { [INTENT_ANNOTATION]: intent },
  };
}
