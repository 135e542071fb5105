import { PolicyType, Protocol } from '../model';

/** How one side (the source's egress, or the destination's ingress) decided. */
export enum SideOutcome {
  /** No policy selects the endpoint for this direction: everything is allowed (rules 1, 2). */
  NOT_ISOLATED = 'NotIsolated',
  /** Isolated, and at least one rule of a selecting policy allows the connection (rule 9). */
  ALLOWED = 'Allowed',
  /** Isolated, and no rule of any selecting policy allows the connection. */
  DENIED = 'Denied',
  /** The endpoint is an address outside the pod network: it has no policies (rule 11). */
  EXTERNAL = 'External',
  /** The endpoint is a hostNetwork pod: node traffic, not governed by policies (rule 35). */
  HOST_NETWORK = 'HostNetwork',
  /**
   * The source is a hostNetwork pod on the destination pod's own node: traffic from a pod's node
   * is always allowed into it (rule 34).
   */
  FROM_OWN_NODE = 'FromOwnNode',
  /** An Accept rule of a ClusterNetworkPolicy (Admin or Baseline tier) allowed it. */
  CLUSTER_POLICY_ACCEPTED = 'ClusterPolicyAccepted',
  /** A Deny rule of a ClusterNetworkPolicy (Admin or Baseline tier) denied it. */
  CLUSTER_POLICY_DENIED = 'ClusterPolicyDenied',
}

/** The tier that made a side's decision (docs/cluster-network-policy.md rule 1). */
export enum DecidingTier {
  /** An Admin ClusterNetworkPolicy rule (Accept or Deny). */
  ADMIN = 'Admin',
  /** NetworkPolicy: a policy isolates the pod in this direction, or none does and no cluster policy decided. */
  NETWORK_POLICY = 'NetworkPolicy',
  /** A Baseline ClusterNetworkPolicy rule (Accept or Deny). */
  BASELINE = 'Baseline',
}

/** One ClusterNetworkPolicy rule met on the way: what it did to this connection. */
export interface ClusterPolicyStep {
  /** `ClusterNetworkPolicy/name` (or `AdminNetworkPolicy/name`, `BaselineAdminNetworkPolicy/default`). */
  readonly policy: string;
  /** `Admin` or `Baseline`. */
  readonly tier: string;
  /** `Accept`, `Deny` or `Pass`. */
  readonly action: string;
  /** Index in `spec.ingress` or `spec.egress`. */
  readonly ruleIndex: number;
  /** JSON path of the rule, e.g. `spec.egress[0]`. */
  readonly field: string;
  /**
   * The rule's `name`, when it has one.
   * @default - none
   */
  readonly ruleName?: string;
}

/** One rule that allowed a side of a connection. */
export interface RuleMatch {
  /** `namespace/name` of the policy. */
  readonly policy: string;
  readonly direction: PolicyType;
  /** Index in `spec.ingress` or `spec.egress`. */
  readonly ruleIndex: number;
  /**
   * Index of the matching entry in `from`/`to`.
   * @default - the rule has no peer list: every peer matches
   */
  readonly peerIndex?: number;
  /**
   * Index of the matching entry in `ports`.
   * @default - the rule has no port list: every port matches
   */
  readonly portIndex?: number;
  /** The matching peer in words, e.g. `pods app=web in namespace shop`, or `every peer`. */
  readonly peer: string;
  /** The matching port entry, e.g. `8080/TCP`, `http/TCP`, or `every port`. */
  readonly port: string;
  /** JSON path of the rule inside the policy, e.g. `spec.ingress[0].from[1]`. */
  readonly field: string;
}

/** The part of a rule that did not match. */
export enum MissedPart {
  /** A port entry matched, but no peer entry matched the other end. */
  PEERS = 'Peers',
  /** A peer entry matched the other end, but no port entry matched the destination port. */
  PORTS = 'Ports',
}

/** A rule of a selecting policy that matched half of the connection: worth reading when denied. */
export interface RuleMiss {
  /** `namespace/name` of the policy. */
  readonly policy: string;
  readonly direction: PolicyType;
  /** Index in `spec.ingress` or `spec.egress`. */
  readonly ruleIndex: number;
  /** JSON path of the rule, e.g. `spec.ingress[0]`. */
  readonly field: string;
  readonly missed: MissedPart;
  /** What the missed part lists, e.g. `8080/TCP, http/TCP` or `pods app=web in the policy's namespace`. */
  readonly expected: string;
}

/** The decision of one side of a connection, with the policies and rules behind it. */
export interface SideVerdict {
  /** EGRESS: the source's policies decide. INGRESS: the destination's policies decide. */
  readonly direction: PolicyType;
  /** The endpoint whose policies were consulted (`namespace/name` or `ip:...`). */
  readonly endpoint: string;
  readonly outcome: SideOutcome;
  readonly allowed: boolean;
  /** `namespace/name` of every policy selecting the endpoint for this direction. */
  readonly policies: string[];
  /** Every rule that allowed the connection (first matching peer and port of each). */
  readonly allowedBy: RuleMatch[];
  /** Rules of the selecting policies that matched the peer but not the port, or the port but not the peer. */
  readonly nearMisses: RuleMiss[];
  /**
   * The tier that decided, when the cluster has ClusterNetworkPolicies.
   * @default - NetworkPolicy alone decided (no cluster policies)
   */
  readonly decidedBy?: DecidingTier;
  /**
   * The cluster policy rules that matched this connection, in evaluation order (a Pass, then
   * the rule that decided).
   * @default - none
   */
  readonly clusterPolicySteps?: ClusterPolicyStep[];
}

/** The analyzer's answer for one connection, with the explanation as data. */
export interface Verdict {
  /** The source, `namespace/name` or `ip:...`. */
  readonly from: string;
  /** The destination. */
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  /**
   * `namespace/name` of the Service when the connection was made to its ClusterIP: `to` is then
   * the backend pod or workload and `port` its targetPort (rule 36).
   * @default - not through a Service
   */
  readonly service?: string;
  /** Whether the connection is allowed: both sides must allow it (rule 10). */
  readonly allowed: boolean;
  /** The source's side. */
  readonly egress: SideVerdict;
  /** The destination's side. */
  readonly ingress: SideVerdict;
  /**
   * True for a pod's traffic to itself, always allowed (rule 33), whatever the sides say; false
   * when it goes through a Service IP and a cluster policy denies it (docs/cluster-network-policy.md rule 10).
   */
  readonly loopback: boolean;
  /** Caveats worth reading: hostNetwork endpoints, endpoints without IPs next to ipBlocks, loopback. */
  readonly notes: string[];
}
