import { CnpSpec } from '../dialects/cluster-network-policy/model';
import { PolicySpec } from '../model';
import { AddressRange, addressRanges, blockBoundaries } from './address-ranges';
import { ClassConnections, endpointConnections } from './connection-matrix';
import { ConnectionSet } from './connection-set';
import { Endpoint } from './endpoint';
import { Subject, externalSubject } from './subject';

/** One ordered pair of endpoints and everything the first may open to the second. */
export interface ConnectionEntry {
  /** `namespace/name`, or `ip:<range>` for addresses outside the cluster. */
  readonly from: string;
  readonly to: string;
  readonly connections: ConnectionSet;
}

/**
 * Exact connection sets for every ordered pair of endpoints: pods and workloads, and the ranges of
 * outside addresses that the policies distinguish (`ip:10.0.0.0/8`, `ip:0.0.0.0-9.255.255.255`),
 * which together cover every IPv4 and IPv6 address.
 */
export class ConnectionMatrix {
  /** @internal */
  public static _compute(pods: Subject[], policies: PolicySpec[], extraBoundaries: string[] = [], clusterPolicies: CnpSpec[] = []): ConnectionMatrix {
    const ranges = addressRanges([...blockBoundaries(policies, clusterPolicies), ...extraBoundaries]);
    const outside = ranges.map((r) => Object.assign(externalSubject(r.first), { id: `ip:${r.text}` }));
    return new ConnectionMatrix([...pods, ...outside], policies, ranges, clusterPolicies);
  }

  /** Endpoint names in order: pods and workloads, then address ranges. */
  public readonly endpoints: string[];
  /** How many equivalence classes the endpoints fell into (the cost driver). */
  public readonly classCount: number;
  /** @internal */
  public readonly _ranges: AddressRange[];

  private readonly subjects: Subject[];
  private readonly computed: ClassConnections;
  private readonly index = new Map<string, number>();

  private constructor(subjects: Subject[], policies: PolicySpec[], ranges: AddressRange[], clusterPolicies: CnpSpec[]) {
    this.subjects = subjects;
    this.endpoints = subjects.map((s) => s.id);
    this.computed = new ClassConnections(subjects, policies, clusterPolicies);
    this.classCount = this.computed.classes.reps.length;
    this._ranges = ranges;
    this.endpoints.forEach((n, i) => { if (!this.index.has(n)) this.index.set(n, i); });
  }

  /**
   * What `from` may open to `to`. An address endpoint may be given as any address of a range
   * (`203.0.113.7`) or as the range's name (`ip:0.0.0.0-9.255.255.255`).
   */
  public between(from: string, to: string): ConnectionSet {
    return endpointConnections(this.computed, this.subjects, this._indexOf(from), this._indexOf(to));
  }

  /**
   * Every ordered pair of distinct endpoints with at least one end in the cluster, in endpoint
   * order (between two outside addresses no NetworkPolicy applies).
   */
  public entries(): ConnectionEntry[] {
    const out: ConnectionEntry[] = [];
    this._forEachPair((from, to, connections) => out.push({ from, to, connections }));
    return out;
  }

  /**
   * Calls `visit` for every pair `entries()` lists, in the same order, without
   * building the list (for output streamed pair by pair).
   * @internal
   */
  public _forEachPair(visit: (from: string, to: string, connections: ConnectionSet) => void): void {
    const n = this.subjects.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i !== j && (this.subjects[i].isPod || this.subjects[j].isPod)) visit(this.endpoints[i], this.endpoints[j], endpointConnections(this.computed, this.subjects, i, j));
      }
    }
  }

  /**
   * The index of an endpoint given in any accepted form (a name, an address of a range).
   * @internal
   */
  public _indexOf(name: string): number {
    const direct = this.index.get(name) ?? this.index.get(`ip:${name}`);
    if (direct !== undefined) return direct;
    const endpoint = Endpoint.parse(name);
    const byId = this.index.get(endpoint.id);
    if (byId !== undefined) return byId;
    if (endpoint.address !== undefined) {
      // A pod's own address is that pod (as in Analyzer.check); any other address is in one range.
      const owners = this.subjects.flatMap((s, j) => (s.isPod && !s.hostNetwork && s.ips.some((ip) => ip.toString() === endpoint.address) ? [j] : []));
      if (owners.length === 1) return owners[0];
      const r = this._ranges.findIndex((range) => inRange(endpoint.address!, range));
      if (r >= 0) return this.subjects.length - this._ranges.length + r;
    }
    throw new Error(`${JSON.stringify(name)} is not an endpoint of this matrix (endpoints: ${this.endpoints.slice(0, 10).join(', ')}${this.endpoints.length > 10 ? ', ...' : ''})`);
  }
}

function inRange(address: string, range: AddressRange): boolean {
  const a = externalSubject(address).ips[0];
  const first = externalSubject(range.first).ips[0];
  const last = externalSubject(range.last).ips[0];
  if (a.kind() !== range.family) return false;
  const bytes = a.toByteArray();
  return compareBytes(bytes, first.toByteArray()) >= 0 && compareBytes(bytes, last.toByteArray()) <= 0;
}

function compareBytes(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
