import { isKnownValid } from './checked-once';
import { Issue } from './issue';
import { Peer, PeerJson } from './peer';
import { Port, PortJson } from './port';
import { arrayOf, checkFactoryProps, instanceOf, optional } from './props-check';

/** RuleProps as checked at run time; `from`/`to` (the Kubernetes JSON names) point to `peers`. */
const RULE_PROPS = {
  peers: optional(arrayOf(instanceOf(Peer, 'a Peer (Peer.pods(...), Peer.namespace(...), Peer.ipBlock(...))'), 'Peer'), 'from', 'to', 'peer'),
  ports: optional(arrayOf(instanceOf(Port, 'a Port (Port.tcp(...), Port.named(...))'), 'Port'), 'port'),
};

/** Props of a Rule. */
export interface RuleProps {
  /**
   * The other ends of the connection, ORed: each peer is one `from`/`to` entry.
   * @default - every source or destination: all pods of all namespaces and every IP (rule 13)
   */
  readonly peers?: Peer[];
  /**
   * Destination ports, ORed.
   * @default - every port of every protocol (rule 14)
   */
  readonly ports?: Port[];
}

/** JSON form of a NetworkPolicyIngressRule / EgressRule (`from` or `to` by direction). */
export interface RuleJson {
  readonly from?: PeerJson[];
  readonly to?: PeerJson[];
  readonly ports?: PortJson[];
}

/**
 * One ingress or egress rule: traffic matches when it matches one of the peers AND one of the
 * ports (rule 12). Leaving peers out means every peer; leaving ports out means every port.
 * Empty lists are rejected because an empty list silently means "everything".
 */
export class Rule {
  /** A rule allowing the given peers on the given ports. */
  public static allow(props: RuleProps): Rule {
    checkFactoryProps('Rule.allow', RULE_PROPS, props);
    if (props.peers !== undefined && props.peers.length === 0) {
      throw new Error('Rule: `peers: []` would allow every source and destination; omit `peers` if that is meant, or list the peers');
    }
    if (props.ports !== undefined && props.ports.length === 0) {
      throw new Error('Rule: `ports: []` would allow every port; omit `ports` if that is meant, or list the ports');
    }
    return new Rule(props.peers ?? [], props.ports ?? []);
  }

  /** A rule allowing every peer on every port (`{}`). */
  public static allowAll(): Rule {
    return new Rule([], []);
  }

  /**
   * Builds a rule without checks; empty lists mean "every".
   * @internal
   */
  public static _of(peers: Peer[], ports: Port[]): Rule {
    return new Rule(peers, ports);
  }

  /** The peers, ORed; empty means every peer. */
  public readonly peers: Peer[];
  /** The ports, ORed; empty means every port. */
  public readonly ports: Port[];

  private constructor(peers: Peer[], ports: Port[]) {
    this.peers = Object.freeze([...peers]) as Peer[];
    this.ports = Object.freeze([...ports]) as Port[];
  }

  /** True when the rule does not restrict peers. */
  public get anyPeer(): boolean {
    return this.peers.length === 0;
  }

  /** True when the rule does not restrict ports. */
  public get anyPort(): boolean {
    return this.ports.length === 0;
  }

  /** JSON with the peer list under `from` (ingress) or `to` (egress); empty lists omitted. */
  public toJson(peerKey: string): RuleJson {
    const out: { [key: string]: unknown } = {};
    if (this.peers.length > 0) out[peerKey] = this.peers.map((p) => p.toJson());
    if (this.ports.length > 0) out.ports = this.ports.map((p) => p.toJson());
    return out as RuleJson;
  }

  /** Validation of every peer and port with paths under `field` (`spec.ingress[0]`). */
  public validate(field: string, peerKey: string, strictCidr?: boolean): Issue[] {
    // Field paths are spelled out only for values not already known to be valid.
    const issues: Issue[] = [];
    for (let j = 0; j < this.peers.length; j++) {
      const p = this.peers[j];
      if (!isKnownValid(p)) issues.push(...p.validate(`${field}.${peerKey}[${j}]`, strictCidr));
    }
    for (let k = 0; k < this.ports.length; k++) {
      const p = this.ports[k];
      if (!isKnownValid(p)) issues.push(...p.validate(`${field}.ports[${k}]`));
    }
    return issues;
  }

  /**
   * Whether every peer and port was already found valid, so validating the rule would find
   * nothing (peers and ports are usually shared, or checked when made).
   * @internal
   */
  public _knownValid(): boolean {
    for (const p of this.peers) if (!isKnownValid(p)) return false;
    for (const p of this.ports) if (!isKnownValid(p)) return false;
    return true;
  }
}
