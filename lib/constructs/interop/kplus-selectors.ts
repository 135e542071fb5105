import { LabelExpression, LabelSelector, NAMESPACE_NAME_LABEL, SelectorOperator } from '../../model';
import { throwIfErrors } from '../../model/validation-error';
import { KubeSelector, kplusKind, kubeSelector, workloadSelector } from './kplus-shape';
import { IKplusNamespaceSelector, IKplusPodSelector, KplusNamespaceSelectorConfig } from './kplus-types';

// Reading cdk8s-plus selection objects (any cdk8s-plus-2x major) into our model. cdk8s-plus exposes a workload's pod
// selector as `matchLabels`/`matchExpressions` (what its spec.selector renders, and what every pod
// of its template carries), any IPodSelector through `toPodSelectorConfig()`, and any
// INamespaceSelector through `toNamespaceSelectorConfig()` (names and/or a label selector).

/** What a cdk8s-plus selection object says about the pods it means. */
export interface KplusPodSelection {
  /** The pods' label selector. */
  readonly pods: LabelSelector;
  /** The namespaces the pods are in; undefined when cdk8s-plus leaves it to the policy's namespace. */
  readonly namespaces?: LabelSelector;
  /** The single namespace name, when the selection is in exactly one named namespace. */
  readonly namespaceName?: string;
  /** `Deployment payments/api`-style description for messages and intents. */
  readonly description: string;
}

/** The pods selected by a cdk8s-plus workload, Pod or Pods, read now. */
export function readPodSelection(selector: IKplusPodSelector): KplusPodSelection {
  const description = `${kplusKind(selector)} ${selector.node.path}`;
  const config = selector.toPodSelectorConfig();
  // A workload's own selector when it has one; Job and CronJob have none (select: false), but
  // like every cdk8s-plus pod template theirs carries the address label toPodSelectorConfig() uses.
  const ownKube = workloadSelector(selector);
  const own = ownKube ? fromKube(ownKube) : undefined;
  const pods = own && !own.isEverything() ? own : fromKube(kubeSelector(config.labelSelector, description));
  const ns = config.namespaces ? readNamespaceConfig(config.namespaces, description) : undefined;
  throwIfErrors(pods.validate(`${description}: podSelector`));
  return { pods, namespaces: ns?.selector, namespaceName: ns?.name, description };
}

/** The namespaces selected by a cdk8s-plus Namespace or Namespaces. */
export function readNamespaceSelection(selector: IKplusNamespaceSelector): { selector: LabelSelector; name?: string } {
  return readNamespaceConfig(selector.toNamespaceSelectorConfig(), selector.node.path);
}

function readNamespaceConfig(config: KplusNamespaceSelectorConfig, where: string): { selector: LabelSelector; name?: string } {
  const bySelector = config.labelSelector ? fromKube(kubeSelector(config.labelSelector, where)) : LabelSelector.everything();
  throwIfErrors(bySelector.validate('namespaceSelector'));
  const names = [...new Set(config.names ?? [])].sort();
  if (names.length === 0) return { selector: bySelector };
  // Namespace names are matched through the label the control plane sets on every namespace (rule 20).
  const byName = names.length === 1
    ? LabelSelector._fromJson({ matchLabels: { [NAMESPACE_NAME_LABEL]: names[0] } })
    : LabelSelector._fromJson({ matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: SelectorOperator.IN, values: names }] });
  return { selector: byName.and(bySelector), name: names.length === 1 && bySelector.isEverything() ? names[0] : undefined };
}

function fromKube(kube: KubeSelector): LabelSelector {
  return LabelSelector._fromJson({ matchLabels: kube.matchLabels, matchExpressions: (kube.matchExpressions ?? []).map(toExpression) });
}

function toExpression(e: { key: string; operator: string; values?: string[] }): LabelExpression {
  return { key: e.key, operator: e.operator as SelectorOperator, values: e.values && e.values.length > 0 ? [...e.values] : undefined };
}
