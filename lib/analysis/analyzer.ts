import { Protocol } from '../model';
import { Cluster } from './cluster';
import { ConnectionMatrix } from './connection-table';
import { PairConnections, pairConnections } from './connections';
import { Endpoint } from './endpoint';
import { evaluateFlow } from './explain';
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
   * The verdict for one connection, with the policies and rules that decided each side.
   * @throws Error when an endpoint is unknown, the port is not a port number or the protocol not TCP, UDP or SCTP
   */
  public check(query: FlowQuery): Verdict {
    const from = this.cluster._resolve(query.from);
    const to = this.cluster._resolve(query.to);
    return evaluateFlow(this.cluster.policies, from, to, checkPort(query.port), checkProtocol(query.protocol), this.cluster._tiers);
  }

  /**
   * `check` with endpoints written as text: `namespace/name` or an IP address.
   * @param protocol @default Protocol.TCP
   */
  public explain(from: string, to: string, port: number, protocol?: Protocol): Verdict {
    return this.check({ from: Endpoint.parse(from), to: Endpoint.parse(to), port, protocol });
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
    const externals = [...this.cluster.externals];
    for (const text of options.externals ?? []) {
      const id = Endpoint.ip(text).address!;
      if (!externals.includes(id)) externals.push(id);
    }
    const pods = this.cluster._subjects;
    const outside = externals.map((ip) => this.cluster._resolve(Endpoint.ip(ip)));
    return Matrix._compute(
      [...pods.map((s) => s.id), ...externals.map((ip) => `ip:${ip}`)],
      [...pods, ...outside],
      this.cluster.policies,
      options.ports,
      this.cluster._clusterPolicies,
    );
  }
}
