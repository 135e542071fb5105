import { Issue, Severity } from '../model';
import { CnpTier } from '../dialects/cluster-network-policy/model';
import { LintRule, RuleContext, clusterPolicyIssue } from './lint-context';
import { inTier, subjectPods } from './support/cluster-policies';

export const clusterPolicyPriorityTie: LintRule = {
  id: 'cluster-policy-priority-tie',
  severity: Severity.WARNING,
  summary: 'Two cluster policies of one tier with the same priority that can apply to the same pods.',
  description:
    'ClusterNetworkPolicies of one tier are evaluated by priority, lowest number first, and the first '
    + 'matching rule decides. When two policies with the same priority both match a connection, which one '
    + 'wins is implementation-defined: Calico, Cilium and Antrea may disagree, and so may two versions of '
    + 'one of them. Give overlapping policies distinct priorities. When the pods are known, only policies '
    + 'whose subjects share a pod are reported.',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    for (const tier of [CnpTier.ADMIN, CnpTier.BASELINE]) {
      const list = inTier(context, tier);
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length && list[j].spec.priority === list[i].spec.priority; j++) {
          const [a, b] = [list[i], list[j]];
          const podsA = subjectPods(a.spec, context);
          const podsB = subjectPods(b.spec, context);
          const shared = podsA && podsB ? podsA.filter((p) => podsB.includes(p)) : undefined;
          if (shared && shared.length === 0) continue;
          const where = shared ? `both apply to ${shared.slice(0, 3).map((p) => `${p.namespace}/${p.name}`).join(', ')}${shared.length > 3 ? ` and ${shared.length - 3} more` : ''}` : 'their subjects may overlap';
          issues.push(clusterPolicyIssue(this, b, 'spec.priority',
            `${b.spec.id} and ${a.spec.id} are both ${tier} with priority ${a.spec.priority} and ${where}: which one decides a connection both match is implementation-defined`,
            `give one of them another priority, e.g. priority: ${Math.min(1000, b.spec.priority + 1)}`));
        }
      }
    }
    return issues;
  },
};
