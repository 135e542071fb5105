import { Issue, Rule, SelectorPeer, Severity } from '../model';
import { LintPolicy, LintRule, RuleContext, policyIssue } from './lint-context';
import { ClusterView } from './support/cluster-view';

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
    + 'really meant, suppress the rule for this policy with the reason. When the pods are known and the '
    + 'podSelector\'s pods live in the policy\'s namespace but not in the selected ones, the OR is '
    + 'plausible and nothing is reported, unless the namespaceSelector also selects the policy\'s own '
    + 'namespace: then the podSelector-only entry is wholly inside the namespace entry (subsumed), the OR '
    + 'admits every pod of the namespace, and that is always reported. The opposite slip, one entry '
    + '(AND) where two (OR) were meant, usually yields a peer whose pods live outside the namespaces it '
    + 'looks in; `selector-matches-nothing` reports that when the pods are known.',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    const view = new ClusterView(context);
    for (const policy of context.policies) {
      scan(this, view, policy, policy.spec.ingress, 'ingress', 'from', issues);
      scan(this, view, policy, policy.spec.egress, 'egress', 'to', issues);
    }
    return issues;
  },
};

/** Reports each rule of `rules` holding both a pods-only entry and a namespaces-only entry. */
function scan(lint: LintRule, view: ClusterView, policy: LintPolicy, rules: Rule[], dir: string, key: string, issues: Issue[]): void {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    let podOnly = -1;
    let nsOnly = -1;
    for (let j = 0; j < rule.peers.length; j++) {
      const p = rule.peers[j];
      if (!(p instanceof SelectorPeer)) continue;
      if (podOnly < 0 && p.podSelector && !p.namespaceSelector && !p.podSelector.isEverything()) podOnly = j;
      if (nsOnly < 0 && p.namespaceSelector && !p.podSelector) nsOnly = j;
    }
    if (podOnly < 0 || nsOnly < 0) continue;
    const pods = rule.peers[podOnly] as SelectorPeer;
    const nss = rule.peers[nsOnly] as SelectorPeer;
    const later = Math.max(podOnly, nsOnly);
    // With pods known: podSelector pods that live next to the policy and nowhere in the selected
    // namespaces make the OR plausible (the kubernetes.io docs example); pods that live only
    // in those namespaces make the AND near certain.
    // When the namespaces entry also selects the policy's own namespace, the pods-only entry
    // (pods of that namespace, rule 16) is wholly inside it (rule 17): the OR admits every pod of
    // the namespace and the pods-only entry adds nothing, which cannot be what was meant.
    if (nss.namespaceSelector!.matches(view.namespaceLabels(policy.spec.namespace))) {
      issues.push(policyIssue(lint, policy, `spec.${dir}[${i}].${key}[${later}]`,
        `${key}[${podOnly}] (pods ${pods.podSelector} of namespace ${policy.spec.namespace}) and ${key}[${nsOnly}] (${describeNamespaces(nss)}) are separate entries, so they are ORed; `
        + `${key}[${nsOnly}] also selects the policy's own namespace ${policy.spec.namespace}, so ${key}[${podOnly}] is wholly inside it (subsumed) and every pod of ${policy.spec.namespace} is allowed, not only the ${pods.podSelector} pods`,
        `if you meant pods ${pods.podSelector} IN those namespaces, make them one entry: drop the "-" before the second selector so both sit in the same list item`));
      continue;
    }
    const here = view.podsIn(policy.spec.namespace);
    const matchesHere = here.some((p) => pods.podSelector!.matches(p.labels));
    const matchesThere = view.namespacesMatching(nss.namespaceSelector!)
      .filter((n) => n !== policy.spec.namespace)
      .some((n) => view.podsIn(n).some((p) => pods.podSelector!.matches(p.labels)));
    if (here.length > 0 && matchesHere && !matchesThere) continue;
    const certain = !matchesHere && matchesThere ? `; the ${pods.podSelector} pods live only in those namespaces, so the AND form is almost certainly meant` : '';
    issues.push(policyIssue(lint, policy, `spec.${dir}[${i}].${key}[${later}]`,
      `${key}[${podOnly}] (pods ${pods.podSelector} of namespace ${policy.spec.namespace}) and ${key}[${nsOnly}] (${describeNamespaces(nss)}) are separate entries, so they are ORed: every pod of those namespaces is allowed, not only the ${pods.podSelector} pods${certain}`,
      `if you meant pods ${pods.podSelector} IN those namespaces, make them one entry: drop the "-" before the second selector so both sit in the same list item`));
  }
}

function describeNamespaces(peer: SelectorPeer): string {
  return peer.namespaceSelector!.isEverything() ? 'every pod of every namespace' : `every pod of namespaces ${peer.namespaceSelector}`;
}
