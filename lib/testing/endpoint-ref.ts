import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Check, propIssue, quote } from '../model/props-check';

// An endpoint of Reachability given as the construct that makes it: a cdk8s-plus workload or Pod
// (any major: read by shape, its `apiObject`), or an ApiObject of a Pod or workload kind. It
// stands for `namespace/name` of the object it writes, so tests need not spell generated names
// (`shop/shop-api-c8f8f8d3`).

/** Kinds whose objects are pods or stand for the pods of their template (what Reachability reads). */
const POD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];

/** The ApiObject a construct writes: itself, or a cdk8s-plus resource's `apiObject`. */
function apiObjectOf(x: unknown): ApiObject | undefined {
  if (x === null || typeof x !== 'object') return undefined;
  if (ApiObject.isApiObject(x)) return x as ApiObject;
  const inner = (x as { apiObject?: unknown }).apiObject;
  return ApiObject.isApiObject(inner) ? inner as ApiObject : undefined;
}

/** Why `x` cannot stand for an endpoint, or undefined when it can. */
function problem(x: unknown): string | undefined {
  if (typeof x === 'string') return undefined;
  const obj = apiObjectOf(x);
  if (!obj) {
    return 'must be "namespace/name", an IP address, a cdk8s-plus workload or Pod, or an ApiObject of a Pod or workload';
  }
  if (!POD_KINDS.includes(obj.kind)) {
    return `${obj.node.path} is of kind ${quote(obj.kind)}, which has no pods: must be a ${POD_KINDS.join(', ')}, or "namespace/name"`;
  }
  return undefined;
}

/** Run-time check of an endpoint argument (a string, or a construct that writes a Pod or workload). */
export const isEndpointRef: Check = (v, path, out) => {
  const why = problem(v);
  if (why) out.push(propIssue(path, `Invalid value: ${quote(v)}: ${why}`));
};

/**
 * `namespace/name` of the object a construct writes (its namespace, else its chart's, else
 * `defaultNamespace`); a string is returned as it is. Call after `isEndpointRef` has passed.
 */
export function endpointName(ref: string | IConstruct, defaultNamespace: string): string {
  if (typeof ref === 'string') return ref;
  const obj = apiObjectOf(ref)!;
  const namespace = obj.metadata.namespace ?? chartNamespace(obj) ?? defaultNamespace;
  return `${namespace}/${obj.name}`;
}

function chartNamespace(obj: ApiObject): string | undefined {
  try {
    return Chart.of(obj).namespace;
  } catch {
    return undefined;
  }
}
