import {
  Issue,
  LabelExpression,
  LabelSelector,
  LabelSelectorJson,
  Peer,
  PeerJson,
  PolicySpec,
  PolicyType,
  Port,
  PortJson,
  Rule,
  Severity,
} from '../model';
import { quote } from '../model/validation/quote';

// Shape -> model for a NetworkPolicy object read from YAML/JSON. API-server validation is a
// separate step (validate-network-policy.ts); this file only decides what the object means,
// applying the defaulting the API server would apply before storing it.

/** Options of `parseNetworkPolicy`. */
export interface ParseNetworkPolicyOptions {
  /**
   * Namespace assumed for a policy without `metadata.namespace` (docs/semantics.md rule 38: kubectl
   * applies it to the namespace of the context, usually `default`).
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/** The result of reading one NetworkPolicy object. */
export interface ParsedNetworkPolicy {
  /** The policy, or undefined when its shape is unusable (then `issues` holds an error). */
  readonly spec?: PolicySpec;
  readonly issues: Issue[];
}

type Json = { [key: string]: unknown };

/** Collects shape problems with their JSON field paths. */
class ShapeReader {
  public readonly issues: Issue[] = [];

  public error(field: string, message: string, hint?: string): void {
    this.issues.push({ code: 'read-shape', severity: Severity.ERROR, field, message, hint });
  }

  /** An object, or undefined for null/missing; anything else is an error. */
  public object(value: unknown, field: string): Json | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value)) return value as Json;
    this.error(field, `expected an object, got ${describe(value)}`);
    return undefined;
  }

  /** A list, or undefined for null/missing; anything else is an error. */
  public list(value: unknown, field: string): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value;
    this.error(field, `expected a list, got ${describe(value)}`, 'list items start with "- " in YAML');
    return undefined;
  }

  public string(value: unknown, field: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.error(field, `expected a string, got ${describe(value)}`, `quote it: "${String(value)}"`);
    return undefined;
  }

  /**
   * A label selector. `matchLabels: null` is the same as an absent `matchLabels` (so a selector
   * whose only key is a null matchLabels matches everything, like `{}`).
   */
  public selector(value: unknown, field: string): LabelSelector | undefined {
    const json = this.object(value, field);
    if (value === undefined || value === null) return undefined;
    if (!json) return LabelSelector.everything();
    const matchLabels = this.object(json.matchLabels, `${field}.matchLabels`);
    const expressions: LabelExpression[] = [];
    (this.list(json.matchExpressions, `${field}.matchExpressions`) ?? []).forEach((e, i) => {
      const f = `${field}.matchExpressions[${i}]`;
      const expr = this.object(e, f);
      if (!expr) return;
      const values = this.list(expr.values, `${f}.values`);
      expressions.push({
        key: String(expr.key ?? ''),
        operator: expr.operator as LabelExpression['operator'],
        values: values?.map((v) => (typeof v === 'string' ? v : String(v))),
      });
    });
    return LabelSelector._fromJson({ matchLabels: matchLabels as LabelSelectorJson['matchLabels'], matchExpressions: expressions });
  }

  public peer(value: unknown, field: string): Peer | undefined {
    // A null entry decodes as an empty NetworkPolicyPeer (the API server rejects it: V-19).
    const json = this.object(value, field) ?? {};
    const out: { podSelector?: LabelSelectorJson; namespaceSelector?: LabelSelectorJson; ipBlock?: { cidr: string; except?: string[] } } = {};
    const pods = this.selector(json.podSelector, `${field}.podSelector`);
    const namespaces = this.selector(json.namespaceSelector, `${field}.namespaceSelector`);
    if (pods) out.podSelector = pods.toJson();
    if (namespaces) out.namespaceSelector = namespaces.toJson();
    const block = this.object(json.ipBlock, `${field}.ipBlock`);
    if (block) {
      const cidr = this.string(block.cidr, `${field}.ipBlock.cidr`) ?? '';
      const except = (this.list(block.except, `${field}.ipBlock.except`) ?? []).map(
        (e, k) => this.string(e, `${field}.ipBlock.except[${k}]`) ?? '',
      );
      out.ipBlock = { cidr, except };
    }
    // Peer._fromJson keeps matchLabels/expressions as given, so selectors are rebuilt from the
    // already-normalised JSON above.
    return Peer._fromJson(out as PeerJson);
  }

  public port(value: unknown, field: string): Port {
    // A null entry decodes as `{}`: every TCP port once defaulted (docs/semantics.md rule 27).
    const json = this.object(value, field) ?? {};
    const protocol = this.string(json.protocol, `${field}.protocol`);
    const port = json.port;
    if (port !== undefined && port !== null && typeof port !== 'number' && typeof port !== 'string') {
      this.error(`${field}.port`, `expected a number or a port name, got ${describe(port)}`);
    }
    const endPort = json.endPort;
    if (endPort !== undefined && endPort !== null && typeof endPort !== 'number') {
      this.error(`${field}.endPort`, `expected a number, got ${describe(endPort)}`);
    }
    // Protocol defaults to TCP inside Port._fromJson (docs/semantics.md rule 26).
    return Port._fromJson({
      protocol: protocol ?? undefined,
      port: typeof port === 'number' || typeof port === 'string' ? port : undefined,
      endPort: typeof endPort === 'number' ? endPort : undefined,
    } as PortJson);
  }

  /**
   * One ingress or egress rule. A missing, null or empty peer list means every peer (rule 13);
   * a missing, null or empty port list means every port (rule 14). Both become empty lists in
   * the model, where empty means "every".
   */
  public rule(value: unknown, field: string, peerKey: 'from' | 'to'): Rule {
    const json = this.object(value, field) ?? {};
    const peers = (this.list(json[peerKey], `${field}.${peerKey}`) ?? []).map((p, j) => this.peer(p, `${field}.${peerKey}[${j}]`)!);
    const ports = (this.list(json.ports, `${field}.ports`) ?? []).map((p, k) => this.port(p, `${field}.ports[${k}]`));
    return Rule._of(peers, ports);
  }
}

/**
 * Reads a NetworkPolicy object (plain JSON, as parsed from YAML) into a PolicySpec, applying the
 * API server's defaulting. Never throws: unusable shapes are reported as `read-shape` errors and
 * leave `spec` undefined; a missing namespace is assumed and reported as a warning.
 */
export function parseNetworkPolicy(obj: unknown, opts: ParseNetworkPolicyOptions = {}): ParsedNetworkPolicy {
  const r = new ShapeReader();
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    r.issues.push({ code: 'read-not-an-object', severity: Severity.ERROR, message: `expected a NetworkPolicy object, got ${describe(obj)}` });
    return { issues: r.issues };
  }
  const json = obj as Json;
  if (json.kind !== undefined && json.kind !== 'NetworkPolicy') {
    r.issues.push({ code: 'read-wrong-kind', severity: Severity.ERROR, field: 'kind', message: `expected kind NetworkPolicy, got ${JSON.stringify(json.kind)}` });
    return { issues: r.issues };
  }
  const metadata = r.object(json.metadata, 'metadata') ?? {};
  const name = r.string(metadata.name, 'metadata.name') ?? '';
  let namespace = r.string(metadata.namespace, 'metadata.namespace');
  const object = `NetworkPolicy ${namespace ?? ''}${namespace ? '/' : ''}${name}`;
  if (!namespace) {
    // docs/semantics.md rule 38: the scope is metadata.namespace; without it kubectl uses the
    // context's namespace, so the assumption must be stated.
    namespace = opts.defaultNamespace ?? 'default';
    r.issues.push({
      code: 'read-namespace-assumed',
      severity: Severity.WARNING,
      field: 'metadata.namespace',
      message: `no namespace: assuming "${namespace}", the namespace kubectl would apply it to by default`,
      hint: 'set metadata.namespace so the policy does not depend on the kubectl context',
    });
  }
  if (json.spec === undefined || json.spec === null) {
    r.issues.push({
      code: 'read-no-spec',
      severity: Severity.WARNING,
      field: 'spec',
      message: 'no spec: the policy selects every pod of its namespace and denies all their ingress',
    });
  }
  const spec = r.object(json.spec, 'spec') ?? {};
  // docs/semantics.md rule 4: an omitted podSelector is `{}`, every pod of the namespace.
  const podSelector = r.selector(spec.podSelector, 'spec.podSelector') ?? LabelSelector.everything();
  const ingress = (r.list(spec.ingress, 'spec.ingress') ?? []).map((x, i) => r.rule(x, `spec.ingress[${i}]`, 'from'));
  const egress = (r.list(spec.egress, 'spec.egress') ?? []).map((x, i) => r.rule(x, `spec.egress[${i}]`, 'to'));
  const written = (r.list(spec.policyTypes, 'spec.policyTypes') ?? []).map((t, i) => r.string(t, `spec.policyTypes[${i}]`) ?? '');
  const labels = r.object(metadata.labels, 'metadata.labels') as { [key: string]: string } | undefined;
  const annotations = r.object(metadata.annotations, 'metadata.annotations') as { [key: string]: string } | undefined;

  const issues = r.issues.length === 0 ? r.issues : r.issues.map((i) => ({ ...i, object }));
  if (issues.some((i) => i.severity === Severity.ERROR)) return { issues };
  return {
    spec: PolicySpec._of({
      name,
      namespace,
      podSelector,
      ingress,
      egress,
      // docs/semantics.md rule 5 (a missing or empty policyTypes becomes Ingress, plus Egress iff
      // the egress list is non-empty) is applied by the PolicySpec constructor.
      policyTypes: written as PolicyType[],
      labels,
      annotations,
    }),
    issues,
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${quote(value)}`;
}
