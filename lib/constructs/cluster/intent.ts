import { boundedIntent, describePorts } from '../../patterns';
import { ClusterPolicyBody } from './cluster-policy-object';
import { ClusterRule } from './rule';

// The intent sentence of a ClusterNetworkPolicy, generated from its tier, subject and rules.
// Rules are evaluated in order and the first that matches decides (docs/cluster-network-policy.md
// rules 2-4), hence "then"; peers of a rule are ORed, ports ANDed with them.

function rulesText(rules: ClusterRule[], word: 'from' | 'to'): string {
  return rules.map((r) => `${r.action.toLowerCase()} ${word} ${r.peers.map(String).join(' or ')} on ${describePorts(r.ports ?? [])}`).join(', then ');
}

/** `Admin-tier policy for every pod of every namespace: egress: deny to networks 169.254.169.254/32 on any port`. */
export function describeClusterPolicy(body: ClusterPolicyBody): string {
  const parts = [
    ...(body.ingress.length > 0 ? [`ingress: ${rulesText(body.ingress, 'from')}`] : []),
    ...(body.egress.length > 0 ? [`egress: ${rulesText(body.egress, 'to')}`] : []),
  ];
  return boundedIntent(`${body.tier}-tier policy for ${body.subject}: ${parts.length > 0 ? parts.join('; ') : 'no rules'}`);
}
