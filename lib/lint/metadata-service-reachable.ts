import { Issue, IpBlockPeer, Protocol, Severity } from '../model';
import { LintRule, RuleContext, policyIssue } from './lint-context';
import { effectivePolicy } from './support/effective-types';
import { ipBlockMatchesIp } from './support/ip-blocks';

/** The cloud instance metadata endpoints (AWS, GCP, Azure, OpenStack share the IPv4 one; AWS's IPv6 one). */
const METADATA_IPS = ['169.254.169.254', 'fd00:ec2::254'];

export const metadataServiceReachable: LintRule = {
  id: 'metadata-service-reachable',
  severity: Severity.WARNING,
  summary: 'An egress rule allows the cloud metadata service (169.254.169.254).',
  description:
    'On most clouds, 169.254.169.254 (and fd00:ec2::254 on AWS IPv6) serves instance metadata over '
    + 'HTTP, including the node\'s credentials; a pod that reaches it can often act as the node. An '
    + 'egress rule whose ipBlock contains that address (0.0.0.0/0, 169.254.0.0/16, ...) or that has no '
    + '`to` at all, on a port list that includes 80/TCP, lets the selected pods reach it. Add '
    + '169.254.169.254/32 to the block\'s except list, or narrow the block or the ports.',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    for (const policy of context.policies) {
      effectivePolicy(policy).egressRules.forEach((rule, i) => {
        // The metadata service listens on 80/TCP; named ports never match an IP (rule 31).
        const portOk = rule.ports.length === 0 || rule.ports.some((p) => p.matches(80, Protocol.TCP, undefined));
        if (!portOk) return;
        if (rule.peers.length === 0) {
          issues.push(policyIssue(this, policy, `spec.egress[${i}]`,
            `egress rule ${i} has no \`to\`, so it allows every destination, the metadata service ${METADATA_IPS[0]} included`,
            'list the destinations, or use an ipBlock with except: [169.254.169.254/32]'));
          return;
        }
        rule.peers.forEach((peer, j) => {
          if (!(peer instanceof IpBlockPeer)) return;
          const hit = METADATA_IPS.find((ip) => ipBlockMatchesIp(peer, ip));
          if (!hit) return;
          issues.push(policyIssue(this, policy, `spec.egress[${i}].to[${j}].ipBlock`,
            `ipBlock ${peer} contains the cloud metadata service ${hit}, reachable on 80/TCP by the selected pods`,
            `add ${hit.includes(':') ? hit + '/128' : hit + '/32'} to except`));
        });
      });
    }
    return issues;
  },
};
