import { IpBlockPeer, PolicySpec, PolicyType, Protocol } from '../model';
import { fromOwnNode, matchingPeer, matchingPort, policyGoverns, policySelects, rulesOf } from './semantics';
import { Subject } from './subject';
import { ClusterTiers, tieredPortSide, unanalyzedPeerNotes } from './tiers';
import { DecidingTier, MissedPart, RuleMatch, RuleMiss, SideOutcome, SideVerdict, Verdict } from './verdict';

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
  // Rule 34: traffic from the pod's own node (a hostNetwork pod there) is always admitted.
  if (direction === PolicyType.INGRESS && fromOwnNode(remote, subject)) {
    return { ...base, outcome: SideOutcome.FROM_OWN_NODE, allowed: true, policies: [], allowedBy: [] };
  }
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
export function evaluateFlow(policies: PolicySpec[], from: Subject, to: Subject, port: number, protocol: Protocol, tiers?: ClusterTiers, viaService = false): Verdict {
  // docs/cluster-network-policy.md rule 1: NetworkPolicy's answer is one step of the tiers' chain.
  const egressNp = evaluateSide(policies, PolicyType.EGRESS, from, to, port, protocol, to);
  const egress = tieredPortSide(egressNp, tiers, from, to, to, port, protocol);
  const ingress = tieredPortSide(evaluateSide(policies, PolicyType.INGRESS, to, from, port, protocol, to), tiers, to, from, to, port, protocol);
  // docs/cluster-network-policy.md rule 8: nodes and domainNames peers are named, never guessed.
  const notes: string[] = unanalyzedPeerNotes(tiers, from, to, port, protocol, egressNp.outcome !== SideOutcome.NOT_ISOLATED);
  // Rule 33: a pod cannot block traffic to itself; reported as the loopback exemption.
  const loopback = isLoopback(from, to);
  // docs/cluster-network-policy.md rule 10: through a Service IP, a pod reaching itself is subject
  // to cluster policies (only its own Pod IP is exempt); NetworkPolicy still cannot block it.
  const byCluster = (s: SideVerdict) => s.decidedBy === DecidingTier.ADMIN || s.decidedBy === DecidingTier.BASELINE;
  const hairpinDenied = loopback && viaService && [egress, ingress].some((s) => byCluster(s) && !s.allowed);
  if (hairpinDenied) {
    notes.push(`${from.id} reaches itself through a Service IP: cluster policies apply to that (only its own Pod IP is exempt), and one denies it`);
  } else if (loopback) {
    notes.push(`${from.id} to itself: a pod cannot block traffic to itself (loopback exemption); ` +
      `its policies alone would ${egress.allowed && ingress.allowed ? 'allow' : 'deny'} it`);
  } else if (from.isPod && from.id === to.id) {
    notes.push(`${from.id} is a ${from.workload?.kind ?? 'workload'}: this is traffic between two of its pods, which its ` +
      'policies decide like any other (each pod can always reach itself: loopback exemption)');
  }
  for (const s of [from, to]) {
    if (s.hostNetwork) {
      notes.push(`${s.id} uses hostNetwork: its traffic is node traffic. Policies do not select it and pod/namespace ` +
        'selectors do not match it; only ipBlocks covering the node IP can. CNI plugins differ here (docs/semantics.md rule 35).');
    }
  }
  // Rule 34: say what the node changes, so the note and the verdict never disagree.
  if (ingress.outcome === SideOutcome.FROM_OWN_NODE) {
    notes.push(`${from.id} runs on node ${from.nodeName}, the node of ${to.id}: traffic from a pod's own node is always allowed into it (rule 34)`);
  } else if (from.hostNetwork && to.isPod && !to.hostNetwork && !ingress.allowed) {
    notes.push(from.nodeName !== undefined && to.nodeName !== undefined
      ? `${from.id} runs on node ${from.nodeName}, not on ${to.nodeName} where ${to.id} runs; from ${to.nodeName} itself it would be allowed (rule 34)`
      : `this verdict is for ${from.id} on another node than ${to.id}: from ${to.id}'s own node it would be allowed, since traffic from a pod's own node ` +
        'is always allowed into it (rule 34); the input does not say which node each runs on (spec.nodeName)');
  }
  // Rule 30: named ports resolve on the destination's declared ports, which an assumed pod lacks.
  if (to.isPod && to.workload === undefined) {
    const named = policies.filter((p) => [...egress.policies, ...ingress.policies].includes(p.id))
      .flatMap((p) => [...p.ingress, ...p.egress]).flatMap((r) => r.ports).filter((x) => x.name !== undefined).map((x) => x.name!);
    if (named.length > 0) {
      notes.push(`${to.id} is an assumed pod without declared container ports, so named ports (${[...new Set(named)].join(', ')}) match nothing on it; ` +
        'give its manifest (with its ports) to resolve them');
    }
  }
  // An ipBlock could match this endpoint if its IP were known (rule 22). The note names only the
  // rules that could: an ipBlock peer in a rule of a selecting policy whose ports match (rule 12).
  for (const [side, remote] of [[egress, to], [ingress, from]] as const) {
    if (!remote.isPod || remote.ips.length > 0 || side.outcome !== SideOutcome.DENIED) continue;
    const key = side.direction === PolicyType.INGRESS ? 'ingress' : 'egress';
    const peerKey = side.direction === PolicyType.INGRESS ? 'from' : 'to';
    const blocks: string[] = [];
    for (const p of policies) {
      if (!side.policies.includes(p.id)) continue;
      rulesOf(p, side.direction).forEach((r, i) => {
        if (matchingPort(r, port, protocol, to) === undefined) return;
        r.peers.forEach((peer, j) => {
          if (peer instanceof IpBlockPeer) blocks.push(`${p.id} spec.${key}[${i}].${peerKey}[${j}] (${peer})`);
        });
      });
    }
    if (blocks.length > 0) {
      notes.push(`${remote.id} has no known IP, so the ipBlock peer${blocks.length === 1 ? '' : 's'} ${blocks.join(', ')} ${blocks.length === 1 ? 'was' : 'were'} not matched against it; ` +
        `if its pod IPs fall in ${blocks.length === 1 ? 'that block' : 'one of those blocks'} the connection may be allowed`);
    }
  }
  return {
    from: from.id,
    to: to.id,
    port,
    protocol,
    // Rule 10: both the source's egress and the destination's ingress must allow it.
    allowed: (loopback && !hairpinDenied) || (egress.allowed && ingress.allowed),
    egress,
    ingress,
    loopback: loopback && !hairpinDenied,
    notes,
  };
}
