import {
  IpBlockPeer,
  LabelSelector,
  NAMESPACE_NAME_LABEL,
  Peer,
  PolicySpec,
  SelectorPeer,
} from '../../model';
import { copyMap, mergeMaps } from '../../model/string-map';
import { LintContext, LintPod } from '../lint-context';
import { ipBlockMatchesIp } from './ip-blocks';

/** Namespaces every cluster has, whether or not the input lists them. */
const BUILT_IN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Read-only lookups over the namespaces and pods a lint run knows about. */
export class ClusterView {
  private readonly nsLabels = new Map<string, { [key: string]: string }>();
  private readonly podsByNs = new Map<string, LintPod[]>();
  private names?: string[];
  // Rules ask these per peer, tens of thousands of times in a large export; the context does not change.
  private readonly labelsOf = new Map<string, { [key: string]: string }>();
  private readonly matching = new Map<string, string[]>();

  public constructor(private readonly context: LintContext) {
    for (const ns of context.namespaces ?? []) this.nsLabels.set(ns.name, copyMap(ns.labels));
    for (const pod of context.pods ?? []) {
      const list = this.podsByNs.get(pod.namespace) ?? [];
      list.push(pod);
      this.podsByNs.set(pod.namespace, list);
    }
  }

  /** Whether any namespace objects were given. */
  public get knowsNamespaces(): boolean {
    return (this.context.namespaces ?? []).length > 0;
  }

  /** Whether any pods or workloads were given. */
  public get knowsPods(): boolean {
    return (this.context.pods ?? []).length > 0;
  }

  /** A namespace's labels, always with `kubernetes.io/metadata.name` (docs/semantics.md rule 20). Shared: do not modify. */
  public namespaceLabels(name: string): { [key: string]: string } {
    let labels = this.labelsOf.get(name);
    if (labels === undefined) {
      labels = Object.freeze(mergeMaps(this.nsLabels.get(name), { [NAMESPACE_NAME_LABEL]: name }));
      this.labelsOf.set(name, labels);
    }
    return labels;
  }

  /** Every namespace name seen (Namespace objects, pods' and policies' namespaces) and the built-in ones. Sorted. */
  public namespaceNames(): string[] {
    if (!this.names) {
      // Computed once: rules ask for every peer, and the context does not change.
      const names = new Set<string>([...BUILT_IN_NAMESPACES, ...this.nsLabels.keys(), ...this.podsByNs.keys()]);
      for (const p of this.context.policies) names.add(p.spec.namespace);
      this.names = [...names].sort();
    }
    return this.names;
  }

  /**
   * Whether every workload of the namespace is known, so that "no pod matches" means none exists:
   * the namespace is among `completeNamespaces` (when given) and some of its pods are known.
   */
  public workloadsComplete(namespace: string): boolean {
    const complete = this.context.completeNamespaces;
    return this.podsIn(namespace).length > 0 && (complete === undefined || complete.includes(namespace));
  }

  /** Known pods and workloads of a namespace. */
  public podsIn(namespace: string): LintPod[] {
    return this.podsByNs.get(namespace) ?? [];
  }

  /** Every known pod and workload. */
  public allPods(): LintPod[] {
    return [...(this.context.pods ?? [])];
  }

  /** Rules 3-4: a policy selects the pods of its own namespace matching its podSelector. */
  public policySelects(spec: PolicySpec, pod: LintPod): boolean {
    return pod.namespace === spec.namespace && spec.podSelector.matches(pod.labels);
  }

  /** Known pods a policy selects. */
  public selectedPods(spec: PolicySpec): LintPod[] {
    return this.podsIn(spec.namespace).filter((p) => spec.podSelector.matches(p.labels));
  }

  /** Namespaces (by name) a namespace selector selects, among those known. */
  public namespacesMatching(selector: LabelSelector): string[] {
    const key = JSON.stringify(selector.toJson());
    let names = this.matching.get(key);
    if (names === undefined) {
      names = this.namespaceNames().filter((n) => selector.matches(this.namespaceLabels(n)));
      this.matching.set(key, names);
    }
    return [...names];
  }

  /**
   * Rules 16-18 and 21-22: whether a peer of a policy in `policyNamespace` matches a pod.
   * podSelector alone = the policy's namespace; namespaceSelector alone = every pod of the matching
   * namespaces; both = AND. An ipBlock matches the pod's IP when it is known (rule 22, E2E/PA choice).
   */
  public peerMatchesPod(peer: Peer, policyNamespace: string, pod: LintPod): boolean {
    if (peer instanceof SelectorPeer) {
      const inNamespace = peer.namespaceSelector
        ? peer.namespaceSelector.matches(this.namespaceLabels(pod.namespace))
        : pod.namespace === policyNamespace;
      return inNamespace && (peer.podSelector ? peer.podSelector.matches(pod.labels) : true);
    }
    if (peer instanceof IpBlockPeer) return pod.ip !== undefined && ipBlockMatchesIp(peer, pod.ip);
    return false;
  }
}
