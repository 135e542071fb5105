import { LabelSelector } from '../../model';
import { Workloads } from '../interop/workloads';
import { Select } from '../select';

/**
 * The label selector of a target, checked against the policy's namespace: a policy only selects
 * pods of its own namespace (SEMANTICS.md rule 3), so a cdk8s-plus workload that lives elsewhere
 * cannot be a target here.
 */
export function resolveTarget(field: string, select: Select, namespace: string): LabelSelector {
  const where = Workloads._targetNamespace(select);
  if (where !== undefined && where !== namespace) {
    throw new Error(`${field}: ${select} is in namespace ${JSON.stringify(where)} but this policy is in ${JSON.stringify(namespace)}; `
      + `a policy selects pods of its own namespace only: create it in namespace ${JSON.stringify(where)}`);
  }
  return select.selector;
}
