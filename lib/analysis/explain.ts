import { IpBlockPeer, PolicySpec, PolicyType, Protocol } from '../model';
import { matchingPeer, matchingPort, policyGoverns, policySelects, rulesOf } from './semantics';
import { Subject } from './subject';
import { ClusterTiers, tieredPortSide } from './tiers';
import { MissedPart, RuleMatch, RuleMiss, SideOutcome, SideVerdict, Verdict } from './verdict';

// One connection, evaluated with its full explanation.

/**
 * One side of a connection: `subject` is the endpoint whose policies decide (the source for
 * egress, the destination for ingress), `remote` the other end.
 */
export function evaluateSide(
  policies: PolicySpec[], direction: PolicyType, subject: Subject, remote: Subject,
  port: number, protocol: Protocol, destination: Subject,
): SideVerdict {
  const base = { direction, endpoint: subject.id, nearMisses: [] as RuleMiss[] };
  // Rule 11: an external address has no policies.
  if (!subject.isPod) return { ...base, outcome: SideOutcome.EXTERNAL, allowed: true, policies: [], allowedBy: [] };
  // Rule 35: a hostNetwork pod is node traffic, which NetworkPolicy does not govern.
  if (subject.hostNetwork) return { ...base, outcome: SideOutcome.HOST_NETWORK, allowed: true, policies: [], allowedBy: [] };
  // Rule 2: isolated for this direction iff some policy selects the pod and governs the direction.
  const selecting = policies.filter((p) => policyGoverns(p, direction) && policySelects(p, subject));
  // Rule 1: not isolated, so everything is allowed.
  if (selecting.length === 0) return { ...base, outcome: SideOutcome.NOT_ISOLATED, allowed: true, policies: [], allowedBy: [] };
  const allowedBy: RuleMatch[] = [];
  const peerKey = direction === PolicyType.INGRESS ? 'from' : 'to';
  const ruleKey = direction === PolicyType.INGRESS ? 'ingress' : 'egress';
  // Rule 9: an isolated side allows iff at least one rule of at least one selecting policy does
  // (rule 7: being selected isolates even when no rule matches anything).
  for (const policy of selecting) {
    rulesOf(policy, direction).forEach((rule, ruleIndex) => {
      // Rule 12: the peer list AND the port list must match.
      const peerIndex = matchingPeer(rule, policy.namespace, remote);
      const portIndex = matchingPort(rule, port, protocol, destination);
      if (peerIndex === undefined || portIndex === undefined) {
        if (peerIndex !== undefined || portIndex !== undefined) {
          base.nearMisses.push({
            policy: policy.id, direction, ruleIndex, field: `spec.${ruleKey}[${ruleIndex}]`,
            missed: peerIndex === undefined ? MissedPart.PEERS : MissedPart.PORTS,
            expected: (peerIndex === undefined ? rule.peers : rule.ports).map((x) => x.toString()).join(', '),
          });
        }
        return;
      }
      const m: { -readonly [K in keyof RuleMatch]: RuleMatch[K] } = {
        policy: policy.id,
        direction,
        ruleIndex,
        peer: peerIndex < 0 ? 'every peer' : rule.peers[peerIndex].toString(),
        port: portIndex < 0 ? 'every port' : rule.ports[portIndex].toString(),
        field: `spec.${ruleKey}[${ruleIndex}]` + (peerIndex >= 0 ? `.${peerKey}[${peerIndex}]` : ''),
      };
      if (peerIndex >= 0) m.peerIndex = peerIndex;
      if (portIndex >= 0) m.portIndex = portIndex;
      allowedBy.push(m);
    });
  }
  return {
    ...base,
    outcome: allowedBy.length > 0 ? SideOutcome.ALLOWED : SideOutcome.DENIED,
    allowed: allowedBy.length > 0,
    policies: selecting.map((p) => p.id),
    allowedBy,
  };
}

/**
 * Rule 33: a pod's traffic to itself is always allowed. Only for one pod: a workload (e.g. a
 * Deployment) "to itself" is traffic between its replicas, which policies govern.
 */
export function isLoopback(from: Subject, to: Subject): boolean {
  return from.isPod && from.singlePod && from.id === to.id;
}

/** The verdict for `from -> to` on `port/protocol`. */
export function evaluateFlow(policies: PolicySpec[], from: Subject, to: Subject, port: number, protocol: Protocol, tiers?: ClusterTiers): Verdict {
  // docs/cluster-network-policy.md rule 1: NetworkPolicy's answer is one step of the tiers' chain.
  const egress = tieredPortSide(evaluateSide(policies, PolicyType.EGRESS, from, to, port, protocol, to), tiers, from, to, to, port, protocol);
  const ingress = tieredPortSide(evaluateSide(policies, PolicyType.INGRESS, to, from, port, protocol, to), tiers, to, from, to, port, protocol);
  const notes: string[] = [];
  // Rule 33: a pod cannot block traffic to itself; reported as the loopback exemption.
  const loopback = isLoopback(from, to);
  if (loopback) {
    notes.push(`${from.id} to itself: a pod cannot block traffic to itself (loopback exemption); ` +
      `its policies alone would ${egress.allowed && ingress.allowed ? 'allow' : 'deny'} it`);
  } else if (from.isPod && from.id === to.id) {
    notes.push(`${from.id} is a ${from.workload?.kind ?? 'workload'}: this is traffic between two of its pods, which its ` +
      'policies decide like any other (each pod can always reach itself: loopback exemption)');
  }
  for (const s of [from, to]) {
    if (s.hostNetwork) {
      notes.push(`${s.id} uses hostNetwork: its traffic is node traffic. Policies do not select it and pod/namespace ` +
        'selectors do not match it; only ipBlocks covering the node IP can. Traffic from a pod\'s own node is always ' +
        'allowed into that pod. CNI plugins differ here (SEMANTICS.md rule 35).');
    }
  }
  // An ipBlock could match this endpoint if its IP were known (rule 22).
  for (const [side, remote] of [[egress, to], [ingress, from]] as const) {
    if (!remote.isPod || remote.ips.length > 0 || side.outcome !== SideOutcome.DENIED) continue;
    const hasBlocks = policies.some((p) => side.policies.includes(p.id) &&
      rulesOf(p, side.direction).some((r) => r.peers.some((peer) => peer instanceof IpBlockPeer)));
    if (hasBlocks) {
      notes.push(`${remote.id} has no known IP, so ipBlock peers of ${side.policies.join(', ')} were not matched against it; ` +
        'if its pod IPs fall in one of those blocks the connection may be allowed');
    }
  }
  return {
    from: from.id,
    to: to.id,
    port,
    protocol,
    // Rule 10: both the source's egress and the destination's ingress must allow it.
    allowed: loopback || (egress.allowed && ingress.allowed),
    egress,
    ingress,
    loopback,
    notes,
  };
}
