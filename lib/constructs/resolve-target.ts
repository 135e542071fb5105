import { LabelSelector } from '../model';
import { Workloads } from './interop/workloads';
import { TargetLike, toSelect } from './interop/accept';

/**
 * The label selector of a target, checked against the policy's namespace: a policy only selects
 * pods of its own namespace (docs/semantics.md rule 3), so a cdk8s-plus workload that lives elsewhere
 * cannot be a target here.
 */
export function resolveTarget(field: string, target: TargetLike, namespace: string): LabelSelector {
  const select = toSelect(field, target);
  Workloads._checkTarget(field, select, namespace);
  return select.selector;
}
