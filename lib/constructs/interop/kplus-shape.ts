import { IConstruct } from 'constructs';
import { IKplusLabelSelector, IKplusNamespace, IKplusNamespaceSelector, IKplusPodSelector } from './kplus-types';

// Run-time reading of cdk8s-plus objects by their shape. No cdk8s-plus major is loaded: the app's
// own cdk8s-plus (28 to 33) made the objects, and `instanceof` against another copy would fail.

/** A Kubernetes LabelSelector as cdk8s-plus renders it. */
export interface KubeSelector {
  readonly matchLabels?: { [key: string]: string };
  readonly matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

export const isKplusPodSelector = (x: unknown): x is IKplusPodSelector =>
  isObject(x) && typeof (x as IKplusPodSelector).toPodSelectorConfig === 'function';

export const isKplusNamespaceSelector = (x: unknown): x is IKplusNamespaceSelector =>
  isObject(x) && typeof (x as IKplusNamespaceSelector).toNamespaceSelectorConfig === 'function';

/** A cdk8s-plus `Namespace` (a Resource of kind Namespace), not a `Namespaces` selection. */
export const isKplusNamespace = (x: unknown): x is IKplusNamespace =>
  isKplusNamespaceSelector(x) && typeof (x as IKplusNamespace).name === 'string' && (x as { kind?: unknown }).kind === 'Namespace';

/**
 * A cdk8s-plus workload's own pod selector (`Workload.matchLabels`/`matchExpressions`, what its
 * spec.selector renders); undefined for a Pod or `Pods`, which have none.
 */
export function workloadSelector(x: IKplusPodSelector): KubeSelector | undefined {
  const w = x as { matchLabels?: unknown; matchExpressions?: unknown };
  if (!isObject(w.matchLabels) || !Array.isArray(w.matchExpressions)) return undefined;
  return { matchLabels: w.matchLabels as { [key: string]: string }, matchExpressions: w.matchExpressions };
}

/** The Kubernetes form of a cdk8s-plus LabelSelector (its `_toKube()`, in every cdk8s-plus-2x). */
export function kubeSelector(selector: IKplusLabelSelector, where: string): KubeSelector {
  const toKube = (selector as { _toKube?: () => KubeSelector })._toKube;
  if (typeof toKube !== 'function') {
    throw new Error(`${where}: the label selector is not a cdk8s-plus LabelSelector (no _toKube()); use a cdk8s-plus-2x object`);
  }
  return toKube.call(selector);
}

const KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'Pods']);

/** The cdk8s-plus class a construct is (or extends), by name: `Deployment`, `Pods`, ... */
export function kplusKind(c: IConstruct): string {
  for (let proto = Object.getPrototypeOf(c); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const name = proto.constructor?.name;
    if (KINDS.has(name)) return name;
  }
  return 'pod selector';
}

function isObject(x: unknown): x is object {
  return typeof x === 'object' && x !== null;
}
