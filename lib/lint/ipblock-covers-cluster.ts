import { Issue, IpBlockPeer, Peer, Rule, Severity } from '../model';
import { DEFAULT_POD_CIDRS, LintRule, RuleContext, policyIssue } from './lint-context';
import { ClusterView } from './support/cluster-view';
import { effectivePolicy } from './support/effective-types';
import { ipBlockCoversCidr, ipBlockMatchesIp, isWholeInternet } from './support/ip-blocks';
import { somePeer } from './support/some-peer';

export const ipblockCoversCluster: LintRule = {
  id: 'ipblock-covers-cluster',
  severity: Severity.WARNING,
  summary: 'An ipBlock contains the pod CIDR (or known pod IPs), so it bypasses the selectors.',
  description:
    'ipBlock is meant for addresses outside the cluster, but network plugins match it against pod '
    + 'IPs too (the upstream conformance tests require it). A block that contains the pod CIDR allows '
    + 'or admits every pod, whatever the podSelectors and namespaceSelectors of the policy say. The pod '
    + 'CIDR is configurable (`--pod-cidr` in the CLI); by default the three RFC 1918 ranges '
    + '(10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) stand in for it, since every common CNI default lies '
    + 'inside one of them. Known pod IPs (status.podIP) are checked as well. 0.0.0.0/0 and ::/0 without '
    + 'except are left to `allow-all-peer`. Fix: add the pod CIDR to the block\'s except list.',
  check(context: RuleContext): Issue[] {
    const view = new ClusterView(context);
    const pods = view.allPods().filter((p) => p.ip !== undefined);
    const usingDefaults = context.settings.podCidrs.join() === DEFAULT_POD_CIDRS.join();
    const issues: Issue[] = [];
    for (const policy of context.policies) {
      const eff = effectivePolicy(policy);
      // Most policies have no ipBlock at all: those are passed over without building the scan.
      if (!somePeer(eff.ingressRules, isIpBlock) && !somePeer(eff.egressRules, isIpBlock)) continue;
      const scan = (rules: Rule[], dir: string, key: string) => rules.forEach((rule, i) => rule.peers.forEach((peer, j) => {
        if (!(peer instanceof IpBlockPeer) || isWholeInternet(peer)) return;
        const cidrs = context.settings.podCidrs.filter((c) => ipBlockCoversCidr(peer, c));
        const hits = pods.filter((p) => ipBlockMatchesIp(peer, p.ip!));
        if (cidrs.length === 0 && hits.length === 0) return;
        const what = cidrs.length > 0
          ? `the pod CIDR ${cidrs.join(', ')}`
          : `the IPs of ${hits.slice(0, 3).map((p) => `${p.kind} ${p.namespace}/${p.name} (${p.ip})`).join(', ')}${hits.length > 3 ? ` and ${hits.length - 3} more pods` : ''}`;
        issues.push(policyIssue(this, policy, `spec.${dir}[${i}].${key}[${j}].ipBlock`,
          `ipBlock ${peer} contains ${what}, so it ${dir === 'ingress' ? 'admits' : 'allows'} those pods whatever the selectors say`,
          cidrs.length > 0
            ? `add the pod CIDR to except, or select the pods with podSelector/namespaceSelector${usingDefaults ? ' (the pod CIDR was assumed to be the RFC 1918 ranges; give the real one with --pod-cidr)' : ''}`
            : 'select pods with podSelector/namespaceSelector; keep ipBlock for addresses outside the cluster'));
      }));
      scan(eff.ingressRules, 'ingress', 'from');
      scan(eff.egressRules, 'egress', 'to');
    }
    return issues;
  },
};

function isIpBlock(peer: Peer): boolean {
  return peer instanceof IpBlockPeer;
}
