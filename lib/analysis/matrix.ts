import { Protocol } from '../model';
import { forEachBit, hasBit } from './bitset';
import { Endpoint } from './endpoint';
import { isLoopback } from './explain';
import { fromOwnNode } from './semantics';
import { ComputedMatrix, computeMatrix } from './matrix-compute';
import { CountMasks, countAllowedOnPort } from './matrix-count';
import { Subject } from './subject';
import { PolicySpec } from '../model';
import { CnpSpec } from '../dialects/cluster-network-policy/model';
import { ClassConnections } from './connection-matrix';

/** A destination port and protocol of a connection. */
export interface FlowPort {
  readonly port: number;
  /** @default Protocol.TCP */
  readonly protocol?: Protocol;
}

/** One cell of a matrix. */
export interface MatrixEntry {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly allowed: boolean;
}

/**
 * Who can reach whom: every ordered pair of endpoints over a set of ports, computed once per
 * equivalence class of endpoints. A pod's traffic to itself counts as allowed (rule 33).
 */
export class Matrix {
  /** @internal */
  public static _compute(names: string[], subjects: Subject[], policies: PolicySpec[], ports: FlowPort[], clusterPolicies: CnpSpec[] = []): Matrix {
    const normalised = ports.map((p) => ({ port: checkPort(p.port), protocol: checkProtocol(p.protocol) }));
    // With ClusterNetworkPolicies, first-match tiers decide around NetworkPolicy: the matrix reads
    // the exact connection sets (connection-matrix.ts) instead of NetworkPolicy's bitsets.
    const tiered = clusterPolicies.length > 0 ? new ClassConnections(subjects, policies, clusterPolicies) : undefined;
    return new Matrix(names, subjects, normalised, computeMatrix(subjects, policies, normalised), tiered);
  }

  /** Endpoint names in order: `namespace/name` for pods and workloads, `ip:<address>` for externals. */
  public readonly endpoints: string[];
  /** The ports the matrix covers, protocol filled in. */
  public readonly ports: FlowPort[];
  /** How many equivalence classes the endpoints fell into (the cost driver). */
  public readonly classCount: number;

  private readonly index = new Map<string, number>();
  private readonly subjects: Subject[];
  private readonly computed: ComputedMatrix;
  private readonly tiered?: ClassConnections;
  private special?: Uint8Array;
  private members?: number[][];
  private specials?: number[];

  private constructor(names: string[], subjects: Subject[], ports: Array<{ port: number; protocol: Protocol }>, computed: ComputedMatrix, tiered?: ClassConnections) {
    this.endpoints = [...names];
    this.ports = ports;
    this.subjects = subjects;
    this.computed = computed;
    this.tiered = tiered;
    this.classCount = (tiered?.classes ?? computed.classes).reps.length;
    names.forEach((n, i) => { if (!this.index.has(n)) this.index.set(n, i); });
  }

  /** Whether `from` may open a connection to `to` on `port`/`protocol` (one of `ports`). */
  public isAllowed(from: string, to: string, port: number, protocol?: Protocol): boolean {
    return this.allowedAt(this.indexOf(from), this.indexOf(to), this.portIndex(port, protocol));
  }

  /** Every other endpoint `from` may reach on `port`/`protocol`, in endpoint order. */
  public destinationsOf(from: string, port: number, protocol?: Protocol): string[] {
    const i = this.indexOf(from);
    const q = this.portIndex(port, protocol);
    const byClass = this.classRow(i, q, 'from');
    if (!byClass) return this.endpoints.filter((_, j) => j !== i && this.allowedAt(i, j, q));
    const { classOf } = this.computed.classes;
    const special = this.mayBeExempt();
    return this.endpoints.filter((_, j) => j !== i && (byClass[classOf[j]] === 1 || (special[i] === 1 && this.exempt(i, j))));
  }

  /** Every other endpoint that may reach `to` on `port`/`protocol`, in endpoint order. */
  public sourcesOf(to: string, port: number, protocol?: Protocol): string[] {
    return this._sourceIndices(to, port, protocol).map((i) => this.endpoints[i]);
  }

  /**
   * `sourcesOf` as indices into `endpoints`, ascending. Without tiers only the classes allowed in
   * are expanded to their members (an ingress-isolated destination's allowed classes are its
   * ingress bits), so the cost follows the sources found rather than every endpoint.
   * @internal
   */
  public _sourceIndices(to: string, port: number, protocol?: Protocol): number[] {
    const j = this.indexOf(to);
    const q = this.portIndex(port, protocol);
    if (this.tiered) return this.endpoints.flatMap((_, i) => (i !== j && this.allowedAt(i, j, q) ? [i] : []));
    const m = this.computed;
    const { classOf, sizes } = m.classes;
    const own = classOf[j];
    const members = this.classMembers();
    const out: number[] = [];
    const take = (c: number) => {
      if (!this.classAllowed(c, own, q)) return;
      for (const i of members[c]) if (i !== j) out.push(i);
    };
    if (m.ingressIsolated[own]) forEachBit(m.ingress[q][own]!, take);
    else for (let c = 0; c < sizes.length; c++) take(c);
    // Rules 33 and 34: sources the classes deny but the pair allows (see allowedAt).
    const special = this.mayBeExempt();
    for (const i of this.specialIndices(special)) {
      if (i !== j && !this.classAllowed(classOf[i], own, q) && this.exempt(i, j)) out.push(i);
    }
    return out.sort((a, b) => a - b);
  }

  /** Per class, its endpoints' indices, ascending. Computed once. */
  private classMembers(): number[][] {
    if (this.members) return this.members;
    const { classOf, sizes } = this.computed.classes;
    const members: number[][] = sizes.map(() => []);
    for (let i = 0; i < this.endpoints.length; i++) members[classOf[i]].push(i);
    return (this.members = members);
  }

  /** The indices `mayBeExempt` marks. Computed once. */
  private specialIndices(special: Uint8Array): number[] {
    if (this.specials) return this.specials;
    const out: number[] = [];
    special.forEach((x, i) => { if (x === 1) out.push(i); });
    return (this.specials = out);
  }

  /**
   * Per class, 1 when the class may reach endpoint `e`'s class (`to`), or be reached from it
   * (`from`), on port `q`: one row of the class matrix, so that listing sources or destinations
   * costs classes plus endpoints rather than endpoints times a lookup. Undefined with tiers.
   */
  private classRow(e: number, q: number, side: 'from' | 'to'): Uint8Array | undefined {
    if (this.tiered) return undefined;
    const { classOf, sizes } = this.computed.classes;
    const own = classOf[e];
    const row = new Uint8Array(sizes.length);
    for (let c = 0; c < row.length; c++) row[c] = (side === 'to' ? this.classAllowed(c, own, q) : this.classAllowed(own, c, q)) ? 1 : 0;
    return row;
  }

  /**
   * 1 for the sources `exempt` can hold for: a hostNetwork pod with a known node (rule 34), or
   * one whose name another endpoint shares (rule 33 between distinct endpoints). Computed once.
   */
  private mayBeExempt(): Uint8Array {
    if (this.special) return this.special;
    const special = new Uint8Array(this.subjects.length);
    const seen = new Map<string, number>();
    this.subjects.forEach((s, i) => {
      if (s.hostNetwork && s.nodeName !== undefined) special[i] = 1;
      const first = seen.get(s.id);
      if (first === undefined) seen.set(s.id, i);
      else special[i] = special[first] = 1;
    });
    return (this.special = special);
  }

  /** Rules 33 and 34: pairs allowed whatever the classes say (see allowedAt). */
  private exempt(i: number, j: number): boolean {
    return isLoopback(this.subjects[i], this.subjects[j]) || fromOwnNode(this.subjects[i], this.subjects[j]);
  }

  /** Every ordered pair of distinct endpoints, for every port: from, then to, then port order. */
  public entries(): MatrixEntry[] {
    const out: MatrixEntry[] = [];
    const n = this.endpoints.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        this.ports.forEach((p, q) => out.push({
          from: this.endpoints[i], to: this.endpoints[j], port: p.port, protocol: p.protocol!, allowed: this.allowedAt(i, j, q),
        }));
      }
    }
    return out;
  }

  /** How many (ordered pair of distinct endpoints, port) cells are allowed; computed per class. */
  public countAllowed(): number {
    if (this.tiered) return this.countAllowedTiered(this.tiered);
    const m = this.computed;
    const masks = new CountMasks(m);
    let count = 0;
    for (let q = 0; q < this.ports.length; q++) count += countAllowedOnPort(m, q, masks);
    // Rule 34: pairs a node admits that the classes (which know no nodes) count as denied. Few:
    // only hostNetwork pods with a known node are sources of them.
    const { classOf } = m.classes;
    this.subjects.forEach((from, i) => {
      if (!from.hostNetwork || from.nodeName === undefined) return;
      this.subjects.forEach((to, j) => {
        if (!fromOwnNode(from, to)) return;
        for (let q = 0; q < this.ports.length; q++) if (!this.classAllowed(classOf[i], classOf[j], q)) count++;
      });
    });
    return count;
  }

  private countAllowedTiered(t: ClassConnections): number {
    const { sizes } = t.classes;
    let count = 0;
    for (let s = 0; s < sizes.length; s++) {
      for (let d = 0; d < sizes.length; d++) {
        const set = t.between(s, d);
        const pairs = sizes[s] * sizes[d] - (s === d ? sizes[s] : 0);
        for (const p of this.ports) if (set.allows(p.port, p.protocol!)) count += pairs;
      }
    }
    return count;
  }

  private allowedAt(i: number, j: number, q: number): boolean {
    // Rule 33: a pod cannot block traffic to itself (the loopback exemption); a workload's
    // replicas talking to each other are decided by the policies (isLoopback).
    if (isLoopback(this.subjects[i], this.subjects[j])) return true;
    // Rule 34: a hostNetwork source on the destination's node (its egress is node traffic too).
    if (fromOwnNode(this.subjects[i], this.subjects[j])) return true;
    if (this.tiered) {
      const p = this.ports[q];
      return this.tiered.between(this.tiered.classes.classOf[i], this.tiered.classes.classOf[j]).allows(p.port, p.protocol!);
    }
    const { classOf } = this.computed.classes;
    return this.classAllowed(classOf[i], classOf[j], q);
  }

  /** Rule 10: the source's egress AND the destination's ingress must allow it. */
  private classAllowed(s: number, d: number, q: number): boolean {
    const m = this.computed;
    const egressOk = !m.egressIsolated[s] || hasBit(m.egress[q][s]!, d);
    return egressOk && (!m.ingressIsolated[d] || hasBit(m.ingress[q][d]!, s));
  }

  private indexOf(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      const endpoint = Endpoint.parse(name);
      i = this.index.get(endpoint.id);
      // An IP that belongs to exactly one pod-network pod is that pod, as in Analyzer.check.
      if (i === undefined && endpoint.address !== undefined) {
        const owners = this.subjects.flatMap((s, j) => (s.isPod && !s.hostNetwork && s.ips.some((ip) => ip.toString() === endpoint.address) ? [j] : []));
        if (owners.length === 1) i = owners[0];
      }
    }
    if (i === undefined) {
      throw new Error(`${JSON.stringify(name)} is not an endpoint of this matrix (endpoints: ${this.endpoints.slice(0, 10).join(', ')}${this.endpoints.length > 10 ? ', ...' : ''})`);
    }
    return i;
  }

  private portIndex(port: number, protocol?: Protocol): number {
    const proto = protocol ?? Protocol.TCP;
    const q = this.ports.findIndex((p) => p.port === port && p.protocol === proto);
    if (q < 0) {
      throw new Error(`${port}/${proto} is not one of the matrix's ports (${this.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')}); add it to the matrix ports`);
    }
    return q;
  }
}

/** A connection's destination port: an integer 1-65535. */
export function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`port ${JSON.stringify(port)} is not a port number: use an integer from 1 to 65535`);
  }
  return port;
}

/**
 * A connection's protocol, TCP when omitted (rule 26). Rule 32: NetworkPolicy speaks of TCP, UDP
 * and SCTP only, so anything else (e.g. `tcp` or `ICMP`) is an error rather than a silent deny.
 */
export function checkProtocol(protocol: Protocol | undefined): Protocol {
  if (protocol === undefined) return Protocol.TCP;
  if (protocol !== Protocol.TCP && protocol !== Protocol.UDP && protocol !== Protocol.SCTP) {
    throw new Error(`protocol ${JSON.stringify(protocol)} is not one NetworkPolicy knows: use TCP, UDP or SCTP (upper case)`);
  }
  return protocol;
}
