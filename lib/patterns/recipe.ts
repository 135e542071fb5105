import { PolicySpec, PolicySpecProps } from '../model';
import { SUPPRESS_ANNOTATION_PREFIX } from '../lint';
import { auditMetadata } from './audit';

/** Where a recipe's policies go: every recipe takes these. */
export interface RecipeScope {
  /** Namespace of the emitted policies (already resolved by the caller). */
  readonly namespace: string;
  /** Name of the policy, or the prefix of the names when the recipe emits several. */
  readonly name: string;
  /** More labels for every policy (e.g. the chart's); these win over the audit labels on a clash. */
  readonly labels?: { [key: string]: string };
  /** More annotations for every policy; these win over the intent annotation on a clash. */
  readonly annotations?: { [key: string]: string };
}

/** `prefix-suffix`, or just `suffix` when the prefix is empty. */
export function childName(prefix: string, suffix: string): string {
  return prefix ? `${prefix}-${suffix}` : suffix;
}

/**
 * A validated PolicySpec carrying the pattern's audit labels and intent annotation. `suppress`
 * maps lint rule ids to the reason the pattern's design makes the finding moot; it is written as
 * `suppress.netpol.cdk8s.io/<rule-id>` annotations, which lint honours at synth time and in CI.
 */
export function patternPolicy(
  pattern: string,
  intent: string,
  props: PolicySpecProps,
  suppress: { [ruleId: string]: string } = {},
): PolicySpec {
  const audit = auditMetadata(pattern, intent);
  const suppressions = Object.fromEntries(Object.entries(suppress).map(([rule, reason]) => [`${SUPPRESS_ANNOTATION_PREFIX}${rule}`, reason]));
  return PolicySpec.create({
    ...props,
    labels: { ...audit.labels, ...(props.labels ?? {}) },
    annotations: { ...audit.annotations, ...suppressions, ...(props.annotations ?? {}) },
  });
}
