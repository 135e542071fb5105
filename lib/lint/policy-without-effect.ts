import { Issue, Rule, Severity } from '../model';
import { LintPolicy, LintRule, RuleContext, policyIssue } from './lint-context';
import { ClusterView } from './support/cluster-view';
import { ruleCovers } from './support/coverage';
import { asObject, effectivePolicy } from './support/effective-types';
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
      const twins = new Twins(group, shapes);
      let isolating: { [d in Direction]: LintPolicy[] } | undefined; // needed only for allow-all policies
      for (let at = 0; at < group.length; at++) {
        const policy = group[at];
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
        const twin = twins.firstContaining(at);
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
 * are found once per shape: a large export has thousands of policies of a few shapes. Policies
 * are known by their position in the namespace's list (sorted by id) and shapes by number.
 */
class Twins {
  private readonly index = new CoveringIndex<number>();
  private readonly shapeAt: number[];
  private readonly byShape = new Map<number, { readonly containing: number[]; readonly strictly: boolean[] }>();

  public constructor(private readonly group: LintPolicy[], private readonly shapes: Shapes) {
    this.shapeAt = group.map((p) => shapes.id(p));
    group.forEach((p, at) => this.index.add(p.spec.podSelector, at));
  }

  /** The first policy containing the one at `at`, or undefined. */
  public firstContaining(at: number): LintPolicy | undefined {
    const policy = this.group[at];
    const shape = this.shapeAt[at];
    let found = this.byShape.get(shape);
    if (found === undefined) {
      const containing = this.index.take(policy.spec.podSelector, MAX_CANDIDATES).filter((o) => this.shapes.contains(this.shapeAt[o], shape));
      found = { containing, strictly: containing.map((o) => !this.shapes.contains(shape, this.shapeAt[o])) };
      this.byShape.set(shape, found);
    }
    const { containing, strictly } = found;
    for (let i = 0; i < containing.length; i++) {
      const o = this.group[containing[i]];
      if (o !== policy && (strictly[i] || o.spec.id < policy.spec.id)) return o;
    }
    return undefined;
  }
}

/**
 * Policies by shape (podSelector, directions and rules): `contains` is decided once per pair of
 * shapes, on one policy of each.
 */
class Shapes {
  private readonly byKey = new Map<string, number>();
  private readonly examples: LintPolicy[] = [];
  private readonly verdicts = new Map<number, boolean>();

  /** Whether (a policy of) shape `outer` contains (one of) shape `inner`. */
  public contains(outer: number, inner: number): boolean {
    const key = outer * 0x4000000 + inner;
    let v = this.verdicts.get(key);
    if (v === undefined) {
      v = contains(this.examples[outer], this.examples[inner]);
      this.verdicts.set(key, v);
    }
    return v;
  }

  /** The number of the policy's shape. */
  public id(p: LintPolicy): number {
    // A policy read from a manifest is known by its written spec: what `contains` compares (the
    // podSelector, the effective directions and rules) is read from it alone, and stringifying it
    // as read costs a fraction of rendering the model again. Equal specs written differently
    // only make two shapes of one.
    const written = asObject(asObject(p.json)?.spec);
    let key = written ? `w${JSON.stringify(written)}` : 'null';
    // JSON.stringify writes NaN and Infinity (YAML `.nan`, `.inf`) as null: such a spec (or one
    // holding a real null) is known by its model instead, so that no two different specs share a key.
    if (key.includes('null')) {
      const e = effectivePolicy(p);
      key = `m${JSON.stringify([p.spec.podSelector.toJson(), e.ingress, e.egress, e.ingressRules.map((r) => r.toJson('from')), e.egressRules.map((r) => r.toJson('to'))])}`;
    }
    let id = this.byKey.get(key);
    if (id === undefined) {
      this.byKey.set(key, id = this.examples.length);
      this.examples.push(p);
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
