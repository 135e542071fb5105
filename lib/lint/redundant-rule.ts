import { Issue, Rule, Severity } from '../model';
import { LintRule, RuleContext, policyIssue } from './lint-context';
import { peerCovers, portCovers, ruleCovers } from './support/coverage';
import { effectivePolicy } from './support/effective-types';

export const redundantRule: LintRule = {
  id: 'redundant-rule',
  severity: Severity.INFO,
  summary: 'A rule, peer or port already allowed by another one in the same policy.',
  description:
    'Rules, peers and ports are unions: a connection is allowed when any of them allows it. A rule '
    + 'whose peers and ports are all contained in another rule of the same direction adds nothing, nor '
    + 'does a peer or a port listed twice (or inside a wider one) in the same rule. They are harmless, '
    + 'but they hide what the policy really allows and often point at an edit that went wrong, for '
    + 'example a narrow rule written next to an allow-all one. Containment is judged from the '
    + 'selectors, blocks and ports alone, so the rule never depends on which pods exist.',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    for (const policy of context.policies) {
      const eff = effectivePolicy(policy);
      const scan = (rules: Rule[], dir: string, key: string) => {
        rules.forEach((rule, i) => {
          const cover = rules.findIndex((other, k) => k !== i && ruleCovers(other, rule) && (!ruleCovers(rule, other) || k < i));
          if (cover >= 0) {
            issues.push(policyIssue(this, policy, `spec.${dir}[${i}]`,
              `${dir} rule ${i} adds nothing: rule ${cover} already allows every peer and port it allows`,
              `remove rule ${i}, or narrow rule ${cover} if it is wider than meant`));
            return;
          }
          rule.peers.forEach((peer, j) => {
            const k = rule.peers.findIndex((q, m) => m !== j && peerCovers(q, peer) && (!peerCovers(peer, q) || m < j));
            if (k >= 0) {
              issues.push(policyIssue(this, policy, `spec.${dir}[${i}].${key}[${j}]`,
                `${key}[${j}] (${peer}) is already covered by ${key}[${k}] (${rule.peers[k]}) of the same rule`, `remove ${key}[${j}]`));
            }
          });
          rule.ports.forEach((port, j) => {
            const k = rule.ports.findIndex((q, m) => m !== j && portCovers(q, port) && (!portCovers(port, q) || m < j));
            if (k >= 0) {
              issues.push(policyIssue(this, policy, `spec.${dir}[${i}].ports[${j}]`,
                `ports[${j}] (${port}) is already covered by ports[${k}] (${rule.ports[k]}) of the same rule`, `remove ports[${j}]`));
            }
          });
        });
      };
      scan(eff.ingressRules, 'ingress', 'from');
      scan(eff.egressRules, 'egress', 'to');
    }
    return issues;
  },
};
