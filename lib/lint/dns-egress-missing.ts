import { Issue, LabelSelector, Peer, Protocol, SelectorOperator, SelectorPeer, Severity } from '../model';
import { DnsTarget, LintPod, LintPolicy, LintRule, RuleContext, policyIssue } from './lint-context';
import { adminAcceptsDns, adminAcceptsDnsForAll } from './support/cluster-dns';
import { ClusterView } from './support/cluster-view';
import { effectivePolicy } from './support/effective-types';
import { ruleAllows } from './support/rule-match';
import { CoveringIndex, byPolicyId, groupBy } from './support/selector-index';
import { formatLabels } from './support/selectors';

const KUBE_SYSTEM = 'kube-system';

/** The cluster DNS pod as every common distribution runs it (CoreDNS keeps the kube-dns port names). */
function syntheticDns(dns: DnsTarget): LintPod {
  return {
    kind: 'Pod',
    namespace: dns.namespace,
    name: 'cluster-dns',
    labels: { ...dns.labels },
    ports: [
      { name: 'dns', port: 53, protocol: Protocol.UDP },
      { name: 'dns-tcp', port: 53, protocol: Protocol.TCP },
      { name: 'metrics', port: 9153, protocol: Protocol.TCP },
    ],
  };
}

/** The egress rule that lets pods resolve names, in YAML flow form. */
function fixFor(dns: DnsTarget): string {
  const labels = Object.entries(dns.labels).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `add an egress rule: to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${dns.namespace}}}, `
    + `podSelector: {matchLabels: {${labels}}}}], ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]`;
}

export const dnsEgressMissing: LintRule = {
  id: 'dns-egress-missing',
  severity: Severity.WARNING,
  summary: 'A pod isolated for egress cannot reach kube-dns on both UDP 53 and TCP 53.',
  description:
    'Once any policy with Egress in its policyTypes selects a pod, the pod may only open the '
    + 'connections some egress rule allows, and that includes name lookups. Without a rule allowing '
    + 'kube-system pods labelled k8s-app=kube-dns on UDP 53 AND TCP 53, every lookup times out (TCP is '
    + 'needed for answers over 512 bytes). Where the cluster runs its DNS elsewhere, say so (`--dns '
    + 'dns-system/app.kubernetes.io/name=coredns`, or `SynthLint.configure` at synth time). The rule '
    + 'checks each egress-isolated pod (or, when no pods '
    + 'are known, the pods of each egress policy together with the policies that certainly select '
    + 'them too) against the union of their egress rules. An Admin ClusterNetworkPolicy that accepts the '
    + 'lookups for those pods before any other Admin rule decides them counts too: it comes before every '
    + 'NetworkPolicy (a Baseline one does not: Baseline is never reached for a pod a NetworkPolicy isolates '
    + 'for egress). It also flags DNS rules that select '
    + 'kube-system by `name: kube-system`: namespaces carry no `name` label by default; the automatic '
    + 'label is `kubernetes.io/metadata.name`.',
  check(context: RuleContext): Issue[] {
    const view = new ClusterView(context);
    const issues: Issue[] = [];
    const dns = context.settings.dns;
    const dnsSelector = LabelSelector.labels(dns.labels);
    const knownDns = view.podsIn(dns.namespace).filter((p) => dnsSelector.matches(p.labels));
    const dnsPods = knownDns.length > 0 ? knownDns : [syntheticDns(dns)];
    const dnsName = `the cluster DNS (pods ${formatLabels(dns.labels)} in ${dns.namespace})`;
    const egressPolicies = [...context.policies]
      .filter((p) => effectivePolicy(p).egress)
      .sort(byPolicyId);

    // Rule 9: a set of policies allows a flow iff one of them does, so reachability is per policy.
    const reachCache = new Map<LintPolicy, { udp: boolean; tcp: boolean }>();
    const reachOf = (p: LintPolicy) => {
      let r = reachCache.get(p);
      if (!r) {
        const one = (protocol: Protocol) => dnsPods.some((dns) => effectivePolicy(p).egressRules.some((rule) =>
          ruleAllows(view, rule, p.spec.namespace, dns, 53, protocol, dns, context.settings.podCidrs)));
        r = { udp: one(Protocol.UDP), tcp: one(Protocol.TCP) };
        reachCache.set(p, r);
      }
      return r;
    };
    const missingFor = (governing: LintPolicy[]) => ({
      udp: !governing.some((p) => reachOf(p).udp),
      tcp: !governing.some((p) => reachOf(p).tcp),
    });
    const report = (policy: LintPolicy, who: string, missing: { udp: boolean; tcp: boolean }) => {
      const what = missing.udp && missing.tcp
        ? 'on UDP 53 or TCP 53'
        : missing.tcp
          ? 'on TCP 53 (only UDP 53 is allowed; resolvers fall back to TCP for answers over 512 bytes)'
          : 'on UDP 53 (only TCP 53 is allowed; most lookups use UDP)';
      const field = policy.spec.egress.length > 0 ? 'spec.egress' : 'spec.policyTypes';
      issues.push(policyIssue(this, policy, field,
        `${who} isolated for egress and cannot reach ${dnsName} ${what}`,
        fixFor(dns)));
    };

    for (const [ns, sameNs] of groupBy(egressPolicies, (p) => p.spec.namespace)) {
      const pods = view.podsIn(ns).filter((pod) => !pod.hostNetwork);
      if (view.podsIn(ns).length > 0) {
        // Pods known: each pod is governed by every egress policy selecting it (rule 9); the
        // finding goes to the first of them (by name), once per kind of gap.
        const groups = new Map<string, { policy: LintPolicy; missing: { udp: boolean; tcp: boolean }; pods: LintPod[] }>();
        for (const pod of pods) {
          const governing = sameNs.filter((p) => view.policySelects(p.spec, pod));
          if (governing.length === 0) continue;
          // docs/cluster-network-policy.md rule 1: an Admin Accept decides before NetworkPolicy.
          const np = missingFor(governing);
          const viaAdmin = (protocol: Protocol) => dnsPods.some((d) => adminAcceptsDns(context, pod, d, protocol));
          const missing = { udp: np.udp && !viaAdmin(Protocol.UDP), tcp: np.tcp && !viaAdmin(Protocol.TCP) };
          if (!missing.udp && !missing.tcp) continue;
          const key = `${governing[0].spec.id} ${missing.udp} ${missing.tcp}`;
          const g = groups.get(key) ?? { policy: governing[0], missing, pods: [] };
          g.pods.push(pod);
          groups.set(key, g);
        }
        for (const g of groups.values()) report(g.policy, `${describePods(g.pods)} ${g.pods.length === 1 ? 'is' : 'are'}`, g.missing);
        continue;
      }
      // Pods unknown: a policy's pods are governed at least by the policies whose selector
      // certainly covers theirs (rules 3-4, 9); reported once per distinct selector.
      const index = new CoveringIndex<LintPolicy>();
      for (const p of sameNs) index.add(p.spec.podSelector, p);
      for (const twins of groupBy(sameNs, (p) => p.spec.podSelector.toString()).values()) {
        const policy = twins[0];
        const np = missingFor([...index.covering(policy.spec.podSelector)]);
        const viaAdmin = (protocol: Protocol) => dnsPods.some((d) => adminAcceptsDnsForAll(context, ns, policy.spec.podSelector, d, protocol));
        const missing = { udp: np.udp && !viaAdmin(Protocol.UDP), tcp: np.tcp && !viaAdmin(Protocol.TCP) };
        if (!missing.udp && !missing.tcp) continue;
        report(policy, policy.spec.podSelector.isEverything()
          ? `every pod of namespace ${ns} is`
          : `the pods ${policy.spec.podSelector} of namespace ${ns} are`, missing);
      }
    }

    // `name: kube-system` (or `name In [kube-system]`) selects nothing unless someone added that label.
    const kubeSystem = view.namespaceLabels(KUBE_SYSTEM);
    for (const policy of egressPolicies) {
      effectivePolicy(policy).egressRules.forEach((rule, i) => rule.peers.forEach((peer, j) => {
        if (!selectsByNameLabel(peer) || kubeSystem.name === KUBE_SYSTEM) return;
        issues.push(policyIssue(this, policy, `spec.egress[${i}].to[${j}].namespaceSelector`,
          `namespaceSelector selects kube-system by the label name=kube-system, which namespaces do not carry by default (kube-system has ${formatLabels(kubeSystem)})`,
          'use matchLabels: {kubernetes.io/metadata.name: kube-system}, the label the control plane sets on every namespace'));
      }));
    }
    return issues;
  },
};

function selectsByNameLabel(peer: Peer): boolean {
  if (!(peer instanceof SelectorPeer) || !peer.namespaceSelector) return false;
  const sel: LabelSelector = peer.namespaceSelector;
  if (sel.matchLabels.name === KUBE_SYSTEM) return true;
  return sel.matchExpressions.some((e) => e.key === 'name' && e.operator === SelectorOperator.IN && (e.values ?? []).includes(KUBE_SYSTEM));
}

function describePods(pods: LintPod[]): string {
  const names = pods.map((p) => `${p.kind} ${p.namespace}/${p.name}`);
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}
