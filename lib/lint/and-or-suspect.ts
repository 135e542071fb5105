import { Issue, Rule, SelectorPeer, Severity } from '../model';
import { LintRule, RuleContext, policyIssue } from './lint-context';

export const andOrSuspect: LintRule = {
  id: 'and-or-suspect',
  severity: Severity.WARNING,
  summary: 'A from/to list holds a podSelector-only entry next to a namespaceSelector-only entry: OR where AND was probably meant.',
  description:
    'In a from/to list, the fields of ONE entry are ANDed and separate entries are ORed. '
    + '`- namespaceSelector: {web}` followed by `  podSelector: {app: frontend}` (no dash) means pods '
    + 'app=frontend in namespace web; with a second dash (`- podSelector: ...`) the same lines mean '
    + 'every pod of namespace web OR the app=frontend pods of the policy\'s own namespace, which is '
    + 'usually far more than intended. The API server accepts both. This rule flags a list holding a '
    + 'podSelector-only entry next to a namespaceSelector-only entry, in either order. If the OR is '
    + 'really meant, suppress the rule for this policy with the reason. The opposite slip, one entry '
    + '(AND) where two (OR) were meant, usually yields a peer whose pods live outside the namespaces it '
    + 'looks in; `selector-matches-nothing` reports that when the pods are known.',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    for (const policy of context.policies) {
      const scan = (rules: Rule[], dir: string, key: string) => rules.forEach((rule, i) => {
        const podOnly = rule.peers.findIndex((p) => p instanceof SelectorPeer && p.podSelector && !p.namespaceSelector && !p.podSelector.isEverything());
        const nsOnly = rule.peers.findIndex((p) => p instanceof SelectorPeer && p.namespaceSelector && !p.podSelector);
        if (podOnly < 0 || nsOnly < 0) return;
        const pods = rule.peers[podOnly] as SelectorPeer;
        const nss = rule.peers[nsOnly] as SelectorPeer;
        const later = Math.max(podOnly, nsOnly);
        issues.push(policyIssue(this, policy, `spec.${dir}[${i}].${key}[${later}]`,
          `${key}[${podOnly}] (pods ${pods.podSelector} of namespace ${policy.spec.namespace}) and ${key}[${nsOnly}] (${nss.namespaceSelector!.isEverything() ? 'every pod of every namespace' : `every pod of namespaces ${nss.namespaceSelector}`}) are separate entries, so they are ORed: every pod of those namespaces is allowed, not only the ${pods.podSelector} pods`,
          `if you meant pods ${pods.podSelector} IN those namespaces, make them one entry: drop the "-" before the second selector so both sit in the same list item`));
      });
      scan(policy.spec.ingress, 'ingress', 'from');
      scan(policy.spec.egress, 'egress', 'to');
    }
    return issues;
  },
};
