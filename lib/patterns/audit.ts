import { PolicySpec } from '../model';
import { entry, hasEntry, setEntry } from '../model/string-map';
import { boundedIntent, describePolicy } from './intent';

// Audit metadata carried by every policy this library writes (unless the App or the construct
// turns it off), so that `kubectl get netpol -L ...` answers "who wrote this and why" without
// reading the source. Labels and annotations never change what a policy allows: Kubernetes
// reads only `spec` (docs/semantics.md).

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
    annotations: { [INTENT_ANNOTATION]: boundedIntent(intent) },
  };
}

/** The labels and annotations the author of a policy gave (props, the chart's labels). */
export interface GivenMetadata {
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
}

/**
 * Sets the audit metadata of `spec`, a policy just built and not yet shared (its maps are
 * changed in place). What the author gave always wins; then what a pattern wrote. With `on`, a
 * policy lacking them gets `app.kubernetes.io/managed-by: cdk8s-netpol` and an intent sentence
 * generated from its spec; without, the managed-by label and the intent annotation are left
 * only where the author gave them. The pattern label is not touched: it names the bundle.
 */
export function applyAuditMetadata(spec: PolicySpec, on: boolean, given: GivenMetadata): void {
  settle(spec.labels, MANAGED_BY_LABEL, on, given.labels, () => MANAGED_BY_VALUE);
  settle(spec.annotations, INTENT_ANNOTATION, on, given.annotations, () => describePolicy(spec));
}

function settle(map: { [key: string]: string }, key: string, on: boolean, given: { [key: string]: string }, make: () => string): void {
  const mine = entry(given, key);
  if (mine !== undefined) setEntry(map, key, mine);
  else if (!on) delete map[key];
  else if (!hasEntry(map, key)) setEntry(map, key, make());
}
