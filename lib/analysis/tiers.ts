import { CnpAction, CnpPeer, CnpSpec, CnpTier } from '../dialects/cluster-network-policy/model';
import { TierStep, cnpPeerMatches, cnpRuleConnections, cnpSelects, tierOrder, tieredSide } from '../dialects/cluster-network-policy/semantics';
import { PolicyType, Protocol } from '../model';
import { ConnectionSet } from './connection-set';
import { SideConnections } from './connections';
import { Subject } from './subject';
import { ClusterPolicyStep, DecidingTier, SideOutcome, SideVerdict } from './verdict';

// The cluster's tiers around NetworkPolicy (docs/cluster-network-policy.md rule 1): Admin
// ClusterNetworkPolicies, then NetworkPolicy, then Baseline ones, then allow. NetworkPolicy's own
// verdict for a side (explain.ts, connections.ts) is one step of the chain; this file walks it.

/** The cluster policies of each tier, in evaluation order. */
export interface ClusterTiers {
  readonly admin: CnpSpec[];
  readonly baseline: CnpSpec[];
}

/** The tiers of `policies`; undefined when there are none (NetworkPolicy alone decides). */
export function tiersOf(policies: CnpSpec[]): ClusterTiers | undefined {
  if (policies.length === 0) return undefined;
  return { admin: tierOrder(policies, CnpTier.ADMIN), baseline: tierOrder(policies, CnpTier.BASELINE) };
}

function decision(steps: TierStep[], npIsolates: boolean): { tier: DecidingTier; step?: TierStep } {
  const admin = steps.find((s) => s.tier === CnpTier.ADMIN && s.action !== CnpAction.PASS);
  if (admin) return { tier: DecidingTier.ADMIN, step: admin };
  if (npIsolates) return { tier: DecidingTier.NETWORK_POLICY };
  const baseline = steps.find((s) => s.tier === CnpTier.BASELINE && s.action !== CnpAction.PASS);
  return baseline ? { tier: DecidingTier.BASELINE, step: baseline } : { tier: DecidingTier.NETWORK_POLICY };
}

function toStep(s: TierStep): ClusterPolicyStep {
  return { policy: s.policy, tier: s.tier, action: s.action, ruleIndex: s.ruleIndex, field: s.field, ...(s.ruleName ? { ruleName: s.ruleName } : {}) };
}

/**
 * One side of one connection (one port) through the tiers. CNP rule 5: only pod-network pods are
 * subjects, so external addresses and hostNetwork pods keep NetworkPolicy's answer (all allowed).
 */
export function tieredPortSide(
  side: SideVerdict, tiers: ClusterTiers | undefined, subject: Subject, remote: Subject, destination: Subject, port: number, protocol: Protocol,
): SideVerdict {
  if (!tiers || !subject.isPod || subject.hostNetwork || side.outcome === SideOutcome.FROM_OWN_NODE) return side;
  const one = ConnectionSet.port(protocol, port);
  const npIsolates = side.outcome !== SideOutcome.NOT_ISOLATED;
  const t = tieredSide(tiers.admin, tiers.baseline, side.direction, subject, remote, destination, npIsolates ? (side.allowed ? one : ConnectionSet.none()) : undefined);
  // The tiers are walked over every connection at once; this connection is one port of them.
  const steps = [...t.admin.steps, ...(t.baseline?.steps ?? [])].filter((s) => s.connections.allows(port, protocol));
  const { tier, step } = decision(steps, npIsolates);
  const allowed = t.allowed.allows(port, protocol);
  const outcome = step ? (step.action === CnpAction.ACCEPT ? SideOutcome.CLUSTER_POLICY_ACCEPTED : SideOutcome.CLUSTER_POLICY_DENIED) : side.outcome;
  return { ...side, allowed, outcome, decidedBy: tier, clusterPolicySteps: steps.map(toStep) };
}

/** One side's whole connection set through the tiers. */
export function tieredSetSide(
  side: SideConnections, tiers: ClusterTiers | undefined, subject: Subject, remote: Subject, destination: Subject,
): SideConnections {
  if (!tiers || !subject.isPod || subject.hostNetwork || side.outcome === SideOutcome.FROM_OWN_NODE) return side;
  const npIsolates = side.outcome !== SideOutcome.NOT_ISOLATED;
  const t = tieredSide(tiers.admin, tiers.baseline, side.direction, subject, remote, destination, npIsolates ? side.connections : undefined);
  return { ...side, connections: t.allowed, clusterPolicySteps: [...t.admin.steps, ...(t.baseline?.steps ?? [])] };
}

/** The connection set a side allows through the tiers, given NetworkPolicy's (undefined: not isolated). */
export function tieredSet(
  tiers: ClusterTiers, direction: PolicyType, subject: Subject, remote: Subject, destination: Subject, networkPolicy: ConnectionSet | undefined,
): ConnectionSet {
  if (!subject.isPod || subject.hostNetwork) return networkPolicy ?? ConnectionSet.all();
  return tieredSide(tiers.admin, tiers.baseline, direction, subject, remote, destination, networkPolicy).allowed;
}

/**
 * What a peer cannot tell about `to`, or undefined when it can. CNP rule 8: `nodes` and
 * `domainNames` name node addresses and DNS answers, which the input does not hold; they could
 * name an address outside the pod network or a hostNetwork pod (a pod-network pod's address is
 * neither a node's nor, in practice, a DNS answer). A `networks` peer cannot be matched against a
 * pod whose IP is not known (an assumed pod, a workload without status).
 */
export function unknownMatch(peer: CnpPeer, to: Subject): string | undefined {
  const podNetwork = to.isPod && !to.hostNetwork;
  if (peer.kind === 'nodes' && !podNetwork) return 'a nodes peer (node addresses are not in the input)';
  if (peer.kind === 'domainNames' && !podNetwork) return 'a domainNames peer (DNS answers are not known statically)';
  if (peer.kind === 'networks' && to.isPod && to.ips.length === 0) return `a networks peer (the IP of ${to.id} is not known)`;
  return undefined;
}

/**
 * The egress rules whose peers the analyzer could not match against `to` (unknownMatch) that the
 * connection reached (no earlier rule of their tier decided or passed it) and whose ports match.
 * The analyzer took them as not matching; each note says which rule would decide instead.
 */
export function unanalyzedPeerNotes(
  tiers: ClusterTiers | undefined, from: Subject, to: Subject, port: number, protocol: Protocol, npIsolatesEgress: boolean,
): string[] {
  if (!tiers || !from.isPod || from.hostNetwork) return [];
  const notes: string[] = [];
  const walk = (ordered: CnpSpec[]): CnpAction | undefined => {
    for (const policy of ordered) {
      if (!cnpSelects(policy, from)) continue;
      for (let i = 0; i < policy.egress.length; i++) {
        const rule = policy.egress[i];
        if (!cnpRuleConnections(rule, to).allows(port, protocol)) continue;
        const unknown = [...new Set(rule.peers.map((p) => unknownMatch(p, to)).filter((x): x is string => x !== undefined))];
        if (unknown.length > 0) {
          notes.push(`${policy.id} spec.egress[${i}]${rule.name ? ` "${rule.name}"` : ''} (${policy.tier} tier, ${rule.action}) has ${unknown.join(' and ')}: `
            + `the analyzer took it as not matching ${to.id}; if it does match, that rule decides this side instead`);
        }
        if (rule.peers.some((p) => cnpPeerMatches(p, to))) return rule.action;
      }
    }
    return undefined;
  };
  const admin = walk(tiers.admin);
  // CNP rule 1: Baseline is reached when Admin passed or did not match, and no NetworkPolicy isolates the side.
  if ((admin === undefined || admin === CnpAction.PASS) && !npIsolatesEgress) walk(tiers.baseline);
  return notes;
}
