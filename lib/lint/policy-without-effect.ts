import { Issue, Rule, Severity } from '../model';
import { LintPolicy, LintRule, RuleContext, policyIssue } from './lint-context';
import { ClusterView } from './support/cluster-view';
import { ruleCovers } from './support/coverage';
import { effectivePolicy } from './support/effective-types';
import { CoveringIndex, byPolicyId, groupBy } from './support/selector-index';
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
    const sorted = [...context.policies].sort(byPolicyId);
    const shapes = new Shapes();
    for (const group of groupBy(sorted, (p) => p.spec.namespace).values()) {
      const index = new CoveringIndex<LintPolicy>();
      for (const p of group) index.add(p.spec.podSelector, p);
      const twins = new Twins(index, shapes);
      let isolating: { [d in Direction]: LintPolicy[] } | undefined; // needed only for allow-all policies
      for (const policy of group) {
        const eff = effectivePolicy(policy);
        const dirs = eff.ingress ? (eff.egress ? BOTH : INGRESS_ONLY) : eff.egress ? EGRESS_ONLY : NONE;
        if (dirs.length > 0 && (!eff.ingress || allowsAll(eff.ingressRules)) && (!eff.egress || allowsAll(eff.egressRules))) {
          const known = view.workloadsComplete(policy.spec.namespace); // partial workloads: the others might overlap
          const selected = known ? view.selectedPods(policy.spec) : [];
          isolating ??= { ingress: group.filter((p) => effectivePolicy(p).ingress), egress: group.filter((p) => effectivePolicy(p).egress) };
          const isolatedElsewhere = dirs.some((d) => isolating![d].some((o) => o !== policy
            && (!known || selected.some((p) => view.policySelects(o.spec, p))))); // pods unknown: they might overlap
          if (!isolatedElsewhere) {
            issues.push(policyIssue(this, policy, 'spec',
              `this policy allows all ${dirs.join(' and ')} traffic, but no other policy isolates these pods for ${dirs.join(' or ')}, so nothing was denied to begin with: it has no effect`,
              'remove it, or add the default-deny it was meant to relax'));
            continue;
          }
        }
        const twin = twins.firstContaining(policy);
        if (twin) {
          const pureDeny = eff.ingressRules.length === 0 && eff.egressRules.length === 0;
          issues.push(policyIssue(this, policy, 'spec',
            pureDeny
              ? `${twin.spec.id} already denies ${dirs.join(' and ')} to these pods: this default-deny repeats it and has no effect`
              : `${twin.spec.id} already selects these pods, governs the same directions and allows everything this policy allows: it has no effect`,
            pureDeny ? `remove it; ${twin.spec.name} keeps the deny` : `remove it, or merge what differs into ${twin.spec.name}`));
        }
      }
    }
    return issues;
  },
};

type Direction = 'ingress' | 'egress';
const BOTH: readonly Direction[] = ['ingress', 'egress'];
const INGRESS_ONLY: readonly Direction[] = ['ingress'];
const EGRESS_ONLY: readonly Direction[] = ['egress'];
const NONE: readonly Direction[] = [];

/** Whether some rule allows every peer on every port (`- {}`). */
function allowsAll(rules: Rule[]): boolean {
  for (const r of rules) if (r.peers.length === 0 && r.ports.length === 0) return true;
  return false;
}

/** Policies compared per policy at most: keeps huge namespaces linear (findings may be missed there). */
const MAX_CANDIDATES = 256;

/**
 * The first policy (by id) of one namespace that contains a given one; of two equal ones, the
 * later one is reported. The candidates (the first MAX_CANDIDATES policies whose podSelector
 * covers the policy's) and which of them contain it depend only on the policy's shape, so they
 * are found once per shape: a large export has thousands of policies of a few shapes.
 */
class Twins {
  private readonly byShape = new Map<number, { readonly containing: LintPolicy[]; readonly strictly: boolean[] }>();

  public constructor(private readonly index: CoveringIndex<LintPolicy>, private readonly shapes: Shapes) {}

  public firstContaining(policy: LintPolicy): LintPolicy | undefined {
    const shape = this.shapes.id(policy);
    let found = this.byShape.get(shape);
    if (found === undefined) {
      // `policy` stands for its shape: `contains` is decided by shapes only.
      const containing = this.index.take(policy.spec.podSelector, MAX_CANDIDATES).filter((o) => this.shapes.contains(o, policy));
      found = { containing, strictly: containing.map((o) => !this.shapes.contains(policy, o)) };
      this.byShape.set(shape, found);
    }
    const { containing, strictly } = found;
    for (let i = 0; i < containing.length; i++) {
      const o = containing[i];
      if (o !== policy && (strictly[i] || o.spec.id < policy.spec.id)) return o;
    }
    return undefined;
  }
}

/**
 * `contains` by the policies' shapes (podSelector, directions and rules): a large export repeats
 * a few shapes across thousands of policies, so each pair of shapes is compared once.
 */
class Shapes {
  private readonly ids = new Map<LintPolicy, number>();
  private readonly byKey = new Map<string, number>();
  private readonly verdicts = new Map<number, boolean>();

  public contains(outer: LintPolicy, inner: LintPolicy): boolean {
    const key = this.id(outer) * 0x4000000 + this.id(inner);
    let v = this.verdicts.get(key);
    if (v === undefined) {
      v = contains(outer, inner);
      this.verdicts.set(key, v);
    }
    return v;
  }

  public id(p: LintPolicy): number {
    let id = this.ids.get(p);
    if (id === undefined) {
      const e = effectivePolicy(p);
      // Each part is JSON (rules joined by commas, as in a JSON array), so NUL separates them unambiguously.
      const key = `${e.ingress ? 'I' : '-'}${e.egress ? 'E' : '-'}\u0000${p.spec.podSelector._key()}`
        + `\u0000${e.ingressRules.map((r) => r._key()).join(',')}\u0000${e.egressRules.map((r) => r._key()).join(',')}`;
      id = this.byKey.get(key);
      if (id === undefined) this.byKey.set(key, id = this.byKey.size);
      this.ids.set(p, id);
    }
    return id;
  }
}

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
