import { IKplusNamespace, IKplusNamespaceSelector, IKplusPodSelector } from './kplus-types';
import { LabelSelector, NamespacePeer, Peer, PodsInNamespacesPeer, SelectorPeer } from '../../model';
import { Select } from '../select';
import { readNamespaceSelection, readPodSelection } from './kplus-selectors';
import { checkArg, either } from '../../model/props-check';
import { isKplusNamespace, isKplusNamespaceSelector, isKplusPodSelector } from './kplus-shape';

// Arguments as checked at run time (from plain JavaScript nothing else stops a string here).
const WORKLOAD = either('a cdk8s-plus workload, Pod or Pods', isKplusPodSelector);
const NAMESPACES = either('a cdk8s-plus Namespace or Namespaces', isKplusNamespaceSelector);
const NAMESPACE = either('a cdk8s-plus Namespace', isKplusNamespace);

// Where a cdk8s-plus target lives, when it says so; checked against the policy's namespace.
const targetNamespaces = new WeakMap<Select, () => TargetNamespace>();

/** Where a cdk8s-plus target's pods live, as far as the cdk8s-plus object says. */
interface TargetNamespace {
  /** The one namespace named. */
  readonly name?: string;
  /** The object selects pods across namespaces (a label selector, or several names). */
  readonly spans: boolean;
}

/**
 * cdk8s-plus objects (of any cdk8s-plus-2x major, 28 to 33) as policy targets and peers.
 *
 * A cdk8s-plus workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), a Pod, or a `Pods`
 * selection is turned into the label selector its pods carry: for workloads the workload's own
 * selector (`matchLabels`/`matchExpressions`, by default the `cdk8s.io/metadata.addr` label
 * cdk8s-plus puts on every pod of the template), for Pod and Pods what `toPodSelectorConfig()`
 * returns. A cdk8s-plus `Namespace` is matched by the `kubernetes.io/metadata.name` label the
 * control plane sets on every namespace.
 *
 * These values mix freely with cdk8s-plus' own `NetworkPolicy` constructs in one chart: policies
 * are additive (a connection is allowed if any policy allows it), so both sets apply.
 */
export class Workloads {
  /**
   * The pods of a cdk8s-plus workload, Pod or Pods as the target of a policy (`spec.podSelector`).
   *
   * Read when the policy is built, so `select()` calls made later on the workload count. A policy
   * only selects pods of its own namespace: a workload in another namespace is a synth error.
   */
  public static select(workload: IKplusPodSelector): Select {
    checkArg('Workloads.select', 'workload', WORKLOAD, workload);
    const select = Select._lazy(`pods of ${workload.node.path}`, () => readPodSelection(workload).pods);
    targetNamespaces.set(select, () => {
      const sel = readPodSelection(workload);
      return { name: sel.namespaceName, spans: sel.namespaces !== undefined && sel.namespaceName === undefined };
    });
    return select;
  }

  /**
   * Every pod of a cdk8s-plus `Namespace` as the target of a policy (`podSelector: {}`); the
   * policy must be in that namespace (a synth error otherwise).
   */
  public static allPodsIn(namespace: IKplusNamespace): Select {
    checkArg('Workloads.allPodsIn', 'namespace', NAMESPACE, namespace);
    const select = Select._lazy(`all pods of namespace ${namespace.name}`, () => LabelSelector.everything());
    targetNamespaces.set(select, () => ({ name: namespace.name, spans: false }));
    return select;
  }

  /**
   * The pods of a cdk8s-plus workload, Pod or Pods as a peer (one `from`/`to` entry).
   *
   * When the workload has a namespace (its chart's, or `metadata.namespace`) the peer is its pods
   * AND that namespace, so it is right from a policy in any namespace; otherwise it means pods of
   * the policy's namespace. Labels are read now: call `select()` on the workload first.
   */
  public static peer(workload: IKplusPodSelector): SelectorPeer {
    checkArg('Workloads.peer', 'workload', WORKLOAD, workload);
    const sel = readPodSelection(workload);
    const pods = Peer.podsMatching(sel.pods);
    return sel.namespaces ? pods.inNamespacesMatching(sel.namespaces) : pods;
  }

  /** The pods of a cdk8s-plus workload, Pod or Pods, inside the given cdk8s-plus namespace(s) (AND). */
  public static peerIn(workload: IKplusPodSelector, namespace: IKplusNamespaceSelector): PodsInNamespacesPeer {
    checkArg('Workloads.peerIn', 'workload', WORKLOAD, workload);
    checkArg('Workloads.peerIn', 'namespace', NAMESPACES, namespace);
    return Peer.podsMatching(readPodSelection(workload).pods).inNamespacesMatching(readNamespaceSelection(namespace).selector);
  }

  /** Every pod of a cdk8s-plus `Namespace` (or of the namespaces a `Namespaces` selects). */
  public static namespace(namespace: IKplusNamespaceSelector): NamespacePeer {
    checkArg('Workloads.namespace', 'namespace', NAMESPACES, namespace);
    return Peer.namespacesMatching(readNamespaceSelection(namespace).selector);
  }

  /**
   * Throws when a target made by `select()` cannot be selected by a policy of `namespace`: a
   * policy only selects pods of its own namespace (docs/semantics.md rule 3). Other targets pass.
   * @internal
   */
  public static _checkTarget(field: string, select: Select, namespace: string): void {
    const where = targetNamespaces.get(select)?.();
    if (where?.spans) {
      throw new Error(`${field}: ${select} selects pods in several namespaces, but a policy selects pods of its own namespace only; `
        + 'select the pods without namespaces, or write one policy per namespace');
    }
    if (where?.name !== undefined && where.name !== namespace) {
      throw new Error(`${field}: ${select} is in namespace ${JSON.stringify(where.name)} but this policy is in ${JSON.stringify(namespace)}; `
        + `a policy selects pods of its own namespace only: create it in namespace ${JSON.stringify(where.name)}`);
    }
  }

  /** The label selector of a cdk8s-plus workload, Pod or Pods (read now). */
  public static selectorOf(workload: IKplusPodSelector): LabelSelector {
    checkArg('Workloads.selectorOf', 'workload', WORKLOAD, workload);
    return readPodSelection(workload).pods;
  }

  private constructor() {}
}
