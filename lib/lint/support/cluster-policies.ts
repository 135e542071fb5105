import { CnpPeer, CnpPodSet, CnpSpec, CnpTier } from '../../dialects/cluster-network-policy/model';
import { NAMESPACE_NAME_LABEL, PolicyType } from '../../model';
import { cidrStrictlyContains, parseCidr } from '../../model/validation';
import { LintClusterPolicy, LintPod, RuleContext } from '../lint-context';
import { effectivePolicy } from './effective-types';

// What the ClusterNetworkPolicy lint rules share: which known pods a pod set selects, and when
// one peer covers another. docs/cluster-network-policy.md rules 5-8.

/** Labels of each namespace: declared ones, else only the automatic name label (semantics.md rule 20). */
export function namespaceLabelsOf(context: RuleContext): (namespace: string) => { [key: string]: string } {
  const declared = new Map((context.namespaces ?? []).map((n) => [n.name, n.labels]));
  return (ns) => Object.assign({}, declared.get(ns) ?? {}, { [NAMESPACE_NAME_LABEL]: ns });
}

/** CNP rule 5: pod sets never select host-network pods. */
export function selectsPod(set: CnpPodSet, pod: LintPod, nsLabels: (ns: string) => { [key: string]: string }): boolean {
  if (pod.hostNetwork) return false;
  return set.namespaces.matches(nsLabels(pod.namespace)) && (set.pods === undefined || set.pods.matches(pod.labels));
}

/** Known pods the policy's subject selects; undefined when no pods are known. */
export function subjectPods(p: CnpSpec, context: RuleContext): LintPod[] | undefined {
  if (!context.pods || context.pods.length === 0) return undefined;
  const ns = namespaceLabelsOf(context);
  return context.pods.filter((pod) => selectsPod(p.subject, pod, ns));
}

/** Whether a NetworkPolicy isolates the pod in `direction` (then Baseline is never reached for it). */
export function networkPolicyIsolates(pod: LintPod, direction: PolicyType, context: RuleContext): boolean {
  return context.policies.some((p) => p.spec.namespace === pod.namespace && p.spec.podSelector.matches(pod.labels)
    && (direction === PolicyType.INGRESS ? effectivePolicy(p).ingress : effectivePolicy(p).egress));
}

/** Cluster policies of a tier in evaluation order (priority, then name). */
export function inTier(context: RuleContext, tier: CnpTier): LintClusterPolicy[] {
  return (context.clusterPolicies ?? []).filter((p) => p.spec.tier === tier)
    .sort((a, b) => a.spec.priority - b.spec.priority || (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0));
}

/** Whether `outer` matches at least every endpoint `inner` matches (a sufficient, structural test). */
export function peerCovers(outer: CnpPeer, inner: CnpPeer): boolean {
  if (outer.kind === 'pods' && inner.kind === 'pods') {
    const nsCovers = outer.set.namespaces.isEverything() || JSON.stringify(outer.set.namespaces.toJson()) === JSON.stringify(inner.set.namespaces.toJson());
    const podsCover = outer.set.pods === undefined || outer.set.pods.isEverything()
      || (inner.set.pods !== undefined && JSON.stringify(outer.set.pods.toJson()) === JSON.stringify(inner.set.pods.toJson()));
    return nsCovers && podsCover;
  }
  if (outer.kind === 'networks' && inner.kind === 'networks') {
    const blocks = outer.cidrs.map((c) => parseCidr(c)).filter((c): c is NonNullable<typeof c> => !!c);
    return inner.cidrs.every((c) => {
      const x = parseCidr(c);
      return x !== undefined && blocks.some((b) => b.canonical === x.canonical || cidrStrictlyContains(b, x));
    });
  }
  return JSON.stringify(outer) === JSON.stringify(inner);
}

/** The pods of `direction`'s subject that no NetworkPolicy isolates: Baseline (and Pass) reach them. */
export function reachBaseline(pods: LintPod[], direction: PolicyType, context: RuleContext): LintPod[] {
  return pods.filter((pod) => !networkPolicyIsolates(pod, direction, context));
}
