import { Issue, PolicyType, Severity } from '../model';
import { CnpRule, CnpTier } from '../dialects/cluster-network-policy/model';
import { ConnectionSet } from '../analysis/connection-set';
import { numberedPortConnections } from '../dialects/cluster-network-policy/semantics';
import { LintClusterPolicy, LintRule, RuleContext, clusterPolicyIssue } from './lint-context';
import { inTier, peerCovers } from './support/cluster-policies';

/** The numbered ports of a rule; undefined when it names a port (its numbers depend on the pod). */
function numberedPorts(rule: CnpRule): ConnectionSet | undefined {
  if (rule.ports === undefined) return ConnectionSet.all();
  let out = ConnectionSet.none();
  for (const p of rule.ports) {
    if (p.kind === 'named') return undefined;
    out = out.union(numberedPortConnections(p));
  }
  return out;
}

/** Whether `earlier` matches every connection `later` matches (peers and ports). */
function covers(earlier: CnpRule, later: CnpRule): boolean {
  const e = numberedPorts(earlier);
  const l = numberedPorts(later);
  const portsCovered = e !== undefined && l !== undefined ? l.subtract(e).isEmpty() : JSON.stringify(earlier.ports) === JSON.stringify(later.ports);
  return portsCovered && later.peers.every((p) => earlier.peers.some((q) => peerCovers(q, p)));
}

export const clusterPolicyRuleShadowed: LintRule = {
  id: 'cluster-policy-rule-shadowed',
  severity: Severity.WARNING,
  summary: 'A cluster policy rule that an earlier rule always matches first, so it never decides anything.',
  description:
    'Within a ClusterNetworkPolicy the first matching rule decides, and across the policies of a tier the '
    + 'lower priority number goes first. A rule whose peers and ports are all matched by an earlier rule (of '
    + 'the same policy, or of a higher-precedence policy of the tier that applies to every pod) is never '
    + 'reached: often a Deny written after a broad Accept, or the other way round. Move it up, or remove it.',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    for (const tier of [CnpTier.ADMIN, CnpTier.BASELINE]) {
      const ordered = inTier(context, tier);
      ordered.forEach((policy, pi) => {
        // Earlier policies shadow only when they apply to every pod this one applies to.
        const before = ordered.slice(0, pi).filter((p) => p.spec.priority < policy.spec.priority && p.spec.subject.namespaces.isEverything() && p.spec.subject.pods === undefined);
        for (const direction of [PolicyType.INGRESS, PolicyType.EGRESS]) {
          const key = direction === PolicyType.INGRESS ? 'ingress' : 'egress';
          const rules = (p: LintClusterPolicy) => (direction === PolicyType.INGRESS ? p.spec.ingress : p.spec.egress);
          rules(policy).forEach((rule, i) => {
            const inPolicy = rules(policy).slice(0, i).findIndex((e) => covers(e, rule));
            const other = inPolicy >= 0 ? undefined : before.find((p) => rules(p).some((e) => covers(e, rule)));
            if (inPolicy < 0 && !other) return;
            const by = inPolicy >= 0 ? `spec.${key}[${inPolicy}] of the same policy` : `a rule of ${other!.spec.id} (priority ${other!.spec.priority})`;
            issues.push(clusterPolicyIssue(this, policy, `spec.${key}[${i}]`,
              `this ${rule.action} rule never decides anything: ${by} matches every connection it matches, and comes first`,
              'move the rule above the one that shadows it, or remove it'));
          });
        }
      });
    }
    return issues;
  },
};
