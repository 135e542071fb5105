import { LabelSelector, Peer, PolicySpec, Rule } from '../model';
import { PatternDirection, includesEgress, includesIngress, policyTypesOf } from './direction';
import { RecipeScope, patternPolicy } from './recipe';

export const SAME_NAMESPACE_PATTERN = 'same-namespace';

export interface SameNamespaceRecipe extends RecipeScope {
  /** Directions to open. @default PatternDirection.BOTH */
  readonly direction?: PatternDirection;
}

/**
 * Every pod of the namespace may reach every other: one policy selecting all pods (`{}`, rule 4)
 * whose peer is `podSelector: {}`, i.e. every pod of the policy's own namespace (rule 16); it does
 * not rely on any namespace label. A connection needs both ends to allow it (rule 10), so under a
 * deny-both baseline both directions are opened; with egress it also isolates every pod's egress.
 */
export function allowSameNamespace(r: SameNamespaceRecipe): PolicySpec[] {
  const direction = r.direction ?? PatternDirection.BOTH;
  const rule = () => [Rule.allow({ peers: [Peer.sameNamespace()] })];
  const what = direction === PatternDirection.BOTH ? 'send to and receive from'
    : direction === PatternDirection.INGRESS ? 'receive from' : 'send to';
  const intent = `every pod in namespace ${r.namespace} may ${what} every other pod of the namespace, on any port`;
  return [
    patternPolicy(SAME_NAMESPACE_PATTERN, intent, {
      name: r.name,
      namespace: r.namespace,
      labels: r.labels,
      annotations: r.annotations,
      podSelector: LabelSelector.everything(),
      policyTypes: policyTypesOf(direction),
      ingress: includesIngress(direction) ? rule() : undefined,
      egress: includesEgress(direction) ? rule() : undefined,
    }),
  ];
}
