import { Port, PolicySpec, PolicyType, Protocol, Rule } from '../model';
import { ConnectionSet } from './connection-set';
import { isLoopback } from './explain';
import { fromOwnNode, matchingPeer, policyGoverns, policySelects, rulesOf } from './semantics';
import { Subject } from './subject';
import { ClusterTiers, tieredSetSide } from './tiers';
import { SideOutcome } from './verdict';

// Connection sets: what one endpoint may open to another over every protocol and port at once,
// decided by the same predicates as the per-port verdicts (semantics.ts), so that every per-port
// verdict follows from the set: `allowed(port) === set.allows(port)`.

/** One rule's part in a side's connection set. */
export interface RuleConnections {
  /** `namespace/name` of the policy. */
  readonly policy: string;
  readonly direction: PolicyType;
  /** Index in `spec.ingress` or `spec.egress`. */
  readonly ruleIndex: number;
  /** JSON path of the rule, e.g. `spec.ingress[0]`. */
  readonly field: string;
  /** What this rule admits toward this destination (named ports resolved on it). */
  readonly connections: ConnectionSet;
}

/** The connections one side (the source's egress, or the destination's ingress) allows. */
export interface SideConnections {
  readonly direction: PolicyType;
  /** The endpoint whose policies decide (`namespace/name` or `ip:...`). */
  readonly endpoint: string;
  /** NOT_ISOLATED, EXTERNAL and HOST_NETWORK allow all; otherwise ALLOWED (some) or DENIED (none). */
  readonly outcome: SideOutcome;
  /** `namespace/name` of every policy selecting the endpoint for this direction. */
  readonly policies: string[];
  /** The connections this side allows. */
  readonly connections: ConnectionSet;
  /** Every rule that admits part of the set, with its part. */
  readonly allowedBy: RuleConnections[];
  /**
   * ClusterNetworkPolicy rules that decided parts of the set, in evaluation order, each with the
   * part it decided (accepted, denied or passed on).
   * @default - none (no cluster policies)
   */
  readonly clusterPolicySteps?: ClusterPolicyRuleConnections[];
}

/** A ClusterNetworkPolicy rule and the part of a side's connections it decided. */
export interface ClusterPolicyRuleConnections {
  readonly policy: string;
  /** `Admin` or `Baseline`. */
  readonly tier: string;
  /** `Accept`, `Deny` or `Pass`. */
  readonly action: string;
  readonly ruleIndex: number;
  readonly field: string;
  /**
   * The rule's `name`, when it has one.
   * @default - none
   */
  readonly ruleName?: string;
  readonly connections: ConnectionSet;
}

/** What `from` may open to `to`, exactly, with both sides' reasons. */
export interface PairConnections {
  readonly from: string;
  readonly to: string;
  /** The source's egress and the destination's ingress intersected (rule 10), or all for loopback. */
  readonly connections: ConnectionSet;
  readonly egress: SideConnections;
  readonly ingress: SideConnections;
  /** True for a single pod to itself, always allowed (rule 33). */
  readonly loopback: boolean;
  /** The set cut into parts that the same rules admit, in protocol and port order. */
  readonly parts: ConnectionPart[];
}

/**
 * What one port entry admits toward `destination`. Rule 26: the protocol defaults to TCP (filled in
 * when read); rule 27: no port means every port of the protocol; rule 29: `port..endPort`;
 * rules 30, 31: a named port is the number the destination pod declares under that name and
 * protocol, and nothing on a destination that does not declare it (or is outside the cluster).
 */
export function portConnections(port: Port, destination: Subject): ConnectionSet {
  const protocol = port.protocol as Protocol;
  if (port.name !== undefined) {
    if (!destination.isPod) return ConnectionSet.none();
    const declared = destination.containerPorts.find((c) => c.name === port.name);
    if (!declared || (declared.protocol ?? Protocol.TCP) !== protocol) return ConnectionSet.none();
    return ConnectionSet.port(protocol, declared.port);
  }
  if (port.port === undefined) return ConnectionSet.allOf(protocol);
  return ConnectionSet.range(protocol, port.port, port.endPort ?? port.port);
}

/** Rule 14: an empty port list admits every port of every protocol; otherwise the union of its entries. */
export function ruleConnections(rule: Rule, destination: Subject): ConnectionSet {
  if (rule.ports.length === 0) return ConnectionSet.all();
  let out = ConnectionSet.none();
  for (const port of rule.ports) out = out.union(portConnections(port, destination));
  return out;
}

/**
 * One side of a pair: `subject` is the endpoint whose policies decide, `remote` the other end,
 * `destination` the end whose named ports count.
 */
export function sideConnections(
  policies: PolicySpec[], direction: PolicyType, subject: Subject, remote: Subject, destination: Subject,
): SideConnections {
  const base = { direction, endpoint: subject.id };
  // Rule 11: an external address has no policies. Rule 35: hostNetwork pods are node traffic.
  if (!subject.isPod) return { ...base, outcome: SideOutcome.EXTERNAL, policies: [], connections: ConnectionSet.all(), allowedBy: [] };
  if (subject.hostNetwork) return { ...base, outcome: SideOutcome.HOST_NETWORK, policies: [], connections: ConnectionSet.all(), allowedBy: [] };
  // Rule 34: traffic from the pod's own node (a hostNetwork pod there) is always admitted.
  if (direction === PolicyType.INGRESS && fromOwnNode(remote, subject)) {
    return { ...base, outcome: SideOutcome.FROM_OWN_NODE, policies: [], connections: ConnectionSet.all(), allowedBy: [] };
  }
  // Rules 1, 2: isolated for a direction iff a selecting policy governs it.
  const selecting = policies.filter((p) => policyGoverns(p, direction) && policySelects(p, subject));
  if (selecting.length === 0) return { ...base, outcome: SideOutcome.NOT_ISOLATED, policies: [], connections: ConnectionSet.all(), allowedBy: [] };
  const ruleKey = direction === PolicyType.INGRESS ? 'ingress' : 'egress';
  const allowedBy: RuleConnections[] = [];
  let connections = ConnectionSet.none();
  // Rule 9: the union of what every matching rule of every selecting policy admits; rule 12: a
  // rule counts when its peers match the remote end, for the ports its port list admits.
  for (const policy of selecting) {
    rulesOf(policy, direction).forEach((rule, ruleIndex) => {
      if (matchingPeer(rule, policy.namespace, remote) === undefined) return;
      const part = ruleConnections(rule, destination);
      if (part.isEmpty()) return;
      connections = connections.union(part);
      allowedBy.push({ policy: policy.id, direction, ruleIndex, field: `spec.${ruleKey}[${ruleIndex}]`, connections: part });
    });
  }
  return {
    ...base,
    outcome: connections.isEmpty() ? SideOutcome.DENIED : SideOutcome.ALLOWED,
    policies: selecting.map((p) => p.id),
    connections,
    allowedBy,
  };
}

/** Everything `from` may open to `to`: rule 10, both ends must allow; rule 33, loopback. */
export function pairConnections(policies: PolicySpec[], from: Subject, to: Subject, tiers?: ClusterTiers): PairConnections {
  const egress = tieredSetSide(sideConnections(policies, PolicyType.EGRESS, from, to, to), tiers, from, to, to);
  const ingress = tieredSetSide(sideConnections(policies, PolicyType.INGRESS, to, from, to), tiers, to, from, to);
  const loopback = isLoopback(from, to);
  const connections = loopback ? ConnectionSet.all() : egress.connections.intersect(ingress.connections);
  return { from: from.id, to: to.id, connections, egress, ingress, loopback, parts: loopback ? [] : connectionParts(connections, egress, ingress) };
}

/** One part of a pair's connection set and the rules of each side that admit all of it. */
export interface ConnectionPart {
  readonly protocol: Protocol;
  /** First port of the part. */
  readonly fromPort: number;
  /** Last port of the part, inclusive. */
  readonly toPort: number;
  /** The egress rules (`policy spec.egress[i]`) admitting the part; empty when egress is not isolated. */
  readonly egressBy: string[];
  /** The ingress rules admitting the part; empty when ingress is not isolated. */
  readonly ingressBy: string[];
}

/**
 * The pair's connection set cut into parts that the same rules admit, in port order: each port
 * of a part is allowed by exactly the rules listed (rule 9: any one of them would do).
 */
function connectionParts(connections: ConnectionSet, egress: SideConnections, ingress: SideConnections): ConnectionPart[] {
  const out: ConnectionPart[] = [];
  const label = (r: { policy: string; field: string; action?: string }) => `${r.policy} ${r.field}${r.action ? ` (${r.action})` : ''}`;
  for (const protocol of [Protocol.TCP, Protocol.UDP, Protocol.SCTP]) {
    const rules = [...admitting(egress), ...admitting(ingress)];
    for (const range of connections.ranges(protocol)) {
      // Cut the range wherever a rule's part starts or ends inside it.
      const cuts = new Set<number>([range.from, range.to + 1]);
      for (const r of rules) {
        for (const x of r.connections.ranges(protocol)) {
          if (x.from > range.from && x.from <= range.to) cuts.add(x.from);
          if (x.to + 1 > range.from && x.to < range.to) cuts.add(x.to + 1);
        }
      }
      const points = [...cuts].sort((a, b) => a - b);
      for (let i = 0; i + 1 < points.length; i++) {
        const fromPort = points[i];
        const toPort = points[i + 1] - 1;
        const by = (side: SideConnections) => admitting(side).filter((r) => r.connections.allows(fromPort, protocol)).map(label);
        const part = { protocol, fromPort, toPort, egressBy: by(egress), ingressBy: by(ingress) };
        const last = out[out.length - 1];
        if (last && last.protocol === protocol && last.toPort + 1 === fromPort
          && last.egressBy.join('\n') === part.egressBy.join('\n') && last.ingressBy.join('\n') === part.ingressBy.join('\n')) {
          out[out.length - 1] = { ...last, toPort };
        } else out.push(part);
      }
    }
  }
  return out;
}

/** The rules that let part of a side through: NetworkPolicy rules, and cluster policies' Accept and Pass. */
function admitting(side: SideConnections): Array<{ policy: string; field: string; action?: string; connections: ConnectionSet }> {
  return [...side.allowedBy, ...(side.clusterPolicySteps ?? []).filter((s) => s.action !== 'Deny')];
}
