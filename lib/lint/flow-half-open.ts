import { IpBlockPeer, Issue, LabelSelector, NAMESPACE_NAME_LABEL, Peer, Port, Protocol, Rule, SelectorOperator, SelectorPeer, Severity } from '../model';
import { ipBlockCoversCidr } from './support/ip-blocks';
import { LintPod, LintPolicy, LintRule, RuleContext, policyIssue, policyRef } from './lint-context';
import { ClusterView } from './support/cluster-view';
import { effectivePolicy } from './support/effective-types';
import { ruleAllows } from './support/rule-match';
import { formatLabels } from './support/selectors';

export const flowHalfOpen: LintRule = {
  id: 'flow-half-open',
  severity: Severity.WARNING,
  summary: 'A flow allowed at one end is closed at the other: its other end is isolated in the other direction and nothing allows it.',
  description:
    'A connection is allowed only when the source\'s egress AND the destination\'s ingress allow it. '
    + 'An ingress rule admitting some pods does nothing for those pods\' egress, and an egress rule '
    + 'reaching some pods does nothing for their ingress. Under a default deny of both directions a flow '
    + 'opened at one end only is silently denied. This rule checks each pod or pod+namespace peer of an '
    + 'allow rule whose other end\'s policies are known (the same cdk8s App at synth time, the same input '
    + 'for `netpol check`): when that end is isolated in the other direction and no policy selecting it '
    + 'allows the flow on the rule\'s ports, the flow is half open. With pods known the real pods are '
    + 'checked; without, a pod carrying exactly the labels the selectors require. Peers that are IP '
    + 'blocks, match every namespace, or point into namespaces with no policy in the input are not '
    + 'checked. Fix: open both ends in one statement (`AllowFlow`, or `sides: FlowSides.BOTH` on a '
    + 'pattern), or add the mirror rule shown in the hint in the other end\'s namespace.',
  check(context: RuleContext): Issue[] {
    const view = new ClusterView(context);
    // Policies by namespace, once: every peer asks for those of its other end's namespace.
    // Split by direction governed (rule 2), so a peer scans only its other end's isolating kind.
    const byNs = new Map<string, { ingress: LintPolicy[]; egress: LintPolicy[] }>();
    for (const p of context.policies) {
      let lists = byNs.get(p.spec.namespace);
      if (!lists) byNs.set(p.spec.namespace, lists = { ingress: [], egress: [] });
      if (effectivePolicy(p).ingress) lists.ingress.push(p);
      if (effectivePolicy(p).egress) lists.egress.push(p);
    }
    const issues: Issue[] = [];
    const memo: FarRulesMemo = { knownNs: new Set((context.namespaces ?? []).map((n) => n.name)), farRules: new Map(), isolating: new Map(), halfOpen: new Map() };
    for (const policy of context.policies) {
      const eff = effectivePolicy(policy);
      for (const [dir, rules] of [['ingress', eff.ingressRules], ['egress', eff.egressRules]] as const) {
        rules.forEach((rule, i) => rule.peers.forEach((peer, j) => {
          if (!(peer instanceof SelectorPeer) || peer.namespaceSelector?.isEverything()) return;
          const namespaces = peer.namespaceSelector ? view.namespacesMatching(peer.namespaceSelector) : [policy.spec.namespace];
          // The verdict depends on the policy only through its namespace and podSelector, on the
          // rule through its ports: a large export repeats the same peers across thousands of policies.
          let byPeerNs: Map<string, Closed | null> | undefined;
          for (const ns of namespaces) {
            if (!byNs.has(ns)) continue;
            if (!byPeerNs) {
              const key = halfOpenKey(policy, dir, rule, peer);
              byPeerNs = memo.halfOpen.get(key);
              if (!byPeerNs) memo.halfOpen.set(key, byPeerNs = new Map());
            }
            let found = byPeerNs.get(ns);
            if (found === undefined) {
              found = halfOpen(context, view, byNs.get(ns)![dir === 'ingress' ? 'egress' : 'ingress'], policy, dir, rule, peer, ns, memo) ?? null;
              byPeerNs.set(ns, found);
            }
            if (found) issues.push(report(this, policy, dir, i, j, peer, ns, rule, found));
          }
        }));
      }
    }
    return issues;
  },
};

/** Shared by the peers of one check: the input's namespaces, and far-end rules by selectors. */
interface FarRulesMemo {
  readonly knownNs: Set<string>;
  readonly farRules: Map<string, Rule[]>;
  /** The far end's policies of the other direction selecting a pod, by direction, namespace and labels. */
  readonly isolating: Map<string, LintPolicy[]>;
  /** `halfOpen` by `halfOpenKey`, then the peer's namespace (null: not half open). */
  readonly halfOpen: Map<string, Map<string, Closed | null>>;
}

/** What `halfOpen` depends on besides the peer's namespace: direction, policy namespace and podSelector, the peer, the rule's ports. */
function halfOpenKey(policy: LintPolicy, dir: 'ingress' | 'egress', rule: Rule, peer: SelectorPeer): string {
  return JSON.stringify([dir, policy.spec.namespace, policy.spec.podSelector.toJson(), peer.namespaceSelector?.toJson() ?? null,
    peer.podSelector?.toJson() ?? null, rule.ports.map((p) => p.toJson())]);
}

/** What closes the other end: the policies isolating it, and the ports they leave closed. */
interface Closed {
  readonly far: LintPod;
  readonly near: LintPod;
  readonly isolating: LintPolicy[];
  readonly ports: string[];
}

/**
 * Whether the flow `rule` of `policy` opens (its pods <-> the peer's pods in `ns`) is closed at the
 * peer's end. `dir` is the rule's direction; the far end is checked in the other direction.
 */
function halfOpen(context: RuleContext, view: ClusterView, inNs: LintPolicy[], policy: LintPolicy, dir: 'ingress' | 'egress', rule: Rule, peer: SelectorPeer, ns: string, memo: FarRulesMemo): Closed | undefined {
  const farDir = dir === 'ingress' ? 'egress' : 'ingress';
  const farPods = endPods(view, ns, (pod) => view.peerMatchesPod(peer, policy.spec.namespace, pod), peer.podSelector ?? LabelSelector.everything());
  const nearPods = endPods(view, policy.spec.namespace, (pod) => view.policySelects(policy.spec, pod), policy.spec.podSelector);
  if (farPods.length === 0 || nearPods.length === 0) return undefined;
  const near = nearPods[0];
  for (const far of farPods) {
    if (far.hostNetwork) continue;
    // Rule 2: the far end is isolated in its direction iff some policy of its namespace selects it for it.
    const governs = (p: LintPolicy) => (farDir === 'egress' ? effectivePolicy(p).egress : effectivePolicy(p).ingress);
    // Depends on the far pod's namespace and labels only (ClusterView.policySelects): shared by
    // every peer reaching such a pod, instead of a scan of its namespace's policies per peer.
    const isolatingKey = `${farDir}\u0000${far.namespace}\u0000${JSON.stringify(Object.entries(far.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
    let isolating = memo.isolating.get(isolatingKey);
    if (!isolating) {
      isolating = inNs.filter((p) => view.policySelects(p.spec, far) && governs(p));
      memo.isolating.set(isolatingKey, isolating);
    }
    if (isolating.length === 0) continue;
    // The destination decides named ports (rule 30): the server is `near` for ingress rules.
    const server = dir === 'ingress' ? near : far;
    const client = dir === 'ingress' ? far : near;
    const other = farDir === 'egress' ? server : client;
    const rulesOfFar = (p: LintPolicy) => (farDir === 'egress' ? effectivePolicy(p).egressRules : effectivePolicy(p).ingressRules);
    let closed: string[];
    if (!far.name.startsWith('(') && !near.name.startsWith('(')) {
      // Pods known: exactly the policies selecting the far pod, against the near pod (rules 9, 12, 14).
      const farRules = isolating.flatMap(rulesOfFar);
      closed = rule.ports.length === 0
        ? (farRules.some((r) => r.peers.length === 0 || r.peers.some((p) => view.peerMatchesPod(p, ns, other))) ? [] : ['every port'])
        : portsOf(rule, server).filter(([port, protocol]) => !farRules.some((r) =>
          ruleAllows(view, r, ns, other, port, protocol, server, context.settings.podCidrs))).map(([, , label]) => label);
    } else {
      // Pods unknown: the real pods may carry more labels than the selectors require, so any
      // policy that could select the far pods, with a rule that could match the near ones, may open it.
      const farSelector = peer.podSelector ?? LabelSelector.everything();
      const nearSelector = policy.spec.podSelector;
      // The same for every peer with these selectors between these namespaces: a large export
      // repeats them across thousands of policies, each scan covering the far namespace's policies.
      const farKey = `${farDir}\u0000${ns}\u0000${JSON.stringify(farSelector.toJson())}`;
      const key = `${farKey}\u0000${policy.spec.namespace}\u0000${JSON.stringify(nearSelector.toJson())}`;
      let farRules = memo.farRules.get(key);
      if (!farRules) {
        // The far end's rules, once per far selector, each distinct rule once (an export repeats
        // the same rules across its policies); then those that could match the near end.
        let candidates = memo.farRules.get(farKey);
        if (!candidates) {
          const distinct = new Map<string, Rule>();
          for (const r of inNs.filter((p) => governs(p) && compatible(p.spec.podSelector, farSelector)).flatMap(rulesOfFar)) {
            const k = JSON.stringify(r.toJson('peers'));
            if (!distinct.has(k)) distinct.set(k, r);
          }
          candidates = [...distinct.values()];
          memo.farRules.set(farKey, candidates);
        }
        farRules = candidates
          .filter((r) => r.peers.length === 0 || r.peers.some((p) => couldMatch(view, memo.knownNs, p, ns, nearSelector, policy.spec.namespace, context.settings.podCidrs)));
        memo.farRules.set(key, farRules);
      }
      closed = rule.ports.length === 0
        ? (farRules.length > 0 ? [] : ['every port'])
        : portsOf(rule, server).filter(([port, protocol]) => !farRules.some((r) =>
          r.ports.length === 0 || r.ports.some((q) => q.name !== undefined || q.matches(port, protocol)))).map(([, , label]) => label);
    }
    if (closed.length > 0) return { far, near, isolating, ports: closed };
  }
  return undefined;
}

/**
 * The pods of one end: the known pods of `ns` that match, or, when `ns` has no known pods, one pod
 * carrying exactly the labels `selector` requires (none when it cannot be written so).
 */
function endPods(view: ClusterView, ns: string, matches: (pod: LintPod) => boolean, selector: LabelSelector): LintPod[] {
  const known = view.podsIn(ns);
  if (known.length > 0) return known.filter(matches);
  const labels = minimalLabels(selector);
  if (!labels) return [];
  const pod: LintPod = { kind: 'Pod', namespace: ns, name: `(pods ${selector.isEverything() ? 'all' : selector.toString()})`, labels };
  return matches(pod) ? [pod] : [];
}

/** Whether some object could carry labels both selectors select (true when unsure). */
function compatible(a: LabelSelector, b: LabelSelector): boolean {
  for (const [k, v] of Object.entries(a.matchLabels)) {
    if (k in b.matchLabels && b.matchLabels[k] !== v) return false;
  }
  // Labels only, none contradicting: the union of both satisfies both. Asked for every pair of
  // selectors met in a large export; the general way below builds a selector each time.
  if (a.matchExpressions.length === 0 && b.matchExpressions.length === 0) return true;
  const labels = minimalLabels(a.and(b));
  return labels === undefined || (a.matches(labels) && b.matches(labels));
}

/**
 * Whether a peer of a policy in `policyNs` could match some pod selected by `pods` in `podsNs`
 * (rules 16-18; an ipBlock covering a pod CIDR, rule 22). Namespace labels the input does not
 * give are unknown: only a contradiction of the name label (rule 20) rules a namespace out.
 */
function couldMatch(view: ClusterView, knownNs: Set<string>, peer: Peer, policyNs: string, pods: LabelSelector, podsNs: string, podCidrs: string[]): boolean {
  if (peer instanceof IpBlockPeer) return podCidrs.some((c) => ipBlockCoversCidr(peer, c));
  const p = peer as SelectorPeer;
  const nsOk = !p.namespaceSelector
    ? podsNs === policyNs
    : p.namespaceSelector.matches(view.namespaceLabels(podsNs))
      || (!knownNs.has(podsNs) && compatible(p.namespaceSelector, LabelSelector.labels(view.namespaceLabels(podsNs))));
  return nsOk && (!p.podSelector || compatible(p.podSelector, pods));
}

/** The fewest labels satisfying `selector`, or undefined. */
function minimalLabels(selector: LabelSelector): { [key: string]: string } | undefined {
  const labels: { [key: string]: string } = { ...selector.matchLabels };
  for (const e of selector.matchExpressions) {
    if (e.operator === SelectorOperator.IN && !(e.key in labels)) labels[e.key] = (e.values ?? [])[0];
    if (e.operator === SelectorOperator.EXISTS && !(e.key in labels)) labels[e.key] = 'true';
  }
  return selector.matches(labels) ? labels : undefined;
}

/**
 * The destination ports a rule opens, as [port, protocol, label]: each numeric entry (the first
 * of a range), and a named one resolved on the server pod (skipped when it does not declare it).
 */
function portsOf(rule: Rule, server: LintPod): Array<[number, Protocol, string]> {
  return rule.ports.flatMap((p: Port): Array<[number, Protocol, string]> => {
    if (p.name !== undefined) {
      const declared = (server.ports ?? []).find((c) => c.name === p.name);
      return declared ? [[declared.port, p.protocol, p.toString()]] : [];
    }
    if (p.port === undefined) return [];
    return [[p.port, p.protocol, p.toString()]];
  });
}

function report(rule: LintRule, policy: LintPolicy, dir: 'ingress' | 'egress', i: number, j: number, peer: SelectorPeer, ns: string, r: Rule, c: Closed): Issue {
  const key = dir === 'ingress' ? 'from' : 'to';
  const farDir = dir === 'ingress' ? 'egress' : 'ingress';
  const farWhat = describeEnd(c.far, peer.podSelector);
  const nearWhat = describeEnd(c.near, policy.spec.podSelector);
  const isolating = c.isolating.slice(0, 2).map((p) => policyRef(p.spec)).join(', ') + (c.isolating.length > 2 ? ` and ${c.isolating.length - 2} more` : '');
  const verb = dir === 'ingress' ? `lets ${farWhat} in to ${nearWhat}` : `lets ${nearWhat} out to ${farWhat}`;
  const message = `${key}[${j}] ${verb} on ${c.ports.join(', ')}, but ${farWhat} ${c.far.name.startsWith('(') ? 'are' : 'is'} isolated for ${farDir} by ${isolating} `
    + `and no policy of namespace ${ns} allows ${farDir === 'egress' ? `egress to ${nearWhat}` : `ingress from ${nearWhat}`} there: the flow is closed at the other end`;
  const mirrorPeer = peerYaml(policy.spec.podSelector, policy.spec.namespace, ns);
  const ports = r.ports.length === 0 ? '' : `, ports: [${r.ports.map((p) => `{protocol: ${p.protocol}, port: ${p.name ?? p.port}${p.endPort !== undefined ? `, endPort: ${p.endPort}` : ''}}`).join(', ')}]`;
  const hint = `open both ends: AllowFlow instead of ${dir === 'ingress' ? 'AllowFrom' : 'AllowTo'} (or sides: FlowSides.BOTH on the pattern), or add in namespace ${ns} a policy `
    + `with podSelector ${selectorYaml(peer.podSelector ?? LabelSelector.everything())}, policyTypes: [${farDir === 'egress' ? 'Egress' : 'Ingress'}] and `
    + `${farDir}: [{${farDir === 'egress' ? 'to' : 'from'}: [${mirrorPeer}]${ports}}]`;
  return policyIssue(rule, policy, `spec.${dir}[${i}].${key}[${j}]`, message, hint);
}

function describeEnd(pod: LintPod, selector: LabelSelector | undefined): string {
  if (!pod.name.startsWith('(')) return `${pod.kind} ${pod.namespace}/${pod.name}`;
  return !selector || selector.isEverything() ? `every pod of namespace ${pod.namespace}` : `the pods ${selector} of namespace ${pod.namespace}`;
}

/** `{podSelector: ...}` (same namespace, rule 16) or pods AND namespace in one entry (rule 18), in YAML flow form. */
function peerYaml(pods: LabelSelector, podsNs: string, policyNs: string): string {
  const ns = `namespaceSelector: {matchLabels: {${NAMESPACE_NAME_LABEL}: ${podsNs}}}`;
  if (podsNs === policyNs) return `{podSelector: ${selectorYaml(pods)}}`;
  return pods.isEverything() ? `{${ns}}` : `{${ns}, podSelector: ${selectorYaml(pods)}}`;
}

function selectorYaml(s: LabelSelector): string {
  if (s.matchExpressions.length > 0) return JSON.stringify(s.toJson());
  const labels = formatLabels(s.matchLabels);
  return s.isEverything() ? '{}' : `{matchLabels: {${labels.split(', ').map((kv) => kv.replace('=', ': ')).join(', ')}}}`;
}
