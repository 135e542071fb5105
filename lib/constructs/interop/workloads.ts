import * as kplus from 'cdk8s-plus-28';
import { LabelSelector, NamespacePeer, Peer, PodsInNamespacesPeer, SelectorPeer } from '../../model';
import { Select } from '../select';
import { readNamespaceSelection, readPodSelection } from './kplus-selectors';

// Namespace a cdk8s-plus target lives in, when it says so; checked against the policy's namespace.
const targetNamespaces = new WeakMap<Select, () => string | undefined>();

/**
 * cdk8s-plus-28 objects as policy targets and peers.
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
  public static select(workload: kplus.IPodSelector): Select {
    const select = Select._lazy(`pods of ${workload.node.path}`, () => readPodSelection(workload).pods);
    targetNamespaces.set(select, () => readPodSelection(workload).namespaceName);
    return select;
  }

  /**
   * The pods of a cdk8s-plus workload, Pod or Pods as a peer (one `from`/`to` entry).
   *
   * When the workload has a namespace (its chart's, or `metadata.namespace`) the peer is its pods
   * AND that namespace, so it is right from a policy in any namespace; otherwise it means pods of
   * the policy's namespace. Labels are read now: call `select()` on the workload first.
   */
  public static peer(workload: kplus.IPodSelector): SelectorPeer {
    const sel = readPodSelection(workload);
    const pods = Peer.podsMatching(sel.pods);
    return sel.namespaces ? pods.inNamespacesMatching(sel.namespaces) : pods;
  }

  /** The pods of a cdk8s-plus workload, Pod or Pods, inside the given cdk8s-plus namespace(s) (AND). */
  public static peerIn(workload: kplus.IPodSelector, namespace: kplus.INamespaceSelector): PodsInNamespacesPeer {
    return Peer.podsMatching(readPodSelection(workload).pods).inNamespacesMatching(readNamespaceSelection(namespace).selector);
  }

  /** Every pod of a cdk8s-plus `Namespace` (or of the namespaces a `Namespaces` selects). */
  public static namespace(namespace: kplus.INamespaceSelector): NamespacePeer {
    return Peer.namespacesMatching(readNamespaceSelection(namespace).selector);
  }

  /**
   * The namespace a target made by `select()` lives in, if its cdk8s-plus object says.
   * @internal
   */
  public static _targetNamespace(select: Select): string | undefined {
    return targetNamespaces.get(select)?.();
  }

  /** The label selector of a cdk8s-plus workload, Pod or Pods (read now). */
  public static selectorOf(workload: kplus.IPodSelector): LabelSelector {
    return readPodSelection(workload).pods;
  }

  private constructor() {}
}
