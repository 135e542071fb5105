import { LabelSelector, SelectorOperator } from '../../model';
import { entry, hasEntry } from '../../model/string-map';

/**
 * Whether every object `inner` selects is certainly selected by `outer` too: `outer` is `{}`,
 * or its requirements are a subset of `inner`'s. (A conservative test: false means "not proven".)
 */
export function selectorCovers(outer: LabelSelector, inner: LabelSelector): boolean {
  if (outer.isEverything()) return true;
  for (const [k, v] of Object.entries(outer.matchLabels)) {
    if (entry(inner.matchLabels, k) !== v) return false;
  }
  const innerExprs = inner.matchExpressions.map(exprKey);
  return outer.matchExpressions.every((e) => {
    if (innerExprs.includes(exprKey(e))) return true;
    // `key In [v]` and `key Exists` are implied by matchLabels key=v.
    const has = Object.prototype.hasOwnProperty.call(inner.matchLabels, e.key);
    if (has && e.operator === SelectorOperator.EXISTS) return true;
    if (has && e.operator === SelectorOperator.IN) return (e.values ?? []).includes(inner.matchLabels[e.key]);
    return false;
  });
}

function exprKey(e: { key: string; operator: string; values?: string[] }): string {
  return `${e.key} ${e.operator} ${[...(e.values ?? [])].sort().join(',')}`;
}

/** Scores how close a label set is to satisfying a selector (higher is closer). */
export function closeness(selector: LabelSelector, labels: { [key: string]: string }): number {
  let score = 0;
  const values = new Set(Object.values(labels));
  for (const [k, v] of Object.entries(selector.matchLabels)) {
    if (entry(labels, k) === v) score += 4;
    else if (hasEntry(labels, k)) score += similarValue(labels[k], v) ? 3 : 2; // same key, other value (a typo or rename)
    else if (values.has(v)) score += 2; // same value under another key (a key rename)
    else if (Object.keys(labels).some((l) => similar(l, k))) score += 1;
  }
  for (const e of selector.matchExpressions) {
    if (LabelSelector._fromJson({ matchExpressions: [e] }).matches(labels)) score += 4;
    else if (hasEntry(labels, e.key)) score += 2;
  }
  return score;
}

/** Values that look like a rename or typo of each other: `api-server` / `api-server-v2`, `frontend` / `front-end`. */
function similarValue(a: string, b: string): boolean {
  const norm = (x: string) => x.toLowerCase().replace(/[-_.]/g, '');
  return norm(a) === norm(b) || a.startsWith(b) || b.startsWith(a) || editDistance(a, b) <= 2;
}

/** Keys that differ by case or by one edit (`app` vs `App`, `tier` vs `teir`). */
function similar(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  return editDistance(a, b) <= 1;
}

/** Levenshtein distance (small strings only). */
export function editDistance(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** `a=1, b=2` with keys sorted, or `no labels`. */
export function formatLabels(labels: { [key: string]: string }): string {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? 'no labels' : keys.map((k) => `${k}=${labels[k]}`).join(', ');
}
