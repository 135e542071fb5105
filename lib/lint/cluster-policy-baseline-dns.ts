import { Issue, NAMESPACE_NAME_LABEL, Protocol, Severity } from '../model';
import { CnpAction, CnpRule, CnpTier } from '../dialects/cluster-network-policy/model';
import { LintClusterPolicy, LintRule, RuleContext, clusterPolicyIssue } from './lint-context';
import { inTier } from './support/cluster-policies';

/** Whether the rule matches every destination on every port (a default deny when its action is Deny). */
function matchesEverything(rule: CnpRule): boolean {
  const all = rule.peers.some((p) => (p.kind === 'pods' && p.set.namespaces.isEverything() && (p.set.pods === undefined || p.set.pods.isEverything()))
    || (p.kind === 'networks' && p.cidrs.some((c) => /\/0$/.test(c))));
  return all && rule.ports === undefined;
}

/** Whether the rule lets UDP 53 to the cluster DNS pods through (Accept or Pass). */
function letsDnsThrough(rule: CnpRule, dns: { namespace: string; labels: { [key: string]: string } }): boolean {
  if (rule.action === CnpAction.DENY) return false;
  const nsLabels = { [NAMESPACE_NAME_LABEL]: dns.namespace };
  const peer = rule.peers.some((p) => p.kind === 'pods' && p.set.namespaces.matches(nsLabels) && (p.set.pods === undefined || p.set.pods.matches(dns.labels)));
  const port = rule.ports === undefined || rule.ports.some((p) => p.kind === 'port' && p.protocol === Protocol.UDP && p.from <= 53 && p.to >= 53);
  return peer && port;
}

export const clusterPolicyBaselineDns: LintRule = {
  id: 'cluster-policy-baseline-dns',
  severity: Severity.WARNING,
  summary: 'A cluster default deny for egress with no way out to the cluster DNS before it.',
  description:
    'A Baseline (or Admin) ClusterNetworkPolicy that denies all egress reaches every pod no NetworkPolicy '
    + 'isolates (every pod, for Admin): without an earlier rule accepting UDP 53 to the cluster DNS, every '
    + 'name lookup times out after about 30 seconds. Put an Accept (or, in Admin, a Pass) for the DNS pods '
    + 'before the deny, in the same policy or in one with a lower priority number.',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    const dns = context.settings.dns;
    for (const tier of [CnpTier.ADMIN, CnpTier.BASELINE]) {
      const ordered = inTier(context, tier);
      // Admin rules that accept DNS for everyone come before any Baseline rule.
      const adminDns = tier === CnpTier.BASELINE && inTier(context, CnpTier.ADMIN).some((p) => p.spec.egress.some((r) => letsDnsThrough(r, dns)));
      ordered.forEach((policy: LintClusterPolicy, pi) => {
        const i = policy.spec.egress.findIndex((r) => r.action === CnpAction.DENY && matchesEverything(r));
        if (i < 0 || adminDns) return;
        const earlier = [...ordered.slice(0, pi).flatMap((p) => p.spec.egress), ...policy.spec.egress.slice(0, i)];
        if (earlier.some((r) => letsDnsThrough(r, dns))) return;
        const dnsLabels = Object.entries(dns.labels).map(([k, v]) => `${k}: ${v}`).join(', ');
        issues.push(clusterPolicyIssue(this, policy, `spec.egress[${i}]`,
          `this ${tier} rule denies all egress and nothing before it lets DNS out: pods it reaches cannot resolve names (the cluster DNS: pods ${dnsLabels} in ${dns.namespace}, UDP 53)`,
          `add before it: {action: Accept, to: [{pods: {namespaceSelector: {matchLabels: {${NAMESPACE_NAME_LABEL}: ${dns.namespace}}}, podSelector: {matchLabels: {${dnsLabels}}}}}], protocols: [{udp: {destinationPort: {number: 53}}}, {tcp: {destinationPort: {number: 53}}}]}`));
      });
    }
    return issues;
  },
};
