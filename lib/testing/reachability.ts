import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Analyzer, Cluster, ConnectionDiff, Endpoint, Matrix, NamespaceInfo, Verdict, WorkloadInfo } from '../analysis';
import { readObjects } from '../manifest/read-objects';
import { Issue, Protocol, Severity } from '../model';
import { describeVerdict } from './describe-verdict';
import { endpointName, isEndpointRef } from './endpoint-ref';
import { Check, arrayOf, checkArg, checkFactoryProps, either, instanceOf, integer, isString, oneOf, optional } from '../model/props-check';

// Arguments and options as checked at run time, as if from plain JavaScript.
const OBJECTS = arrayOf(either('an object', (x) => x !== null && typeof x === 'object' && !Array.isArray(x)), 'objects');
const OPTIONS = {
  namespaces: optional(OBJECTS),
  workloads: optional(OBJECTS),
  externals: optional(arrayOf(isString, 'strings')),
  defaultNamespace: optional(isString),
};
const PORT_NUMBER = integer(1, 65535);
const PROTOCOL = oneOf(Object.values(Protocol));
const ENDPOINTS = arrayOf(isEndpointRef, 'endpoints');

function checkQuery(where: string, from: unknown, to: unknown, port: unknown, protocol: unknown, fromName = 'from', toName = 'to', toCheck: Check = isEndpointRef): void {
  checkArg(where, fromName, isEndpointRef, from);
  checkArg(where, toName, toCheck, to);
  checkArg(where, 'port', PORT_NUMBER, port);
  if (protocol !== undefined) checkArg(where, 'protocol', PROTOCOL, protocol);
}
import { ReachabilityDiff } from './reachability-diff';

/** Options of `Reachability`. */
export interface ReachabilityOptions {
  /**
   * Namespaces that exist in the cluster but not in the app (e.g. `kube-system`), with labels.
   * @default - only the app's namespaces (and those its objects use)
   */
  readonly namespaces?: NamespaceInfo[];
  /**
   * Workloads that exist in the cluster but not in the app (e.g. kube-dns in kube-system).
   * @default - none
   */
  readonly workloads?: WorkloadInfo[];
  /**
   * External IP addresses that count as endpoints in set assertions
   * (`assertOnlyReachableFrom`, `assertReachableDestinations`).
   * @default - none
   */
  readonly externals?: string[];
  /**
   * Namespace of objects without `metadata.namespace` (a chart without `namespace`).
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/**
 * Reachability assertions for your own tests: gathers the NetworkPolicies, Namespaces, Pods and
 * workloads (cdk8s-plus constructs or raw ApiObjects) of an App or Chart and answers, with
 * Kubernetes' semantics, who can reach whom. Assertions throw an Error whose message explains
 * the verdict (policies, rules, isolation), so they work under any test runner.
 *
 * Endpoints are written `namespace/name` (a Pod or workload's name) or as an IP address, or given
 * as the construct that writes the Pod or workload (a cdk8s-plus workload or Pod of any major, an
 * `ApiObject`), so generated names need not be spelt; in source and destination lists,
 * `key=value[,key=value]` stands for every workload carrying those labels.
 */
export class Reachability {
  /** Everything in every chart of the app. */
  public static of(app: App, options?: ReachabilityOptions): Reachability {
    checkArg('Reachability.of', 'app', instanceOf(App, 'a cdk8s App'), app);
    return Reachability.fromManifests(app.charts.flatMap((c) => c.toJson()), options);
  }

  /** Everything in one chart. */
  public static fromChart(chart: Chart, options?: ReachabilityOptions): Reachability {
    checkArg('Reachability.fromChart', 'chart', either('a cdk8s Chart', (x) => Chart.isChart(x)), chart);
    return Reachability.fromManifests(chart.toJson(), options);
  }

  /**
   * Kubernetes objects as plain JSON (e.g. `Testing.synth(chart)` or parsed YAML).
   * @throws Error listing every object that could not be read (a policy that cannot be read
   * would otherwise be silently missing from the analysis)
   */
  public static fromManifests(objects: any[], options?: ReachabilityOptions): Reachability {
    checkArg('Reachability', 'objects', arrayOf(either('an object', (x) => x !== null && typeof x === 'object'), 'Kubernetes objects'), objects);
    if (options !== undefined) checkFactoryProps('Reachability', OPTIONS, options, 'options');
    return new Reachability(objects, options ?? {});
  }

  /**
   * What changes from `before` to `after` (two Apps, or an App and YAML read with
   * `fromManifests`): the flows opened and closed, with their exact ports. Give both the same
   * workloads (options), so the pairs line up.
   */
  public static diff(before: Reachability, after: Reachability): ReachabilityDiff {
    checkArg('Reachability.diff', 'before', instanceOf(Reachability, 'a Reachability'), before);
    checkArg('Reachability.diff', 'after', instanceOf(Reachability, 'a Reachability'), after);
    return ReachabilityDiff._of(ConnectionDiff.between(before.cluster, after.cluster), after.defaultNamespace);
  }

  /** The analyzer, for verdicts and matrices beyond these assertions. */
  public readonly analyzer: Analyzer;
  /** What was gathered. */
  public readonly cluster: Cluster;

  private readonly externals: string[];
  private readonly defaultNamespace: string;
  private readonly matrices = new Map<string, Matrix>();

  private constructor(objects: any[], options: ReachabilityOptions) {
    const read = readObjects(objects, { defaultNamespace: options.defaultNamespace });
    const errors = read.issues.filter((i: Issue) => i.severity === Severity.ERROR);
    if (errors.length > 0) {
      throw new Error(`Reachability: ${errors.length} object(s) could not be read:\n` +
        errors.map((i) => `  ${i.object ?? ''}${i.field ? ` ${i.field}` : ''}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`).join('\n'));
    }
    this.cluster = Cluster._of({
      // Namespaces given in the options win over those read (or implied) from the app.
      namespaces: [...read.namespaces, ...(options.namespaces ?? [])],
      workloads: [...read.workloads, ...(options.workloads ?? [])],
      policies: read.policies,
      externals: options.externals,
    }, read._clusterPolicies);
    this.analyzer = Analyzer.of(this.cluster);
    this.externals = this.cluster.externals;
    this.defaultNamespace = options.defaultNamespace ?? 'default';
  }

  /** Whether `from` may open a connection to `to` on `port` (TCP unless `protocol` says otherwise). */
  public isAllowed(from: string | IConstruct, to: string | IConstruct, port: number, protocol?: Protocol): boolean {
    checkQuery('Reachability.isAllowed', from, to, port, protocol);
    return this.analyzer.isAllowed(this.name(from), this.name(to), port, protocol);
  }

  /** The verdict with its explanation. */
  public explain(from: string | IConstruct, to: string | IConstruct, port: number, protocol?: Protocol): Verdict {
    checkQuery('Reachability.explain', from, to, port, protocol);
    return this.analyzer.explain(this.name(from), this.name(to), port, protocol);
  }

  /** Fails unless `from` can reach `to` on `port`. */
  public assertAllowed(from: string | IConstruct, to: string | IConstruct, port: number, protocol?: Protocol): void {
    checkQuery('Reachability.assertAllowed', from, to, port, protocol);
    const v = this.explain(from, to, port, protocol);
    if (!v.allowed) throw new Error(`Expected ${v.from} -> ${v.to} on ${v.port}/${v.protocol} to be allowed, but it is denied.\n${describeVerdict(v)}`);
  }

  /** Fails if `from` can reach `to` on `port`. */
  public assertDenied(from: string | IConstruct, to: string | IConstruct, port: number, protocol?: Protocol): void {
    checkQuery('Reachability.assertDenied', from, to, port, protocol);
    const v = this.explain(from, to, port, protocol);
    if (v.allowed) throw new Error(`Expected ${v.from} -> ${v.to} on ${v.port}/${v.protocol} to be denied, but it is allowed.\n${describeVerdict(v)}`);
  }

  /**
   * Fails unless the endpoints that can reach `to` on `port` are exactly `sources`
   * (`namespace/name`, an IP, `key=value` for every workload with that label, or a workload's
   * construct), e.g. "nothing
   * but app=api reaches the database". `to` itself is left out (a pod always reaches itself;
   * ask `isAllowed(w, w, port)` for traffic between the replicas of a workload `w`).
   */
  public assertOnlyReachableFrom(to: string | IConstruct, sources: Array<string | IConstruct>, port: number, protocol?: Protocol): void {
    checkQuery('Reachability.assertOnlyReachableFrom', to, sources, port, protocol, 'to', 'sources', ENDPOINTS);
    const names = sources.map((s) => this.name(s));
    const matrix = this.matrix(port, protocol, names);
    const toId = Endpoint.parse(this.name(to)).id;
    const actual = matrix.sourcesOf(toId, port, protocol);
    const expected = this.expand(names, matrix).filter((e) => e !== toId);
    this.compareSets(`the sources that reach ${toId} on ${port}/${protocol ?? Protocol.TCP}`, actual, expected, (e) => this.explain(e, toId, port, protocol));
  }

  /**
   * Fails unless the endpoints `from` can reach on `port` are exactly `expected`
   * (same forms as `assertOnlyReachableFrom`). `from` itself is left out, as there.
   */
  public assertReachableDestinations(from: string | IConstruct, expected: Array<string | IConstruct>, port: number, protocol?: Protocol): void {
    checkQuery('Reachability.assertReachableDestinations', from, expected, port, protocol, 'from', 'expected', ENDPOINTS);
    const names = expected.map((e) => this.name(e));
    const matrix = this.matrix(port, protocol, names);
    const fromId = Endpoint.parse(this.name(from)).id;
    const actual = matrix.destinationsOf(fromId, port, protocol);
    const wanted = this.expand(names, matrix).filter((e) => e !== fromId);
    this.compareSets(`the destinations ${fromId} reaches on ${port}/${protocol ?? Protocol.TCP}`, actual, wanted, (e) => this.explain(fromId, e, port, protocol));
  }

  /** `namespace/name` of an endpoint given as a construct; strings as they are. */
  private name(ref: string | IConstruct): string {
    return endpointName(ref, this.defaultNamespace);
  }

  private matrix(port: number, protocol: Protocol | undefined, mentioned: string[]): Matrix {
    const ips = mentioned.filter((m) => !m.includes('=') && Endpoint.parse(m).address !== undefined).map((m) => Endpoint.parse(m).address!);
    const externals = [...new Set([...this.externals, ...ips])];
    const key = `${port}/${protocol ?? Protocol.TCP}|${externals.join(',')}`;
    let m = this.matrices.get(key);
    if (!m) {
      m = this.analyzer.matrix({ ports: [{ port, protocol }], externals });
      this.matrices.set(key, m);
    }
    return m;
  }

  /** Names and label patterns -> endpoint ids of the matrix. */
  private expand(patterns: string[], matrix: Matrix): string[] {
    const out = new Set<string>();
    for (const p of patterns) {
      if (p.includes('=')) {
        const wanted = p.split(',').map((kv) => kv.split('=').map((x) => x.trim()) as [string, string]);
        const hits = this.cluster.workloads.filter((w) => wanted.every(([k, v]) => (w.labels ?? {})[k] === v)).map((w) => `${w.namespace}/${w.name}`);
        if (hits.length === 0) throw new Error(`no workload carries the labels ${p}; check the label key and value`);
        hits.forEach((h) => out.add(h));
      } else {
        const id = Endpoint.parse(p).id;
        if (!matrix.endpoints.includes(id)) throw new Error(`${JSON.stringify(p)} is not a workload of the app (known: ${matrix.endpoints.slice(0, 10).join(', ')})`);
        out.add(id);
      }
    }
    return matrix.endpoints.filter((e) => out.has(e));
  }

  private compareSets(what: string, actual: string[], expected: string[], explain: (endpoint: string) => Verdict): void {
    const unexpected = actual.filter((a) => !expected.includes(a));
    const missing = expected.filter((e) => !actual.includes(e));
    if (unexpected.length === 0 && missing.length === 0) return;
    const lines = [`Expected ${what} to be [${expected.join(', ')}], but they are [${actual.join(', ')}].`];
    for (const e of unexpected) lines.push(`unexpectedly allowed: ${e}`, indent(describeVerdict(explain(e))));
    for (const e of missing) lines.push(`unexpectedly denied: ${e}`, indent(describeVerdict(explain(e))));
    throw new Error(lines.join('\n'));
  }
}

function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}
