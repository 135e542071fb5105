import { Issue, Severity } from '../model';
import { LintRule, RuleContext, policyIssue } from './lint-context';
import { ClusterView } from './support/cluster-view';

export const hostNetworkTarget: LintRule = {
  id: 'host-network-target',
  severity: Severity.WARNING,
  summary: 'A policy targets pods that use hostNetwork, which NetworkPolicy does not reliably govern.',
  description:
    'Pods with `hostNetwork: true` share their node\'s network namespace and IP. Kubernetes leaves '
    + 'their treatment undefined: most network plugins ignore them when applying policies (their '
    + 'traffic is node traffic), some treat them like other pods. A policy that selects them therefore '
    + 'gives no dependable isolation. Protect such workloads with host firewalls or run them on the pod '
    + 'network. The rule needs the pods or workloads (with their pod templates) to be given.',
  check(context: RuleContext): Issue[] {
    const view = new ClusterView(context);
    const issues: Issue[] = [];
    for (const policy of context.policies) {
      const host = view.selectedPods(policy.spec).filter((p) => p.hostNetwork);
      if (host.length === 0) continue;
      const names = host.map((p) => `${p.kind} ${p.namespace}/${p.name}`);
      issues.push(policyIssue(this, policy, 'spec.podSelector',
        `spec.podSelector ${policy.spec.podSelector} selects ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}, which ${host.length === 1 ? 'uses' : 'use'} hostNetwork: network plugins do not reliably apply policies to them`,
        'run the workload without hostNetwork, or protect it with a host firewall'));
    }
    return issues;
  },
};
