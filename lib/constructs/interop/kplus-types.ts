import { IConstruct } from 'constructs';

// The cdk8s-plus objects a policy accepts, described by what we read from them, not imported from
// one cdk8s-plus major: every cdk8s-plus-2x (28 to 33) declares its own copies of these types, and
// their classes carry private fields, so one major's `Deployment` does not type-check where
// another major's `IPodSelector` is expected (TS2322). Any major's objects fit these interfaces.

/**
 * A cdk8s-plus `LabelSelector` of any cdk8s-plus-2x major (only its shape: read, never built).
 */
export interface IKplusLabelSelector {
  /** Whether the selector matches everything. */
  isEmpty(): boolean;
}

/**
 * A cdk8s-plus `NamespaceSelectorConfig` of any cdk8s-plus-2x major.
 */
export interface KplusNamespaceSelectorConfig {
  /**
   * The namespaces' label selector.
   * @default - no label condition
   */
  readonly labelSelector?: IKplusLabelSelector;
  /**
   * The namespaces' names.
   * @default - no name condition
   */
  readonly names?: string[];
}

/**
 * A cdk8s-plus `PodSelectorConfig` of any cdk8s-plus-2x major.
 */
export interface KplusPodSelectorConfig {
  /** The pods' label selector. */
  readonly labelSelector: IKplusLabelSelector;
  /**
   * The namespaces the pods are in.
   * @default - the namespace of the policy
   */
  readonly namespaces?: KplusNamespaceSelectorConfig;
}

/**
 * A cdk8s-plus workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), Pod or `Pods`
 * selection of any cdk8s-plus-2x major: cdk8s-plus' `IPodSelector`.
 */
export interface IKplusPodSelector extends IConstruct {
  /** What the object selects (cdk8s-plus `IPodSelector.toPodSelectorConfig()`). */
  toPodSelectorConfig(): KplusPodSelectorConfig;
}

/**
 * A cdk8s-plus `Namespace` or `Namespaces` of any cdk8s-plus-2x major: cdk8s-plus'
 * `INamespaceSelector`.
 */
export interface IKplusNamespaceSelector extends IConstruct {
  /** What the object selects (cdk8s-plus `INamespaceSelector.toNamespaceSelectorConfig()`). */
  toNamespaceSelectorConfig(): KplusNamespaceSelectorConfig;
}

/** A cdk8s-plus `Namespace` of any cdk8s-plus-2x major. */
export interface IKplusNamespace extends IKplusNamespaceSelector {
  /** The namespace's name. */
  readonly name: string;
}
