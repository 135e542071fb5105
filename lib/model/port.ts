import { Issue, Severity } from './issue';
import { portNameErrors, portNumberErrors } from './validation';
import { throwIfErrors } from './validation-error';
import { checkedOnce } from './checked-once';
import { quote } from './validation/quote';
import { Check, checkArg, isString, propIssue } from './props-check';

/** A number (its range is the API server's to judge, V-12); a quoted number is refused. */
const NUMBER: Check = (v, path, out) => {
  if (typeof v !== 'number') {
    out.push(propIssue(path, `Invalid value: ${quote(v)}: must be a number`, typeof v === 'string' && /^\d+$/.test(v) ? `write the number unquoted: ${v}` : undefined));
  }
};

/** The three protocols NetworkPolicy is defined for (docs/semantics.md rule 32). */
export enum Protocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/** The protocols a port may name. */
const PROTOCOLS: string[] = Object.values(Protocol);

/** Valid single ports by `protocol/number` (at most 3 x 65,535). */
const NUMBERED = new Map<string, Port>();

/** JSON form of a NetworkPolicyPort. */
export interface PortJson {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}

/**
 * A destination port (or range, or named port, or every port) of one protocol.
 *
 * Ports are always destination ports: for ingress the selected pod's, for egress the remote
 * end's (rule 28). A named port is resolved on the destination pod, per pod (rule 30). "Every port
 * of a protocol" is written by omitting `port`, never as `port: 0` (V-12).
 */
export class Port {
  /** DNS over UDP (53). */
  public static readonly DNS_UDP = Port.udp(53);
  /** DNS over TCP (53): needed for answers larger than 512 bytes. */
  public static readonly DNS_TCP = Port.tcp(53);
  public static readonly HTTP = Port.tcp(80);
  public static readonly HTTPS = Port.tcp(443);
  public static readonly SSH = Port.tcp(22);
  public static readonly POSTGRES = Port.tcp(5432);
  public static readonly MYSQL = Port.tcp(3306);
  public static readonly REDIS = Port.tcp(6379);
  public static readonly MONGODB = Port.tcp(27017);
  public static readonly KAFKA = Port.tcp(9092);
  public static readonly ELASTICSEARCH = Port.tcp(9200);
  public static readonly MEMCACHED = Port.tcp(11211);
  public static readonly AMQP = Port.tcp(5672);
  public static readonly GRPC = Port.tcp(50051);
  /** Prometheus' usual metrics port (9090). */
  public static readonly PROMETHEUS = Port.tcp(9090);

  /** One TCP port. */
  public static tcp(port: number): Port {
    checkArg('Port.tcp', 'port', NUMBER, port);
    return Port.number(Protocol.TCP, port);
  }
  /** One UDP port. */
  public static udp(port: number): Port {
    checkArg('Port.udp', 'port', NUMBER, port);
    return Port.number(Protocol.UDP, port);
  }
  /** One SCTP port. */
  public static sctp(port: number): Port {
    checkArg('Port.sctp', 'port', NUMBER, port);
    return Port.number(Protocol.SCTP, port);
  }
  /** TCP ports `from` to `to` inclusive (endPort). */
  public static tcpRange(from: number, to: number): Port {
    checkArg('Port.tcpRange', 'from', NUMBER, from);
    checkArg('Port.tcpRange', 'to', NUMBER, to);
    return Port.range(Protocol.TCP, from, to);
  }
  /** UDP ports `from` to `to` inclusive (endPort). */
  public static udpRange(from: number, to: number): Port {
    checkArg('Port.udpRange', 'from', NUMBER, from);
    checkArg('Port.udpRange', 'to', NUMBER, to);
    return Port.range(Protocol.UDP, from, to);
  }
  /** SCTP ports `from` to `to` inclusive (endPort). */
  public static sctpRange(from: number, to: number): Port {
    checkArg('Port.sctpRange', 'from', NUMBER, from);
    checkArg('Port.sctpRange', 'to', NUMBER, to);
    return Port.range(Protocol.SCTP, from, to);
  }
  /** Every TCP port (renders as `protocol: TCP` with no `port`). */
  public static allTcp(): Port {
    return new Port(Protocol.TCP);
  }
  /** Every UDP port. */
  public static allUdp(): Port {
    return new Port(Protocol.UDP);
  }
  /** Every SCTP port. */
  public static allSctp(): Port {
    return new Port(Protocol.SCTP);
  }
  /** Every port of `protocol`. */
  public static all(protocol: Protocol): Port {
    checkArg('Port.all', 'protocol', isString, protocol);
    return Port.checked(new Port(protocol));
  }

  /**
   * One port number of a protocol. Ports are values: the same protocol and number give the same
   * (frozen) object, checked once however many policies name it.
   */
  public static number(protocol: Protocol, port: number): Port {
    checkArg('Port.number', 'protocol', isString, protocol);
    checkArg('Port.number', 'port', NUMBER, port);
    const key = `${protocol}/${port}`;
    let shared = NUMBERED.get(key);
    if (shared === undefined) {
      shared = Object.freeze(Port.checked(new Port(protocol, port))) as Port;
      NUMBERED.set(key, shared);
    }
    return shared;
  }

  /** A range of ports `from`..`to` inclusive; `to` must be >= `from`. */
  public static range(protocol: Protocol, from: number, to: number): Port {
    checkArg('Port.range', 'protocol', isString, protocol);
    checkArg('Port.range', 'from', NUMBER, from);
    checkArg('Port.range', 'to', NUMBER, to);
    return Port.checked(new Port(protocol, from, to));
  }

  /**
   * A named container port, resolved on each destination pod: it matches a pod only if that pod
   * declares a container port with this name and this protocol.
   * @param protocol @default Protocol.TCP
   */
  public static named(name: string, protocol?: Protocol): Port {
    checkArg('Port.named', 'name', isString, name);
    if (protocol !== undefined) checkArg('Port.named', 'protocol', isString, protocol);
    return Port.checked(new Port(protocol ?? Protocol.TCP, undefined, undefined, name));
  }

  /**
   * Builds a port from JSON without throwing; `protocol` defaults to TCP (rule 26).
   * @internal
   */
  public static _fromJson(json: PortJson): Port {
    const protocol = (json.protocol ?? Protocol.TCP) as Protocol;
    if (typeof json.port === 'string') return new Port(protocol, undefined, json.endPort, json.port);
    return new Port(protocol, json.port, json.endPort);
  }

  private static checked(port: Port): Port {
    // Field paths relative to the port itself: `port: Invalid value: 0: ...`.
    throwIfErrors(port.validate(''));
    return port;
  }

  /** The protocol (TCP, UDP or SCTP). */
  public readonly protocol: Protocol;
  /** The port number, or the first of a range. Undefined for named ports and "all ports". */
  public readonly port?: number;
  /** The last port of a range, inclusive. */
  public readonly endPort?: number;
  /** The container port name, for named ports. */
  public readonly name?: string;

  private constructor(protocol: Protocol, port?: number, endPort?: number, name?: string) {
    this.protocol = protocol;
    this.port = port;
    this.endPort = endPort;
    this.name = name;
  }

  /** True when this port matches every port number of its protocol. */
  public isAllPorts(): boolean {
    return this.port === undefined && this.name === undefined;
  }

  /**
   * Whether a connection to `port`/`protocol` on a destination declaring `containerPorts` matches.
   * Named ports match only a destination pod that declares the name with the same protocol
   * (rules 30, 31); a destination without container ports (an external IP) never matches them.
   */
  public matches(port: number, protocol: Protocol, containerPorts?: ContainerPortInfo[]): boolean {
    if (protocol !== this.protocol) return false;
    if (this.name !== undefined) {
      const declared = (containerPorts ?? []).find((c) => c.name === this.name);
      return declared !== undefined && (declared.protocol ?? Protocol.TCP) === this.protocol && declared.port === port;
    }
    if (this.port === undefined) return true;
    return port >= this.port && port <= (this.endPort ?? this.port);
  }

  /** `protocol` first, then `port`, then `endPort`: the order kubectl prints. */
  public toJson(): PortJson {
    const out: { protocol: string; port?: number | string; endPort?: number } = { protocol: this.protocol };
    if (this.name !== undefined) out.port = this.name;
    else if (this.port !== undefined) out.port = this.port;
    if (this.endPort !== undefined) out.endPort = this.endPort;
    return out;
  }

  /** `8080/TCP`, `9090-9100/TCP`, `http/TCP`, `all/UDP`. */
  public toString(): string {
    const p = this.name ?? (this.port === undefined ? 'all' : this.endPort !== undefined ? `${this.port}-${this.endPort}` : `${this.port}`);
    return `${p}/${this.protocol}`;
  }

  /** API-server validation (V-11..V-17) with paths under `field` (`''` for paths relative to the port). */
  public validate(field: string): Issue[] {
    return checkedOnce(this, () => this.findIssues(field));
  }

  private findIssues(field: string): Issue[] {
    const issues: Issue[] = [];
    const err = (code: string, key: string, message: string, hint?: string) => {
      const f = field ? `${field}.${key}` : key;
      issues.push(hint === undefined ? { code, severity: Severity.ERROR, field: f, message } : { code, severity: Severity.ERROR, field: f, message, hint });
    };
    if (!PROTOCOLS.includes(this.protocol)) {
      const fix = PROTOCOLS.find((p) => p === String(this.protocol).toUpperCase());
      err('V-11', 'protocol', `Unsupported value: ${quote(this.protocol)}: supported values: "TCP", "UDP", "SCTP"`, fix ? `did you mean "${fix}"?` : undefined);
    }
    if (this.name !== undefined) {
      const lower = this.name.toLowerCase();
      const hint = /^\d+$/.test(this.name)
        ? `a quoted number is a port name; write the number unquoted: ${this.name}`
        : lower !== this.name && portNameErrors(lower).length === 0 ? `did you mean "${lower}"?` : undefined;
      for (const m of portNameErrors(this.name)) err('V-13', 'port', `Invalid value: ${quote(this.name)}: ${m}`, hint);
      if (this.endPort !== undefined) err('V-15', 'endPort', `Invalid value: ${this.endPort}: may not be specified when \`port\` is non-numeric`);
      return issues;
    }
    if (this.port === undefined) {
      if (this.endPort !== undefined) err('V-14', 'endPort', `Invalid value: ${this.endPort}: may not be specified when \`port\` is not specified`);
      return issues;
    }
    for (const m of portNumberErrors(this.port)) {
      err('V-12', 'port', `Invalid value: ${this.port}: ${m}`, this.port === 0 ? 'for every port of a protocol omit `port` (Port.allTcp())' : undefined);
    }
    if (this.endPort !== undefined) {
      if (this.endPort < this.port) {
        err('V-16', 'endPort', `Invalid value: ${this.endPort}: must be greater than or equal to \`port\``, `did you mean port ${this.endPort}, endPort ${this.port}?`);
      }
      for (const m of portNumberErrors(this.endPort)) err('V-17', 'endPort', `Invalid value: ${this.endPort}: ${m}`);
    }
    return issues;
  }
}

/** A container port a pod declares (for named-port resolution). */
export interface ContainerPortInfo {
  /** @default - unnamed */
  readonly name?: string;
  readonly port: number;
  /** @default Protocol.TCP */
  readonly protocol?: Protocol;
}
