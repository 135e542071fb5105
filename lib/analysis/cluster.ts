import { Issue, NAMESPACE_NAME_LABEL, PolicySpec, Severity } from '../model';
import { readObjects, ReadObjectsOptions } from '../manifest/read-objects';
import { NamespaceInfo, ServiceInfo, WorkloadInfo } from '../manifest/read-types';
import { parseIp } from '../model/validation';
import { mergeMaps } from '../model/string-map';
import { Endpoint, EndpointKind } from './endpoint';
import { Subject, assumedSubject, externalSubject, workloadSubject } from './subject';
import { ClusterTiers, tiersOf } from './tiers';
import { CnpSpec } from '../dialects/cluster-network-policy/model';

/** What a Cluster is made of. */
export interface ClusterProps {
  /**
   * Namespaces with their labels. Namespaces used by workloads or policies but not listed here
   * are implied, with only the automatic `kubernetes.io/metadata.name` label (rule 20).
   * @default - implied from workloads and policies
   */
  readonly namespaces?: NamespaceInfo[];
  /** @default - none */
  readonly workloads?: WorkloadInfo[];
  /** @default - none */
  readonly policies?: PolicySpec[];
  /**
   * Services, so that a connection to a ClusterIP is evaluated to the pods behind it (rule 36).
   * @default - none
   */
  readonly services?: ServiceInfo[];
  /**
   * External endpoints (IP addresses) to include in matrices.
   * @default - none
   */
  readonly externals?: string[];
}

/**
 * The state the analyzer evaluates: namespaces (with labels), pods or workloads, NetworkPolicies
 * and external endpoints. Immutable.
 */
export class Cluster {
  /** A cluster from typed parts. */
  public static of(props: ClusterProps): Cluster {
    return new Cluster(props, []);
  }

  /**
   * A cluster from typed parts plus cluster-scoped policies (ClusterNetworkPolicy, ANP, BANP).
   * @internal
   */
  public static _of(props: ClusterProps, clusterPolicies: CnpSpec[]): Cluster {
    return new Cluster(props, [], clusterPolicies);
  }

  /**
   * A cluster from Kubernetes objects (plain JSON as parsed from YAML): Namespaces, Pods,
   * workloads with pod templates, NetworkPolicies and `List`s of them. Never throws; problems
   * are in `issues`.
   */
  public static fromManifests(objects: any[], options?: ReadObjectsOptions): Cluster {
    const read = readObjects(objects, options);
    return new Cluster({ namespaces: read.namespaces, workloads: read.workloads, policies: read.policies, services: read.services }, read.issues, read._clusterPolicies);
  }

  /** Every namespace, sorted by name, each carrying `kubernetes.io/metadata.name`. */
  public readonly namespaces: NamespaceInfo[];
  public readonly workloads: WorkloadInfo[];
  public readonly policies: PolicySpec[];
  public readonly services: ServiceInfo[];
  /** External IPs, canonical form. */
  public readonly externals: string[];
  /** Problems met while building the cluster (reading manifests, duplicates, bad IPs). */
  public readonly issues: Issue[];
  /** ClusterNetworkPolicies (and v1alpha1 ANP/BANP) read from manifests. @internal */
  public readonly _clusterPolicies: CnpSpec[];
  /** Those policies by tier, in evaluation order; undefined when there are none. @internal */
  public readonly _tiers: ClusterTiers | undefined;

  private readonly subjectsById = new Map<string, Subject>();
  private readonly subjectsByIp = new Map<string, Subject[]>();
  private readonly orderedSubjects: Subject[] = [];

  private constructor(props: ClusterProps, issues: Issue[], clusterPolicies: CnpSpec[] = []) {
    const found = [...issues];
    this._clusterPolicies = clusterPolicies;
    this._tiers = tiersOf(clusterPolicies);
    const namespaces = new Map<string, { [key: string]: string }>();
    for (const ns of props.namespaces ?? []) {
      // docs/semantics.md rule 20: the control plane sets kubernetes.io/metadata.name on every namespace.
      namespaces.set(ns.name, mergeMaps(ns.labels, { [NAMESPACE_NAME_LABEL]: ns.name })); // not a spread: model/string-map.ts
    }
    const workloads = props.workloads ?? [];
    const policies = props.policies ?? [];
    for (const name of [...workloads.map((w) => w.namespace), ...policies.map((p) => p.namespace)]) {
      if (!namespaces.has(name)) namespaces.set(name, { [NAMESPACE_NAME_LABEL]: name });
    }
    this.namespaces = [...namespaces.keys()].sort().map((name) => ({ name, labels: namespaces.get(name)! }));
    this.workloads = [...workloads];
    this.policies = [...policies];
    this.services = [...(props.services ?? [])];

    for (const w of workloads) {
      const s = workloadSubject(w, namespaces.get(w.namespace)!, found);
      if (this.subjectsById.has(s.id)) {
        found.push({ code: 'analysis-duplicate-endpoint', severity: Severity.WARNING, object: `${w.kind ?? 'Pod'} ${s.id}`, message: `two workloads are named ${s.id}; the first one is used` });
        continue;
      }
      this.add(s);
    }
    const externals: string[] = [];
    for (const text of props.externals ?? []) {
      const ip = parseIp(text);
      if (!ip) {
        found.push({ code: 'analysis-bad-external', severity: Severity.ERROR, message: `external endpoint ${JSON.stringify(text)} is not an IP address` });
        continue;
      }
      if (!externals.includes(ip.toString())) externals.push(ip.toString());
    }
    this.externals = externals;
    this.issues = found;
  }

  /** The workload or pod called `namespace/name`, if any. */
  public findWorkload(namespace: string, name: string): WorkloadInfo | undefined {
    return this.subjectsById.get(`${namespace}/${name}`)?.workload;
  }

  /** The names (`namespace/name`) of every pod and workload, in input order. */
  public get endpointNames(): string[] {
    return this.orderedSubjects.map((s) => s.id);
  }

  /**
   * Resolves an endpoint: a workload by name, or an IP (the pod with that IP when exactly one
   * pod-network pod has it, otherwise an external address).
   * @internal
   */
  public _resolve(endpoint: Endpoint): Subject {
    if (endpoint.kind === EndpointKind.LABELS) {
      // Rule 20: the namespace's labels as declared, with its automatic name label.
      const ns = this.namespaces.find((n) => n.name === endpoint.namespace);
      return assumedSubject(endpoint.id, endpoint.namespace!, ns?.labels ?? { [NAMESPACE_NAME_LABEL]: endpoint.namespace! }, endpoint.labels!);
    }
    if (endpoint.kind === EndpointKind.WORKLOAD) {
      const s = this.subjectsById.get(endpoint.id);
      if (!s) {
        const known = this.orderedSubjects.map((x) => x.id);
        const close = known.filter((k) => k.endsWith(`/${endpoint.name}`) || k.startsWith(`${endpoint.namespace}/`)).slice(0, 5);
        throw new Error(`unknown endpoint ${JSON.stringify(endpoint.id)}: no pod or workload has that namespace/name` +
          (close.length ? ` (did you mean ${close.map((c) => JSON.stringify(c)).join(', ')}?)` : known.length ? ` (known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''})` : ' (the cluster has no workloads)') +
          `; for a pod the input does not hold, name it by namespace and labels, e.g. "${endpoint.namespace}:app=${endpoint.name}"`);
      }
      return s;
    }
    const owners = (this.subjectsByIp.get(endpoint.address!) ?? []).filter((s) => !s.hostNetwork);
    return owners.length === 1 ? owners[0] : externalSubject(endpoint.address!);
  }

  /** The Service whose ClusterIP `address` (canonical form) is, if any. @internal */
  public _serviceAt(address: string): ServiceInfo | undefined {
    return this.services.find((svc) => svc.clusterIPs.some((ip) => parseIp(ip)?.toString() === address));
  }

  /** The pods and workloads a Service's selector selects: namespace-local, labels. @internal */
  public _backends(svc: ServiceInfo): Subject[] {
    const selector = svc.selector;
    if (!selector) return [];
    return this.orderedSubjects.filter((s) => s.namespace === svc.namespace && Object.entries(selector).every(([k, v]) => s.labels[k] === v));
  }

  /** Every pod/workload subject, in input order. @internal */
  public get _subjects(): Subject[] {
    return this.orderedSubjects;
  }

  private add(s: Subject): void {
    this.subjectsById.set(s.id, s);
    this.orderedSubjects.push(s);
    for (const ip of s.ips) {
      const key = ip.toString();
      const owners = this.subjectsByIp.get(key);
      if (owners) owners.push(s);
      else this.subjectsByIp.set(key, [s]);
    }
  }
}
