import { LabelSelector, SelectorOperator } from './label-selector';

// Whether two label selectors can never match the same label set (docs/semantics.md rule 19: all
// of matchLabels and matchExpressions must hold). Used where a tie between two policies only
// matters if they may select one pod: the ClusterNetworkPolicy constructs' managed priorities and
// `netpol import` of cluster policies, which must agree so that an import never fails synthesis.

type Need = { values?: Set<string>; absent?: boolean; present?: boolean };

/** What a selector requires of each key it constrains (NotIn is not used: it never proves disjointness here). */
function needs(sel: LabelSelector): Map<string, Need> {
  const out = new Map<string, Need>();
  const get = (k: string) => { let n = out.get(k); if (!n) out.set(k, (n = {})); return n; };
  const only = (n: Need, values: string[]) => { n.present = true; n.values = n.values ? new Set(values.filter((v) => n.values!.has(v))) : new Set(values); };
  for (const [k, v] of Object.entries(sel.matchLabels)) only(get(k), [v]);
  for (const e of sel.matchExpressions) {
    if (e.operator === SelectorOperator.IN) only(get(e.key), e.values ?? []);
    else if (e.operator === SelectorOperator.EXISTS) get(e.key).present = true;
    else if (e.operator === SelectorOperator.DOES_NOT_EXIST) get(e.key).absent = true;
  }
  return out;
}

/** Whether no label set can match both selectors; false when unsure (e.g. NotIn only). */
export function selectorsDisjoint(a: LabelSelector, b: LabelSelector): boolean {
  const na = needs(a);
  const nb = needs(b);
  for (const [k, x] of na) {
    const y = nb.get(k);
    if (!y) continue;
    if ((x.absent && y.present) || (x.present && y.absent)) return true;
    if (x.values && y.values && ![...x.values].some((v) => y.values!.has(v))) return true;
  }
  return false;
}
