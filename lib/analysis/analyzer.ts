import { Protocol } from '../model';
import { Cluster } from './cluster';
import { ConnectionMatrix } from './connection-table';
import { PairConnections, pairConnections } from './connections';
import { Endpoint, EndpointKind } from './endpoint';
import { Subject, externalSubject } from './subject';
import { addressRanges, blockBoundaries } from './address-ranges';
import { evaluateFlow } from './explain';
import { resolveService } from './service';
import { FlowPort, Matrix, checkPort, checkProtocol } from './matrix';
import { Verdict } from './verdict';

/** One connection to decide. */
export interface FlowQuery {
  readonly from: Endpoint;
  readonly to: Endpoint;
  /** The destination port. */
  readonly port: number;
  /** @default Protocol.TCP */
  readonly protocol?: Protocol;
}

/** Options of `Analyzer.matrix`. */
export interface MatrixOptions {
  /** The destination ports to evaluate every pair on. */
  readonly ports: FlowPort[];
  /**
   * External IP addresses to add as endpoints, besides the cluster's own `externals`.
   * @default - only the cluster's externals
   */
  readonly externals?: string[];
  /**
   * Pods assumed by namespace and labels (`shop:app=web`), for workloads the input does not hold;
   * added after the cluster's pods and workloads.
   * @default - none
   */
  readonly assumed?: string[];
}

/**
 * Decides whether connections are allowed by the cluster's NetworkPolicies, exactly as
 * Kubernetes specifies, and explains why.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class Analyzer {
  /** An analyzer of `cluster`. */
  public static of(cluster: Cluster): Analyzer {
    return new Analyzer(cluster);
  }

  public readonly cluster: Cluster;

  private constructor(cluster: Cluster) {
    this.cluster = cluster;
  }

  /**
   * The verdict for one connection, with the policies and rules that decided it.
   * @throws Error when an endpoint is unknown, the port is not a port number or the protocol not
   * TCP, UDP or SCTP, or the destination is a Service's ClusterIP with several backends (use `checkAll`)
   */
  public check(query: FlowQuery): Verdict {
    const all = this.checkAll(query);
    if (all.length !== 1) {
      throw new Error(`${query.to.id} is the ClusterIP of Service ${all[0].service}, which has ${all.length} backends (${all.map((v) => v.to).join(', ')}): use checkAll for one verdict per backend`);
    }
    return all[0];
  }

  /**
   * `check`, resolving a Service's ClusterIP to the pods behind it first (rule 36: NetworkPolicy
   * applies after the Service is resolved, to the backend pod and its targetPort): one verdict per
   * backend. Any other destination gives one verdict.
   * @throws Error as `check`, and for a ClusterIP whose backends are not in the input (a Service
   * without selector, or whose selector matches no known pod) or that does not expose the port
   */
  public checkAll(query: FlowQuery): Verdict[] {
    const port = checkPort(query.port);
    const protocol = checkProtocol(query.protocol);
    const fromSvc = query.from.address !== undefined ? this.cluster._serviceAt(query.from.address) : undefined;
    if (fromSvc) {
      throw new Error(`${query.from.address} is the ClusterIP of Service ${fromSvc.namespace}/${fromSvc.name}: a Service opens no connections; name the client pod instead`);
    }
    const from = this.cluster._resolve(query.from);
    const svc = query.to.address !== undefined ? this.cluster._serviceAt(query.to.address) : undefined;
    if (!svc) return [evaluateFlow(this.cluster.policies, from, this.cluster._resolve(query.to), port, protocol, this.cluster._tiers)];
    return resolveService(this.cluster, svc, query.to.address!, port, protocol)
      .map((b) => {
        const v = evaluateFlow(this.cluster.policies, from, b.backend, b.targetPort, protocol, this.cluster._tiers, true);
        return { ...v, service: `${svc.namespace}/${svc.name}`, notes: [b.note, ...v.notes] };
      });
  }

  /**
   * `check` with endpoints written as text: `namespace/name`, an IP address, or
   * `namespace:key=value,...` for an assumed pod.
   * @param protocol @default Protocol.TCP
   */
  public explain(from: string, to: string, port: number, protocol?: Protocol): Verdict {
    return this.check({ from: Endpoint.parse(from), to: Endpoint.parse(to), port, protocol });
  }

  /** `checkAll` with endpoints written as text (see `explain`). @param protocol @default Protocol.TCP */
  public explainAll(from: string, to: string, port: number, protocol?: Protocol): Verdict[] {
    return this.checkAll({ from: Endpoint.parse(from), to: Endpoint.parse(to), port, protocol });
  }

  /** Whether `from` may open a connection to `to` on `port` (TCP unless `protocol` says otherwise). */
  public isAllowed(from: string, to: string, port: number, protocol?: Protocol): boolean {
    return this.explain(from, to, port, protocol).allowed;
  }

  /**
   * Everything `from` may open to `to`, over every protocol and port at once, with the rules of
   * each side that admit each part. Endpoints as in `explain`.
   */
  public connections(from: string, to: string): PairConnections {
    const source = this.cluster._resolve(Endpoint.parse(from));
    const destination = this.cluster._resolve(Endpoint.parse(to));
    return pairConnections(this.cluster.policies, source, destination, this.cluster._tiers);
  }

  /**
   * The exact connection set of every ordered pair of endpoints: pods and workloads, then the
   * ranges of outside addresses the policies distinguish (covering every address).
   */
  public connectionMatrix(): ConnectionMatrix {
    return ConnectionMatrix._compute(this.cluster._subjects, this.cluster.policies, [], this.cluster._clusterPolicies);
  }

  /**
   * Every ordered pair of endpoints (pods/workloads, then external IPs) over `ports`, computed
   * per equivalence class so the cost grows with distinct classes rather than pods squared.
   */
  public matrix(options: MatrixOptions): Matrix {
    return this._matrix(options, false);
  }

  /**
   * `matrix`, plus (with `ranges`) one endpoint per range of outside addresses that the policies
   * distinguish (`ip:10.0.0.0/8`, `ip:0.0.0.0-9.255.255.255`, as ConnectionMatrix names them),
   * decided by its first address: every address of a range falls in the same ipBlocks.
   * @internal
   */
  public _matrix(options: MatrixOptions, ranges: boolean): Matrix {
    const externals = [...this.cluster.externals];
    const known = new Set(externals);
    for (const text of options.externals ?? []) {
      const id = Endpoint.ip(text).address!;
      const svc = this.cluster._serviceAt(id);
      if (svc) throw new Error(`external ${text} is the ClusterIP of Service ${svc.namespace}/${svc.name}, not an address outside the cluster: policies see the pods behind it, which the matrix already holds`);
      if (!known.has(id)) { known.add(id); externals.push(id); }
    }
    const assumed: Subject[] = [];
    for (const text of options.assumed ?? []) {
      const e = Endpoint.parse(text);
      if (e.kind !== EndpointKind.LABELS) throw new Error(`assumed pod ${JSON.stringify(text)}: write namespace:labels, e.g. "shop:app=web"`);
      if (!assumed.some((s) => s.id === e.id)) assumed.push(this.cluster._resolve(e));
    }
    const pods = [...this.cluster._subjects, ...assumed];
    const outside = externals.map((ip) => this.cluster._resolve(Endpoint.ip(ip)));
    const spans = ranges ? addressRanges(blockBoundaries(this.cluster.policies, this.cluster._clusterPolicies)) : [];
    return Matrix._compute(
      [...pods.map((s) => s.id), ...externals.map((ip) => `ip:${ip}`), ...spans.map((r) => `ip:${r.text}`)],
      [...pods, ...outside, ...spans.map((r) => externalSubject(r.first))],
      this.cluster.policies,
      options.ports,
      this.cluster._clusterPolicies,
    );
  }
}
