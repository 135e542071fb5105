import { Issue, PolicyType, Severity } from '../model';
import { CnpAction, CnpTier } from '../dialects/cluster-network-policy/model';
import { LintRule, RuleContext, clusterPolicyIssue } from './lint-context';
import { inTier, namespaceLabelsOf, reachBaseline, selectsPod, subjectPods } from './support/cluster-policies';

export const clusterPolicyPassToNothing: LintRule = {
  id: 'cluster-policy-pass-to-nothing',
  severity: Severity.WARNING,
  summary: 'An Admin Pass for pods that no NetworkPolicy and no Baseline policy select: the traffic is simply allowed.',
  description:
    'Pass in the Admin tier hands the traffic to NetworkPolicy, and, for pods no NetworkPolicy isolates in '
    + 'that direction, to the Baseline tier; what nothing decides is allowed. A Pass meant as "let the '
    + 'namespace owners decide" therefore allows everything when the owners have written no policy and no '
    + 'Baseline policy catches it. Checked against the known pods only: add a NetworkPolicy or a Baseline '
    + 'default deny for them, or write Accept if allowing was meant.',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    const baseline = inTier(context, CnpTier.BASELINE);
    const ns = namespaceLabelsOf(context);
    for (const policy of inTier(context, CnpTier.ADMIN)) {
      const pods = subjectPods(policy.spec, context);
      if (!pods || pods.length === 0) continue;
      for (const direction of [PolicyType.INGRESS, PolicyType.EGRESS]) {
        const key = direction === PolicyType.INGRESS ? 'ingress' : 'egress';
        const rules = direction === PolicyType.INGRESS ? policy.spec.ingress : policy.spec.egress;
        const i = rules.findIndex((r) => r.action === CnpAction.PASS);
        if (i < 0) continue;
        const open = reachBaseline(pods, direction, context).filter((pod) =>
          !baseline.some((b) => (direction === PolicyType.INGRESS ? b.spec.ingress : b.spec.egress).length > 0 && selectsPod(b.spec.subject, pod, ns)));
        if (open.length !== pods.length) continue;
        issues.push(clusterPolicyIssue(this, policy, `spec.${key}[${i}]`,
          `this Pass hands ${key} to NetworkPolicy and Baseline, but none of the ${pods.length} known pod(s) it applies to (${pods.slice(0, 3).map((p) => `${p.namespace}/${p.name}`).join(', ')}${pods.length > 3 ? ', ...' : ''}) is selected by either: the traffic is allowed`,
          'add a default deny (a NetworkPolicy per namespace, or a Baseline ClusterNetworkPolicy), or write action: Accept if allowing is meant'));
      }
    }
    return issues;
  },
};
