import { ApiObject, ApiObjectProps, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CNP_API_VERSIONS, readClusterPolicy } from '../../dialects/cluster-network-policy/read';
import { labelMapIssues, nameIssues } from '../../manifest/validate-object-meta';
import { Severity } from '../../model';
import { Schema, propsIssues } from '../../model/props-check';
import { copyMap, hasEntry } from '../../model/string-map';
import { INTENT_ANNOTATION, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../patterns/audit';
import { PolicyMetadata } from '../policy-metadata';
import { describeClusterPolicy } from './intent';
import { NetpolValidationError } from '../../model/validation-error';
import { appChecks } from '../app-validation';
import { errorLines } from '../policy-object';
import { claimPolicyName } from '../policy-registry';
import { derivePolicyName } from '../policy-name';
import { Capability, Targets } from '../targets';
import { ClusterSubject } from './peers';
import { assignedPriority, registerPrioritized } from './priorities';
import { ClusterPolicyTier, ClusterRule, domainNameErrors, ruleJson, ruleNeeds } from './rule';

const KIND = 'ClusterNetworkPolicy';
/** Name registry key: CNPs are cluster-scoped, unique by name across the App (never a namespace name). */
const CLUSTER_SCOPE = '/cluster/ClusterNetworkPolicy';

/** Options every ClusterNetworkPolicy construct accepts: its name and metadata. */
export interface ClusterPolicyOptions {
  /**
   * `metadata.name`: a DNS-1123 subdomain, unique among the App's ClusterNetworkPolicies (they
   * are cluster-scoped; a clash is a synth error naming both constructs).
   * @default - derived from the construct id as for NetworkPolicy constructs (`PolicyOptions.name`)
   */
  readonly name?: string;
  /**
   * Labels of the object (the chart's labels are added too).
   * @default - the chart's labels only
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the object.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Write the audit metadata (label `app.kubernetes.io/managed-by: cdk8s-netpol`, annotation
   * `netpol.cdk8s.io/intent`); see `PolicyMetadata`. Labels and annotations given here win either way.
   * @default - the App's setting (`PolicyMetadata.of(app).configure(...)`), on unless turned off
   */
  readonly auditMetadata?: boolean;
}

/** The policy a construct describes, before its priority is assigned. */
export interface ClusterPolicyBody {
  readonly tier: ClusterPolicyTier;
  /** Undefined: managed (priorities.ts). */
  readonly priority?: number;
  readonly subject: ClusterSubject;
  readonly ingress: ClusterRule[];
  readonly egress: ClusterRule[];
}

/** How a construct turns its props into its one policy. */
export interface ClusterPolicyRecipe {
  /** Pattern words put in front of the construct id to form the default name; '' for none. */
  readonly namePrefix: string;
  /** The construct's props as checked at run time. */
  readonly props: Schema;
  /** Builds the policy; what it throws is reported as synth errors with the construct path. */
  build(): ClusterPolicyBody;
}

interface WrittenProps extends ApiObjectProps {
  spec: unknown;
}

/**
 * The internal base of every ClusterNetworkPolicy construct: props -> recipe -> ONE policy ->
 * ONE cluster-scoped ApiObject (never a `metadata.namespace`, whatever the chart's namespace).
 *
 * At synth time it reports, with the construct path: props that do not fit, a name clash, an
 * intent the App's targets cannot express (targets.ts), a priority conflict (priorities.ts), and
 * everything the CRD's schema and CEL rules would reject (the rendered object is read back with
 * `readClusterPolicy`, which enforces them). Nothing is written when any is found.
 * @internal
 */
export abstract class ClusterPolicyObject extends ApiObject {
  /** @internal */ public readonly _tier: string | undefined;
  /** @internal */ public readonly _explicitPriority: number | undefined;
  /** @internal */ public readonly _subject: ClusterSubject | undefined;
  /** @internal */ public readonly _directions: readonly string[];
  private readonly _body?: ClusterPolicyBody;
  private readonly _problems: string[];
  private readonly _props: WrittenProps;

  protected constructor(scope: Construct, id: string, given: ClusterPolicyOptions, recipe: ClusterPolicyRecipe) {
    const chart = Chart.of(scope);
    const propProblems = propsIssues(recipe.props, given);
    const options: ClusterPolicyOptions = propProblems.length === 0 ? given : {};
    const name = options.name ?? derivePolicyName(recipe.namePrefix, id);
    const labels = Object.assign({}, chart.labels, options.labels);
    const problems: string[] = propProblems.map((i) => NetpolValidationError.format([i]));
    let body: ClusterPolicyBody | undefined;
    if (propProblems.length === 0) {
      const meta = [...nameIssues(name, undefined, 'subdomain'), ...labelMapIssues(labels, 'metadata.labels')];
      problems.push(...meta.map((i) => NetpolValidationError.format([i])));
      try {
        body = recipe.build();
      } catch (e) {
        problems.push(...errorLines(e));
      }
    }
    const annotations = copyMap(options.annotations);
    if (body && PolicyMetadata.of(chart)._auditOf(`${scope.node.path}/${id}`, options.auditMetadata)) {
      // What was given wins (the chart's labels, the props); metadata never changes what the policy does.
      if (!hasEntry(labels, MANAGED_BY_LABEL)) labels[MANAGED_BY_LABEL] = MANAGED_BY_VALUE;
      if (!hasEntry(annotations, INTENT_ANNOTATION)) annotations[INTENT_ANNOTATION] = describeClusterPolicy(body);
    }
    const props: WrittenProps = {
      apiVersion: CNP_API_VERSIONS[KIND],
      kind: KIND,
      metadata: { name: name || undefined, labels, annotations },
      spec: undefined,
    };
    super(scope, id, props);
    this._props = props;
    this._body = body;
    this._problems = problems;
    this._tier = body?.tier;
    this._explicitPriority = body?.priority;
    this._subject = body?.subject;
    this._directions = body ? [...(body.ingress.length ? ['ingress'] : []), ...(body.egress.length ? ['egress'] : [])] : [];
    const root = chart.node.root;
    if (name && propProblems.length === 0) {
      const owner = claimPolicyName(root, this, CLUSTER_SCOPE, name);
      if (owner !== undefined) {
        problems.push(`metadata.name: ClusterNetworkPolicy ${JSON.stringify(name)} is already defined by [${owner.node.path}]; give one of them another construct id or a \`name\` prop`);
      }
    }
    registerPrioritized(root, this);
    // Synth-time lint reads the App's cluster policies too (lint-app.ts): the App is linted
    // even when it holds no NetworkPolicy construct.
    appChecks(root).generation++;
    this.node.addValidation({ validate: () => this.validateClusterPolicy() });
  }

  /** The priority written: the explicit one, or the managed one (see `ClusterNetworkPolicyProps.priority`). */
  public get priority(): number | undefined {
    return assignedPriority(this).priority;
  }

  /** Renders the object to Kubernetes JSON (cluster-scoped: no `metadata.namespace`). */
  public toJson(): any {
    this._props.spec = this._body ? this.renderSpec(this._body) : {};
    try {
      const json = super.toJson();
      if (json.metadata) delete json.metadata.namespace;
      return json;
    } finally {
      this._props.spec = undefined;
    }
  }

  private renderSpec(body: ClusterPolicyBody): { [key: string]: unknown } {
    const spec: { [key: string]: unknown } = { tier: body.tier, priority: assignedPriority(this).priority ?? 0, subject: body.subject._toJson() };
    if (body.ingress.length) spec.ingress = body.ingress.map((r, i) => ruleJson(r, 'ingress', `spec.ingress[${i}]`));
    if (body.egress.length) spec.egress = body.egress.map((r, i) => ruleJson(r, 'egress', `spec.egress[${i}]`));
    return spec;
  }

  private validateClusterPolicy(): string[] {
    const body = this._body;
    if (!body) return [...this._problems];
    const errors = [...this._problems];
    const needs: Capability[] = ['cluster-tiers', ...[...body.ingress, ...body.egress].flatMap(ruleNeeds)];
    const what = needs.length > 1 ? `this ClusterNetworkPolicy (with ${[...new Set(needs.slice(1))].map((n) => n === 'node-peers' ? 'nodes' : 'domainNames').join(' and ')} peers)` : 'this ClusterNetworkPolicy';
    const cannot = Targets.of(this)._cannotExpress(what, [...new Set(needs)]);
    if (cannot) errors.push(cannot);
    const assigned = assignedPriority(this);
    if (assigned.error) errors.push(assigned.error);
    body.egress.forEach((r, i) => errors.push(...domainNameErrors(r, `spec.egress[${i}]`)));
    // The CRD has no ingress field for these: the reader would only see an empty peer.
    const reported: string[] = [];
    body.ingress.forEach((r, i) => r.peers.forEach((p, j) => {
      if (p._kind === 'pods' || p._kind === 'namespaces') return;
      reported.push(`spec.ingress[${i}].from[${j}]`);
      errors.push(`spec.ingress[${i}].from[${j}]: Invalid value: ${JSON.stringify(p._kind)}: ${p._kind} peers are egress only: ingress from addresses cannot be written in a ClusterNetworkPolicy (a NetworkPolicy ipBlock can allow it)`);
    }));
    let json: { [key: string]: unknown };
    try {
      json = { apiVersion: this.apiVersion, kind: this.kind, metadata: { name: this.name }, spec: this.renderSpec(body) };
    } catch (e) {
      return [...errors, ...errorLines(e)];
    }
    // The CRD's schema and CEL rules, with the API server's messages; the channel is the targets'
    // concern (above), so the reader accepts what either channel accepts.
    const seen = new Set<string>(errors); // the name and domain-name checks above say some of these too
    for (const issue of readClusterPolicy(json, { channel: 'experimental' }).issues) {
      if (issue.severity !== Severity.ERROR) continue;
      if (reported.some((f) => issue.field === f || issue.field?.startsWith(`${f}.`))) continue;
      const line = NetpolValidationError.format([issue]);
      if (!seen.has(line)) errors.push(line);
      seen.add(line);
    }
    return errors;
  }
}
