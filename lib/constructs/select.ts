import { LabelSelector } from '../model';
import { checkArg, instanceOf } from '../model/props-check';

const SELECTOR = instanceOf(LabelSelector, 'a LabelSelector (LabelSelector.labels(...), LabelSelector.expressions(...))');

/**
 * The pods of the policy's own namespace that a policy applies to (`spec.podSelector`).
 *
 * A policy only ever selects pods of its own namespace (docs/semantics.md rule 3). Selecting every
 * pod (`podSelector: {}`, rule 4) is only possible through `Select.allPods()` (or an explicit
 * `LabelSelector.everything()`): an empty label map is rejected so that "all pods" is never
 * written by accident.
 *
 * A selection is resolved when the policy is built, so factories may wrap objects whose labels
 * are only known later in construction (for example a cdk8s-plus workload's pod labels).
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
 */
export class Select {
  /** Pods carrying all of these labels. At least one label is required. */
  public static pods(labels: { [key: string]: string }): Select {
    if (labels !== null && typeof labels === 'object' && Object.keys(labels).length === 0) {
      throw new Error('Select.pods: an empty label map would select every pod of the namespace; if that is meant, use Select.allPods()');
    }
    const selector = LabelSelector._checked('Select.pods', 'labels', labels);
    return new Select(() => selector);
  }

  /** Pods matching a label selector (labels and/or expressions). */
  public static podsMatching(selector: LabelSelector): Select {
    checkArg('Select.podsMatching', 'selector', SELECTOR, selector);
    return new Select(() => selector);
  }

  /** Every pod of the policy's namespace (`podSelector: {}`). */
  public static allPods(): Select {
    return new Select(() => LabelSelector.everything());
  }

  /**
   * A selection whose selector is produced on demand, for adapters of other libraries
   * (e.g. cdk8s-plus workloads) whose labels may change after the selection is made.
   * @internal
   */
  public static _lazy(description: string, produce: () => LabelSelector): Select {
    return new Select(produce, description);
  }

  private readonly produce: () => LabelSelector;
  private readonly description?: string;

  private constructor(produce: () => LabelSelector, description?: string) {
    this.produce = produce;
    this.description = description;
  }

  /** The label selector, as it will be rendered into `spec.podSelector`. */
  public get selector(): LabelSelector {
    return this.produce();
  }

  /** Whether this selects every pod of the namespace. */
  public get isAllPods(): boolean {
    return this.selector.isEverything();
  }

  /** A short human form, e.g. `pods app=api` or `all pods`. */
  public toString(): string {
    if (this.description !== undefined) return this.description;
    const selector = this.selector;
    return selector.isEverything() ? 'all pods' : `pods ${selector}`;
  }
}
