import { Issue, LabelSelector, NAMESPACE_NAME_LABEL, SelectorPeer, Severity } from '../model';
import { LintPod, LintPolicy, LintRule, RuleContext, policyIssue } from './lint-context';
import { ClusterView } from './support/cluster-view';
import { effectivePolicy } from './support/effective-types';
import { closeness, formatLabels } from './support/selectors';

export const selectorMatchesNothing: LintRule = {
  id: 'selector-matches-nothing',
  severity: Severity.WARNING,
  summary: 'A target or peer selector matches no known pod, workload or namespace.',
  description:
    'Selectors are plain label queries: a typo in a key or value, or a label renamed in a refactor, '
    + 'makes them match nothing, without any error. A policy whose podSelector selects no pod has no '
    + 'effect at all (a false sense of isolation); a peer that matches nothing allows nothing, so the '
    + 'intended clients are cut off. This rule runs only for namespaces whose workloads are known '
    + 'complete (`netpol check`: a cluster export, or --complete-namespaces / --workloads-complete; '
    + 'a library caller: `completeNamespaces`, else every namespace with known pods) (and for namespaceSelectors only when Namespace objects were given, and only for label '
    + 'queries: a namespace picked by name may just be missing from the input), and names the labels '
    + 'it expected next to the closest labels that exist. Namespaces always carry '
    + '`kubernetes.io/metadata.name`; other namespace labels exist only if someone set them.',
  check(context: RuleContext): Issue[] {
    const view = new ClusterView(context);
    const issues: Issue[] = [];
    for (const policy of context.policies) {
      const ns = policy.spec.namespace;
      const target = policy.spec.podSelector;
      const here = view.podsIn(ns);
      if (view.workloadsComplete(ns) && view.selectedPods(policy.spec).length === 0) {
        issues.push(policyIssue(this, policy, 'spec.podSelector',
          `spec.podSelector ${target} selects no pod or workload in namespace ${ns}, so this policy has no effect; ${closest(target, here)}`,
          'fix the label key or value so it matches the pods it is meant for'));
      }
      const eff = effectivePolicy(policy);
      // Plain loops and field paths made only for a finding: this runs for every peer of an export.
      for (const [dir, key, rules] of [['ingress', 'from', eff.ingressRules], ['egress', 'to', eff.egressRules]] as const) {
        for (let i = 0; i < rules.length; i++) {
          const peers = rules[i].peers;
          for (let j = 0; j < peers.length; j++) {
            const peer = peers[j];
            if (peer instanceof SelectorPeer) checkPeer(this, view, policy, peer, () => `spec.${dir}[${i}].${key}[${j}]`, issues);
          }
        }
      }
    }
    return issues;
  },
};

function checkPeer(rule: LintRule, view: ClusterView, policy: LintPolicy, peer: SelectorPeer, fieldOf: () => string, issues: Issue[]): void {
  const ns = policy.spec.namespace;
  let namespaces = [ns];
  if (peer.namespaceSelector) {
    namespaces = view.namespacesMatching(peer.namespaceSelector);
    // A namespace picked by name may simply be missing from the input: only label queries are judged.
    if (view.knowsNamespaces && namespaces.length === 0 && !peer.namespaceSelector.isEverything() && !byNameOnly(peer.namespaceSelector)) {
      const known = view.namespaceNames().map((n) => ({ kind: 'Namespace', namespace: '', name: n, labels: view.namespaceLabels(n) }));
      issues.push(policyIssue(rule, policy, `${fieldOf()}.namespaceSelector`,
        `namespaceSelector ${peer.namespaceSelector} matches no known namespace, so this peer allows nothing; ${closest(peer.namespaceSelector, known)}`,
        'select a namespace by name with kubernetes.io/metadata.name, or add the label to the namespace'));
      return;
    }
  }
  const sel = peer.podSelector;
  if (!sel || sel.isEverything()) return;
  // Only where the workloads are known complete: elsewhere the matching pods may be deployed by
  // other means (Helm, another repository) and simply not be in the input.
  if (namespaces.length === 0 || !namespaces.every((n) => view.workloadsComplete(n))) return;
  const candidates = namespaces.flatMap((n) => view.podsIn(n));
  if (candidates.some((p) => sel.matches(p.labels))) return;
  const where = peer.namespaceSelector ? `the namespaces its namespaceSelector selects (${namespaces.join(', ')})` : `namespace ${ns}`;
  const elsewhere = view.allPods().filter((p) => !namespaces.includes(p.namespace) && sel.matches(p.labels));
  const note = elsewhere.length > 0
    ? `; matching pods exist in ${[...new Set(elsewhere.map((p) => p.namespace))].sort().join(', ')}, which this peer does not look in`
    : '';
  issues.push(policyIssue(rule, policy, `${fieldOf()}.podSelector`,
    `podSelector ${sel} matches no pod or workload in ${where}, so this peer allows nothing${note}; ${closest(sel, candidates)}`,
    peer.namespaceSelector ? 'fix the labels, or the namespaceSelector that goes with them' : 'fix the labels; for pods of another namespace add a namespaceSelector in the same entry'));
}

/** Whether the selector only pins `kubernetes.io/metadata.name`. */
function byNameOnly(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels).every((k) => k === NAMESPACE_NAME_LABEL)
    && sel.matchExpressions.every((e) => e.key === NAMESPACE_NAME_LABEL);
}

/** `closest: Deployment web/frontend (app=front-end, tier=web)` or the labels that exist. */
function closest(selector: LabelSelector, candidates: LintPod[]): string {
  const scored = candidates
    .map((c) => ({ c, score: closeness(selector, c.labels) }))
    .sort((a, b) => b.score - a.score || label(a.c).localeCompare(label(b.c)));
  const best = scored.filter((s) => s.score > 0 && s.score === scored[0].score).slice(0, 3);
  const shown = (best.length > 0 ? best : scored.slice(0, 3)).map((s) => `${label(s.c)} (${formatLabels(s.c.labels)})`);
  return `${best.length > 0 ? 'closest' : 'existing'}: ${shown.join('; ')}`;
}

function label(p: LintPod): string {
  return p.kind === 'Namespace' ? `Namespace ${p.name}` : `${p.kind} ${p.namespace}/${p.name}`;
}
