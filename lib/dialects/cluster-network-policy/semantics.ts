import { PolicyType, Protocol } from '../../model';
import { ipInCidr, parseCidr } from '../../model/validation';
import { ConnectionSet } from '../../analysis/connection-set';
import { Subject } from '../../analysis/subject';
import { CnpAction, CnpPeer, CnpPodSet, CnpPort, CnpRule, CnpSpec, CnpTier } from './model';

// How ClusterNetworkPolicies decide, each rule of docs/cluster-network-policy.md written once.
// A tier is evaluated over a set of connections at a time: walking its policies by priority and
// their rules in order, each rule takes the part of the still-undecided connections it matches
// (first match wins, CNP rule 3) and accepts, denies or passes it.

/** CNP rule 5: host-network pods are never selected (as subject or peer); only pods are. */
export function podSetMatches(set: CnpPodSet, s: Subject): boolean {
  if (!s.isPod || s.hostNetwork) return false;
  if (!set.namespaces.matches(s.namespaceLabels as { [key: string]: string })) return false;
  return set.pods === undefined || set.pods.matches(s.labels as { [key: string]: string });
}

/** CNP rule 5: whether the policy applies to the endpoint. */
export function cnpSelects(spec: CnpSpec, s: Subject): boolean {
  return podSetMatches(spec.subject, s);
}

/**
 * CNP rules 6-8: whether a peer matches the remote end. `networks` matches any address in the
 * block, pods' own included (CNP rule 8). `nodes` and `domainNames` depend on node addresses and
 * DNS answers the analyzer does not know: they never match here, and the verdict says so.
 */
export function cnpPeerMatches(peer: CnpPeer, remote: Subject): boolean {
  switch (peer.kind) {
    case 'pods': return podSetMatches(peer.set, remote);
    case 'networks': return peer.cidrs.some((c) => {
      const cidr = parseCidr(c);
      return cidr !== undefined && remote.ips.some((ip) => ipInCidr(ip, cidr));
    });
    default: return false;
  }
}

/**
 * CNP rule 9: what one protocol entry admits toward `destination`. A named port takes the number
 * and the protocol of the destination pod's container port of that name.
 */
export function cnpPortConnections(port: CnpPort, destination: Subject): ConnectionSet {
  if (port.kind === 'port') return numberedPortConnections(port);
  if (!destination.isPod) return ConnectionSet.none();
  const declared = destination.containerPorts.find((c) => c.name === port.name);
  return declared ? ConnectionSet.port(declared.protocol ?? Protocol.TCP, declared.port) : ConnectionSet.none();
}

/** A numbered port or range entry, whatever the destination. */
export function numberedPortConnections(port: Extract<CnpPort, { kind: 'port' }>): ConnectionSet {
  return ConnectionSet.range(port.protocol, port.from, port.to);
}

/** CNP rule 9: no protocol list matches everything; entries are ORed. */
export function cnpRuleConnections(rule: CnpRule, destination: Subject): ConnectionSet {
  if (rule.ports === undefined) return ConnectionSet.all();
  let out = ConnectionSet.none();
  for (const p of rule.ports) out = out.union(cnpPortConnections(p, destination));
  return out;
}

/** One rule that decided part of a side's connections. */
export interface TierStep {
  /** `Kind/name` of the cluster policy. */
  readonly policy: string;
  readonly tier: CnpTier;
  readonly action: CnpAction;
  readonly ruleIndex: number;
  /** JSON path, e.g. `spec.egress[0]`. */
  readonly field: string;
  /** The rule's `name`, when it has one. */
  readonly ruleName?: string;
  /** The connections this rule decided (matched and not decided by an earlier rule). */
  readonly connections: ConnectionSet;
}

/** What one tier did with the connections it was given. */
export interface TierResult {
  readonly accepted: ConnectionSet;
  readonly passed: ConnectionSet;
  /** Matched by no rule of the tier. */
  readonly unmatched: ConnectionSet;
  readonly steps: TierStep[];
}

/**
 * CNP policies in evaluation order for one tier (CNP rule 2: lower priority first). Equal
 * priorities are implementation-defined upstream; they are ordered by name (then kind, for a v1alpha1
 * AdminNetworkPolicy beside a ClusterNetworkPolicy of the same name) here, and lint flags them.
 */
export function tierOrder(policies: CnpSpec[], tier: CnpTier): CnpSpec[] {
  const by = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return policies.filter((p) => p.tier === tier).sort((a, b) => a.priority - b.priority || by(a.name, b.name) || by(a.id, b.id));
}

/**
 * Evaluates one tier for `subject`'s side of a flow over `given` (CNP rules 3, 4): the first
 * matching rule decides each connection.
 */
export function evaluateTier(
  ordered: CnpSpec[], direction: PolicyType, subject: Subject, remote: Subject, destination: Subject, given: ConnectionSet,
): TierResult {
  let remaining = given;
  let accepted = ConnectionSet.none();
  let passed = ConnectionSet.none();
  const steps: TierStep[] = [];
  const key = direction === PolicyType.INGRESS ? 'ingress' : 'egress';
  for (const policy of ordered) {
    if (remaining.isEmpty()) break;
    if (!cnpSelects(policy, subject)) continue;
    const rules = direction === PolicyType.INGRESS ? policy.ingress : policy.egress;
    for (let i = 0; i < rules.length && !remaining.isEmpty(); i++) {
      const rule = rules[i];
      // CNP rule 6: peers ORed, protocols ORed, the two ANDed.
      if (!rule.peers.some((p) => cnpPeerMatches(p, remote))) continue;
      const part = cnpRuleConnections(rule, destination).intersect(remaining);
      if (part.isEmpty()) continue;
      remaining = remaining.subtract(part);
      if (rule.action === CnpAction.ACCEPT) accepted = accepted.union(part);
      else if (rule.action === CnpAction.PASS) passed = passed.union(part);
      steps.push({ policy: policy.id, tier: policy.tier, action: rule.action, ruleIndex: i, field: `spec.${key}[${i}]`, ...(rule.name ? { ruleName: rule.name } : {}), connections: part });
    }
  }
  return { accepted, passed, unmatched: remaining, steps };
}

/** The result of the whole chain for one side: Admin, then NetworkPolicy, then Baseline, then allow. */
export interface TieredSide {
  readonly allowed: ConnectionSet;
  readonly admin: TierResult;
  /** What reached NetworkPolicy (Admin's Pass and unmatched). */
  readonly toNetworkPolicy: ConnectionSet;
  /** What Baseline was asked about; empty when a NetworkPolicy isolates the pod (CNP rule 1). */
  readonly baseline?: TierResult;
}

/**
 * CNP rule 1 and 4: Admin decides first; what it passes or leaves goes to NetworkPolicy, which
 * decides it finally when it isolates the pod in this direction (`networkPolicy` is then what
 * NetworkPolicy allows; undefined when no NetworkPolicy selects it); otherwise Baseline decides,
 * and what it passes or leaves is allowed.
 */
export function tieredSide(
  admin: CnpSpec[], baseline: CnpSpec[], direction: PolicyType, subject: Subject, remote: Subject, destination: Subject,
  networkPolicy: ConnectionSet | undefined,
): TieredSide {
  const a = evaluateTier(admin, direction, subject, remote, destination, ConnectionSet.all());
  const toNetworkPolicy = a.passed.union(a.unmatched);
  if (networkPolicy !== undefined) {
    return { allowed: a.accepted.union(toNetworkPolicy.intersect(networkPolicy)), admin: a, toNetworkPolicy };
  }
  const b = evaluateTier(baseline, direction, subject, remote, destination, toNetworkPolicy);
  return { allowed: a.accepted.union(b.accepted).union(b.passed).union(b.unmatched), admin: a, toNetworkPolicy, baseline: b };
}
