import { Port, Protocol } from '../../model';
import { Schema, arrayOf, instanceOf, isString, oneOf, optional, required, struct } from '../../model/props-check';
import { PORTS } from '../prop-checks';
import { Capability } from '../targets';
import { ClusterPeer } from './peers';

/** Where a ClusterNetworkPolicy sits around NetworkPolicy (docs/cluster-network-policy.md rule 1). */
export enum ClusterPolicyTier {
  /** Evaluated before every NetworkPolicy: namespace owners cannot override it. */
  ADMIN = 'Admin',
  /** Evaluated only for traffic no NetworkPolicy decides: namespace owners override it. */
  BASELINE = 'Baseline',
}

/** What a matching rule does (docs/cluster-network-policy.md rule 4). */
export enum ClusterPolicyAction {
  /** Allowed, finally for this direction (the other end's policies still apply). */
  ACCEPT = 'Accept',
  /** Denied, finally. */
  DENY = 'Deny',
  /**
   * Skips the rest of the tier: from Admin to NetworkPolicy (then Baseline when no NetworkPolicy
   * selects the pod); from Baseline to the default, allow.
   */
  PASS = 'Pass',
}

/** One ingress or egress rule of a ClusterNetworkPolicy. */
export interface ClusterRule {
  /** What the rule does to the connections it matches. */
  readonly action: ClusterPolicyAction;
  /**
   * The other end: sources for ingress, destinations for egress (1..25, ORed). Ingress takes
   * pods and namespaces only; networks, nodes and domain names are egress peers.
   */
  readonly peers: ClusterPeer[];
  /**
   * Destination ports (1..25, ORed, ANDed with the peers). A range is written as a range (a
   * range of one port as that number); a whole protocol (`Port.allTcp()`) as the range 1-65535;
   * a named port as `destinationNamedPort`, which takes the protocol of the destination's
   * container port (so only `Port.named(name)`, TCP, is accepted).
   * @default - every protocol and port
   */
  readonly ports?: Port[];
  /**
   * The rule's name, for people and tools reading the policy (at most 100 characters).
   * @default - none
   */
  readonly name?: string;
}

/** ClusterRule as checked at run time. */
export const CLUSTER_RULE: Schema = {
  action: required(oneOf(Object.values(ClusterPolicyAction))),
  peers: required(arrayOf(instanceOf(ClusterPeer, 'a ClusterPeer (ClusterPeer.namespaces(...), ClusterPeer.networks(...))'), 'ClusterPeer'), 'from', 'to'),
  ports: optional(PORTS, 'protocols'),
  name: optional(isString),
};

/** A list of rules. */
export const CLUSTER_RULES = arrayOf(struct(CLUSTER_RULE), 'ClusterRule');

const FIELD: { [p: string]: string } = { [Protocol.TCP]: 'tcp', [Protocol.UDP]: 'udp', [Protocol.SCTP]: 'sctp' };

/**
 * One protocol entry (docs/cluster-network-policy.md rule 9). Throws for a named port of another
 * protocol than TCP: the CRD's named port carries no protocol, so it would match the container
 * port's, whatever it is (a silent widening).
 */
export function portJson(port: Port, field: string): { [key: string]: unknown } {
  if (port.name !== undefined) {
    if (port.protocol !== Protocol.TCP) {
      throw new Error(`${field}: Invalid value: "named ${port.name}/${port.protocol}": a ClusterNetworkPolicy named port takes the protocol of the destination's container port (write Port.named(${JSON.stringify(port.name)}))`);
    }
    return { destinationNamedPort: port.name };
  }
  const from = port.port ?? 1;
  const to = port.port === undefined ? 65535 : port.endPort ?? port.port;
  return { [FIELD[port.protocol]]: { destinationPort: from === to ? { number: from } : { range: { start: from, end: to } } } };
}

/** The rule as the CRD writes it (`from` for ingress, `to` for egress). */
export function ruleJson(rule: ClusterRule, direction: 'ingress' | 'egress', field: string): { [key: string]: unknown } {
  const out: { [key: string]: unknown } = {};
  if (rule.name !== undefined) out.name = rule.name;
  out.action = rule.action;
  out[direction === 'ingress' ? 'from' : 'to'] = rule.peers.map((p) => p._json);
  if (rule.ports !== undefined) out.protocols = rule.ports.map((p, i) => portJson(p, `${field}.ports[${i}]`));
  return out;
}

/** What the targets must express for a rule. */
export function ruleNeeds(rule: ClusterRule): Capability[] {
  return rule.peers.flatMap((p) => p._needs);
}

/**
 * What the experimental CRD says of domain-name peers that the reader does not check: each name
 * matches the CRD's pattern, 1..25 of them, and only in Accept rules (its field description:
 * deny by a later, broader egress rule instead).
 */
export function domainNameErrors(rule: ClusterRule, field: string): string[] {
  const errors: string[] = [];
  rule.peers.forEach((p, i) => {
    if (p._kind !== 'domainNames') return;
    const f = `${field}.to[${i}].domainNames`;
    if (rule.action !== ClusterPolicyAction.ACCEPT) {
      errors.push(`${f}: Invalid value: ${JSON.stringify(rule.action)}: domain names are only supported in Accept rules (accept the names, then deny the rest in a later rule)`);
    }
    // Their number (1..25) and form (the CRD's pattern) are readClusterPolicy's to say.
  });
  return errors;
}
