import { Issue, Rule, Severity } from '../model';
import { LintPolicy, LintRule, RuleContext, policyIssue } from './lint-context';
import { ClusterView } from './support/cluster-view';
import { ruleCovers } from './support/coverage';
import { effectivePolicy } from './support/effective-types';
import { selectorCovers } from './support/selectors';

export const policyWithoutEffect: LintRule = {
  id: 'policy-without-effect',
  severity: Severity.WARNING,
  summary: 'A policy that changes nothing: an allow-all where nothing is denied, or one another policy already contains.',
  description:
    'Policies only ever add allowances to pods they isolate, and they add up. So a policy changes '
    + 'nothing when (1) it allows everything in every direction it governs while no other policy '
    + 'isolates those pods in those directions (the pods were open anyway: an "allow-all" with no '
    + 'deny to override), or (2) another policy selects at least the same pods, governs the same '
    + 'directions and already allows every peer and port it allows (a default-deny is only reported '
    + 'next to another default-deny: beside allow policies it is the baseline that keeps pods closed '
    + 'if one of them is removed). Such policies are harmless but '
    + 'misleading: reviewers read them as protection. A policy whose podSelector matches no pod is '
    + 'reported by `selector-matches-nothing`.',
  check(context: RuleContext): Issue[] {
    const view = new ClusterView(context);
    const issues: Issue[] = [];
    const sorted = [...context.policies].sort((a, b) => a.spec.id.localeCompare(b.spec.id));
    for (const policy of sorted) {
      const eff = effectivePolicy(policy);
      const others = sorted.filter((o) => o !== policy && o.spec.namespace === policy.spec.namespace);
      const allowsAll = (rules: Rule[]) => rules.some((r) => r.peers.length === 0 && r.ports.length === 0);
      const dirs = [eff.ingress ? 'ingress' : '', eff.egress ? 'egress' : ''].filter(Boolean) as Array<'ingress' | 'egress'>;
      if (dirs.length > 0 && dirs.every((d) => allowsAll(d === 'ingress' ? eff.ingressRules : eff.egressRules))) {
        const isolatedElsewhere = others.some((o) => {
          const oe = effectivePolicy(o);
          if (!dirs.some((d) => (d === 'ingress' ? oe.ingress : oe.egress))) return false;
          if (!view.knowsPods || view.podsIn(policy.spec.namespace).length === 0) return true; // might overlap
          return view.selectedPods(policy.spec).some((p) => view.policySelects(o.spec, p));
        });
        if (!isolatedElsewhere) {
          issues.push(policyIssue(this, policy, 'spec',
            `this policy allows all ${dirs.join(' and ')} traffic, but no other policy isolates these pods for ${dirs.join(' or ')}, so nothing was denied to begin with: it has no effect`,
            'remove it, or add the default-deny it was meant to relax'));
          continue;
        }
      }
      const twin = others.find((o) => contains(o, policy) && (!contains(policy, o) || o.spec.id < policy.spec.id));
      if (twin) {
        const pureDeny = eff.ingressRules.length === 0 && eff.egressRules.length === 0;
        issues.push(policyIssue(this, policy, 'spec',
          pureDeny
            ? `${twin.spec.id} already denies ${dirs.join(' and ')} to these pods: this default-deny repeats it and has no effect`
            : `${twin.spec.id} already selects these pods, governs the same directions and allows everything this policy allows: it has no effect`,
          `remove it, or merge what differs into ${twin.spec.name}`));
      }
    }
    return issues;
  },
};

/**
 * `outer` isolates at least `inner`'s pods in at least its directions and allows all it allows.
 * A pure deny (no rules) counts as contained only in another pure deny: next to a policy with
 * allow rules it is the explicit baseline that keeps the pods closed if that policy goes.
 */
function contains(outer: LintPolicy, inner: LintPolicy): boolean {
  const o = effectivePolicy(outer);
  const i = effectivePolicy(inner);
  if (!selectorCovers(outer.spec.podSelector, inner.spec.podSelector)) return false;
  if ((i.ingress && !o.ingress) || (i.egress && !o.egress)) return false;
  const pureDeny = i.ingressRules.length === 0 && i.egressRules.length === 0;
  if (pureDeny && ((i.ingress && o.ingressRules.length > 0) || (i.egress && o.egressRules.length > 0))) return false;
  const rulesOk = (inner: Rule[], outer: Rule[]) => inner.every((r) => outer.some((q) => ruleCovers(q, r)));
  return rulesOk(i.ingressRules, o.ingressRules) && rulesOk(i.egressRules, o.egressRules);
}
