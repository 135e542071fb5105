import { PolicySpec } from '../model';
import { dns1123LabelErrors, namespaceHint } from '../model/validation';
import { NamespaceBaselineRecipe, namespaceBaseline } from './namespace-baseline';

/**
 * Namespaces a cluster baseline leaves alone by default: the control plane's own. Locking them
 * down breaks DNS, the API server's add-ons and node heartbeats.
 */
export const DEFAULT_EXCLUDED_NAMESPACES: readonly string[] = Object.freeze(['kube-node-lease', 'kube-public', 'kube-system']);

export interface ClusterBaselineRecipe extends Omit<NamespaceBaselineRecipe, 'namespace'> {
  /** Namespaces to cover. Listing an excluded one is an error. */
  readonly namespaces: string[];
  /** Namespaces discovered (not listed) by the caller: excluded ones are skipped silently. @default - none */
  readonly discovered?: string[];
  /** Namespaces never covered. @default DEFAULT_EXCLUDED_NAMESPACES */
  readonly exclude?: string[];
}

/**
 * A NamespaceBaseline in each namespace. Standard NetworkPolicy is namespaced (rule 3): there is no
 * cluster-wide object, so the same set is emitted once per namespace, in sorted namespace order.
 */
export function clusterBaseline(r: ClusterBaselineRecipe): PolicySpec[] {
  return coveredNamespaces(r).flatMap((namespace) => namespaceBaseline({ ...r, namespace }));
}

/** The namespaces a cluster baseline covers: listed plus discovered, minus exclusions, sorted. */
export function coveredNamespaces(r: Pick<ClusterBaselineRecipe, 'namespaces' | 'discovered' | 'exclude'>): string[] {
  const exclude = new Set(r.exclude ?? DEFAULT_EXCLUDED_NAMESPACES);
  for (const ns of [...r.namespaces, ...(r.discovered ?? [])]) {
    const errors = dns1123LabelErrors(ns);
    if (errors.length > 0) {
      const hint = namespaceHint(ns);
      throw new Error(`ClusterBaseline: namespace ${JSON.stringify(ns)} is not a valid namespace name: ${errors.join('; ')}${hint ? ` (${hint})` : ''}`);
    }
  }
  const listedExcluded = r.namespaces.filter((ns) => exclude.has(ns));
  if (listedExcluded.length > 0) {
    throw new Error(`ClusterBaseline: namespace ${JSON.stringify(listedExcluded[0])} is listed in \`namespaces\` but also excluded; `
      + 'remove it from `namespaces`, or pass `exclude` without it');
  }
  const all = new Set([...r.namespaces, ...(r.discovered ?? []).filter((ns) => !exclude.has(ns))]);
  return [...all].sort();
}
