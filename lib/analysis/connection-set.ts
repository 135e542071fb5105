import { Protocol } from '../model';

// A set of (protocol, destination port) pairs, exact: per protocol a sorted list of disjoint,
// non-adjacent inclusive port intervals within 1..65535. NetworkPolicy speaks of TCP, UDP and SCTP
// only (docs/semantics.md rule 32), so "all connections" is all three protocols on every port.

/** The lowest and highest port numbers a NetworkPolicy can name. */
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** The protocols in the order sets are printed. */
const PROTOCOLS: Protocol[] = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

/** An inclusive range of destination ports. */
export interface PortRange {
  /** First port of the range. */
  readonly from: number;
  /** Last port of the range, inclusive. */
  readonly to: number;
}

type Intervals = ReadonlyArray<PortRange>;

const NONE: Intervals = Object.freeze([]);
const EVERY: Intervals = Object.freeze([Object.freeze({ from: MIN_PORT, to: MAX_PORT })]);

/**
 * The exact set of connections (protocol and destination port) one endpoint may open to another.
 * Immutable.
 */
export class ConnectionSet {
  private static readonly NO_CONNECTIONS = new ConnectionSet(NONE, NONE, NONE);
  private static readonly ALL_CONNECTIONS = new ConnectionSet(EVERY, EVERY, EVERY);

  /** No connection at all. */
  public static none(): ConnectionSet {
    return ConnectionSet.NO_CONNECTIONS;
  }

  /** Every port of TCP, UDP and SCTP. */
  public static all(): ConnectionSet {
    return ConnectionSet.ALL_CONNECTIONS;
  }

  /** Every port of one protocol. */
  public static allOf(protocol: Protocol): ConnectionSet {
    return ConnectionSet.range(protocol, MIN_PORT, MAX_PORT);
  }

  /** Ports `from`..`to` (inclusive) of one protocol; an empty set when `to < from`. */
  public static range(protocol: Protocol, from: number, to: number): ConnectionSet {
    const lo = Math.max(MIN_PORT, from);
    const hi = Math.min(MAX_PORT, to);
    const list: Intervals = hi < lo ? NONE : [{ from: lo, to: hi }];
    return ConnectionSet.of(protocol, list);
  }

  /** One port of one protocol. */
  public static port(protocol: Protocol, port: number): ConnectionSet {
    return ConnectionSet.range(protocol, port, port);
  }

  private static of(protocol: Protocol, list: Intervals): ConnectionSet {
    return new ConnectionSet(
      protocol === Protocol.TCP ? list : NONE,
      protocol === Protocol.UDP ? list : NONE,
      protocol === Protocol.SCTP ? list : NONE,
    );
  }

  private constructor(private readonly tcp: Intervals, private readonly udp: Intervals, private readonly sctp: Intervals) {}

  /** The port ranges of `protocol` in this set, sorted, disjoint and not adjacent. */
  public ranges(protocol: Protocol): PortRange[] {
    return [...this.list(protocol)];
  }

  /** True when the set holds no connection. */
  public isEmpty(): boolean {
    return this.tcp.length === 0 && this.udp.length === 0 && this.sctp.length === 0;
  }

  /** True when the set holds every port of every protocol. */
  public isAll(): boolean {
    return PROTOCOLS.every((p) => isEvery(this.list(p)));
  }

  /** Whether a connection to `port`/`protocol` is in the set. */
  public allows(port: number, protocol: Protocol): boolean {
    return this.list(protocol).some((r) => port >= r.from && port <= r.to);
  }

  /** Connections in this set or in `other`. */
  public union(other: ConnectionSet): ConnectionSet {
    if (this.isEmpty() || other.isAll()) return other;
    if (other.isEmpty() || this.isAll()) return this;
    return this.combine(other, union);
  }

  /** Connections in both sets. */
  public intersect(other: ConnectionSet): ConnectionSet {
    if (this.isEmpty() || other.isAll()) return this;
    if (other.isEmpty() || this.isAll()) return other;
    return this.combine(other, intersect);
  }

  /** Connections in this set and not in `other`. */
  public subtract(other: ConnectionSet): ConnectionSet {
    if (this.isEmpty() || other.isEmpty()) return this;
    if (other.isAll()) return ConnectionSet.NO_CONNECTIONS;
    return this.combine(other, (a, b) => intersect(a, complement(b)));
  }

  /** Whether both sets hold the same connections. */
  public sameAs(other: ConnectionSet): boolean {
    return PROTOCOLS.every((p) => sameIntervals(this.list(p), other.list(p)));
  }

  /** Number of (protocol, port) pairs in the set. */
  public size(): number {
    let n = 0;
    for (const p of PROTOCOLS) for (const r of this.list(p)) n += r.to - r.from + 1;
    return n;
  }

  /**
   * The set as people read it: `all connections`, `no connections`, `TCP 8080, UDP 53`,
   * `TCP 1-65535 except 22`, `all UDP`.
   */
  public toString(): string {
    if (this.isEmpty()) return 'no connections';
    if (this.isAll()) return 'all connections';
    const parts: string[] = [];
    for (const p of PROTOCOLS) {
      const list = this.list(p);
      if (list.length === 0) continue;
      parts.push(describe(p, list));
    }
    return parts.join(', ');
  }

  /** `{ TCP: ['8080', '9000-9100'], UDP: ['53'] }`: protocols with no port are left out. */
  public toJson(): { [protocol: string]: string[] } {
    const out: { [protocol: string]: string[] } = {};
    for (const p of PROTOCOLS) {
      const list = this.list(p);
      if (list.length > 0) out[p] = list.map(rangeText);
    }
    return out;
  }

  private list(protocol: Protocol): Intervals {
    switch (protocol) {
      case Protocol.TCP: return this.tcp;
      case Protocol.UDP: return this.udp;
      case Protocol.SCTP: return this.sctp;
      default: return NONE;
    }
  }

  private combine(other: ConnectionSet, op: (a: Intervals, b: Intervals) => Intervals): ConnectionSet {
    return new ConnectionSet(op(this.tcp, other.tcp), op(this.udp, other.udp), op(this.sctp, other.sctp));
  }
}

function rangeText(r: PortRange): string {
  return r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`;
}

/** `TCP 8080, 9000-9100`, `all TCP`, or, when the complement is shorter, `TCP 1-65535 except 22`. */
function describe(protocol: Protocol, list: Intervals): string {
  if (isEvery(list)) return `all ${protocol}`;
  const holes = complement(list);
  if (holes.length < list.length && list[0].from === MIN_PORT && list[list.length - 1].to === MAX_PORT) {
    return `${protocol} ${MIN_PORT}-${MAX_PORT} except ${holes.map(rangeText).join(', ')}`;
  }
  return `${protocol} ${list.map(rangeText).join(', ')}`;
}

function isEvery(list: Intervals): boolean {
  return list.length === 1 && list[0].from === MIN_PORT && list[0].to === MAX_PORT;
}

function sameIntervals(a: Intervals, b: Intervals): boolean {
  return a.length === b.length && a.every((r, i) => r.from === b[i].from && r.to === b[i].to);
}

function union(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const all = [...a, ...b].sort((x, y) => x.from - y.from);
  const out: PortRange[] = [];
  for (const r of all) {
    const last = out[out.length - 1];
    // Adjacent ranges (8080 and 8081-8090) merge too, so each set has one written form.
    if (last && r.from <= last.to + 1) {
      if (r.to > last.to) out[out.length - 1] = { from: last.from, to: r.to };
    } else out.push(r);
  }
  return out;
}

function intersect(a: Intervals, b: Intervals): Intervals {
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i].from, b[j].from);
    const to = Math.min(a[i].to, b[j].to);
    if (from <= to) out.push({ from, to });
    if (a[i].to < b[j].to) i++;
    else j++;
  }
  return out;
}

function complement(a: Intervals): Intervals {
  const out: PortRange[] = [];
  let next = MIN_PORT;
  for (const r of a) {
    if (r.from > next) out.push({ from: next, to: r.from - 1 });
    next = r.to + 1;
  }
  if (next <= MAX_PORT) out.push({ from: next, to: MAX_PORT });
  return out;
}
