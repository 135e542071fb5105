import { ApiObject, ApiObjectProps, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { renderPolicyBody, sortedOrNone } from '../manifest/render-network-policy';
import { Issue, PolicySpec, Severity } from '../model';
import { copyMap } from '../model/string-map';
import { NetpolValidationError } from '../model/validation-error';
import { Schema, propsIssues } from '../model/props-check';
import { derivePolicyName } from './policy-name';
import { PolicyOptions } from './policy-options';
import { claimPolicyName } from './policy-registry';
import { AppChecks } from './app-validation';
import { SynthLint, checkSuppression } from './synth-lint';
import { builtInResolversOnly, writtenJson } from './written-json';
import { SUPPRESS_ANNOTATION_PREFIX, Suppression } from '../lint';
import { applyAuditMetadata } from '../patterns/audit';
import { PolicyMetadata } from './policy-metadata';

/** The resolved place and metadata of a policy, handed to a recipe. */
export interface PolicyTarget {
  readonly name: string;
  readonly namespace: string;
  /** The chart's labels plus the construct's `labels`. */
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
}

/**
 * The target's name, namespace, labels and annotations with a recipe's own fields. Object.assign
 * rather than `{ ...target, ... }`, which gives every policy's props a hidden class of their own
 * (see model/string-map.ts) and makes the code that reads them slow.
 * @internal
 */
export function withTarget<T extends object>(target: PolicyTarget, fields: T): PolicyTarget & T {
  return Object.assign({}, target, fields);
}

/** How a construct turns its props into its one PolicySpec. */
export interface PolicyRecipe {
  /** Pattern words put in front of the construct id to form the default name; '' for none. */
  readonly namePrefix: string;
  /**
   * The construct's props as checked at run time, as if given from plain JavaScript: props that
   * do not fit (an unknown key, a value of the wrong kind) are synth errors and nothing is built.
   */
  readonly props: Schema;
  /**
   * Builds the policy. Errors thrown here (bad values, bad compositions) are reported as synth
   * errors carrying the construct path, not thrown from the constructor.
   */
  build(target: PolicyTarget): PolicySpec;
}

/** The props handed to ApiObject, the spec filled in only while cdk8s writes the object. */
interface WrittenProps extends ApiObjectProps {
  spec: unknown;
}

const API_VERSION = 'networking.k8s.io/v1';
const KIND = 'NetworkPolicy';

/**
 * The internal base of every policy construct: props -> recipe -> ONE PolicySpec -> ONE
 * ApiObject. The construct IS the ApiObject (no child constructs), which keeps synthesis of many
 * thousands of policies close to the cost of raw ApiObjects. Not exported from the package (jsii
 * erases it and hoists `spec` into each subclass).
 *
 * At synth time it reports, prefixed with the construct path by cdk8s: a missing namespace, a
 * name another policy of the same namespace already uses, and every API-server validation error
 * of the rendered object. Nothing is written when any is found.
 * @internal
 */
export abstract class PolicyObject extends ApiObject {
  private readonly _spec?: PolicySpec;
  private readonly _problems: string[];
  private _suppressions?: Suppression[];
  private readonly _checks: AppChecks;
  private _patched = false;
  private readonly _props: WrittenProps;

  protected constructor(scope: Construct, id: string, given: PolicyOptions, recipe: PolicyRecipe) {
    const chart = Chart.of(scope);
    // Props that do not fit their schema are read no further: nothing is built from them.
    const propProblems = propsIssues(recipe.props, given);
    const options: PolicyOptions = propProblems.length === 0 ? given : {};
    const name = options.name ?? derivePolicyName(recipe.namePrefix, id);
    // A manifest without metadata.namespace lands in whatever namespace kubectl points at
    // (docs/semantics.md rule 38), so an unresolved namespace is an error, never a silent `default`.
    const namespace = options.namespace !== undefined ? options.namespace : chart.namespace;
    const labels = Object.assign({}, chart.labels, options.labels);
    const annotations = copyMap(options.annotations);
    const audit = PolicyMetadata.of(chart)._auditOf(`${scope.node.path}/${id}`, options.auditMetadata);
    const problems: string[] = [];
    let spec: PolicySpec | undefined;
    if (propProblems.length > 0) {
      for (const issue of propProblems) problems.push(NetpolValidationError.format([issue]));
    } else if (!name) {
      problems.push(`metadata.name: the construct id ${JSON.stringify(id)} gives no usable name; pass \`name\` in the props`);
    } else if (!namespace) {
      problems.push(
        `metadata.namespace: no namespace for NetworkPolicy ${JSON.stringify(name)}: set \`namespace\` in its props or give its chart one `
        + "(new Chart(app, 'id', { namespace: 'payments' })); a policy without one lands in whatever namespace kubectl points at",
      );
    } else {
      try {
        spec = recipe.build({ name, namespace, labels, annotations });
        // After the recipe, which may have written a pattern's own metadata; what was given wins.
        applyAuditMetadata(spec, audit, { labels, annotations });
      } catch (e) {
        problems.push(...errorLines(e));
      }
    }
    const props: WrittenProps = {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: {
        name: name || undefined,
        namespace: namespace || undefined,
        labels: (spec && sortedOrNone(spec.labels)) ?? labels,
        annotations: (spec && sortedOrNone(spec.annotations)) ?? annotations,
      },
      // Rendered only when the object is written (toJson): ten thousand policies do not each
      // hold their JSON through construction and lint.
      spec: undefined,
    };
    super(scope, id, props);
    this._props = props;
    this._spec = spec;
    this._problems = problems;
    const root = chart.node.root;
    if (name && namespace && propProblems.length === 0) {
      const owner = claimPolicyName(root, this, namespace, name);
      if (owner !== undefined) {
        problems.push(
          `metadata.name: NetworkPolicy ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)} is already defined by [${owner.node.path}]; `
          + 'give one of them another construct id or a `name` prop',
        );
      }
    }
    // Checked at synth time with the rest of the App (app-validation.ts), not by a validation
    // of its own: cdk8s visits every construct once per chart it writes.
    this._checks = SynthLint._register(this, root);
  }

  /**
   * Silences one lint rule (`netpol rules`) for this policy, with the reason a reviewer reads.
   * The suppression is also written as the annotation `suppress.netpol.cdk8s.io/<rule-id>`, so
   * `netpol check` on the synthesized YAML honours it too.
   * @param ruleId the rule, e.g. `dns-egress-missing`
   * @param reason why the rule does not apply to this policy
   */
  public suppressLint(ruleId: string, reason: string): void {
    const s = checkSuppression(this.node.path, ruleId, reason);
    (this._suppressions ??= []).push(s);
    this.metadata.addAnnotation(`${SUPPRESS_ANNOTATION_PREFIX}${s.ruleId}`, s.reason);
    this._checks.generation++;
  }

  /**
   * Applies a set of RFC-6902 JSON-Patch operations to the manifest synthesized for this API object.
   *
   * @example
   *   policy.addJsonPatch(JsonPatch.add('/spec/podSelector/matchLabels/version', 'v2'));
   * @param ops The JSON-Patch operations to apply.
   */
  public addJsonPatch(...ops: JsonPatch[]): void {
    this._patched = true;
    super.addJsonPatch(...ops);
  }

  /**
   * Renders the object to Kubernetes JSON.
   *
   * To disable sorting of dictionary keys in output object set the `CDK8S_DISABLE_SORT`
   * environment variable to any non-empty value. The spec is rendered from the policy as plain
   * JSON, which cdk8s' built-in resolvers leave as it is, so it is passed through resolvers only
   * when the App has resolvers of its own or the object has JSON patches: the same output
   * (test/constructs/written-json.test.ts) at a fraction of the cost over thousands of policies.
   */
  public toJson(): any {
    if (!this._spec || this._patched || !builtInResolversOnly(this)) {
      // cdk8s reads the props it was given (never written without a spec: the validation fails
      // synthesis first).
      this._props.spec = this._spec ? renderPolicyBody(this._spec) : {};
      try {
        return super.toJson();
      } finally {
        this._props.spec = undefined;
      }
    }
    try {
      return { apiVersion: this.apiVersion, kind: this.kind, metadata: this.metadata.toJson(), spec: writtenJson(renderPolicyBody(this._spec)) };
    } catch (e) {
      // As ApiObject.toJson reports it.
      throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${e}`);
    }
  }

  /** @internal */
  public get _lintSpec(): PolicySpec | undefined {
    return this._spec;
  }

  /** @internal */
  public get _lintSuppressions(): Suppression[] {
    return this._suppressions ?? [];
  }

  /**
   * The policy as data: the same value analysis and lint read. Throws when the construct could
   * not build one (its synth errors say why).
   */
  public get spec(): PolicySpec {
    if (!this._spec) throw new Error(`[${this.node.path}] has no policy: ${this._problems.join('; ')}`);
    return this._spec;
  }

  /**
   * The policy's own synth errors: a missing namespace, a name clash, and what the API server
   * would reject.
   * @internal
   */
  public _ownErrors(): string[] {
    return this.validatePolicy();
  }

  private validatePolicy(): string[] {
    if (!this._spec) return [...this._problems];
    // The model's checks are the API server's (VALIDATION.md), with fix hints; the rendered JSON
    // of a spec that passes them passes the server's checks too (test/property/synth-valid and
    // model-covers-server show it on random models), so the JSON is not validated a second time.
    const issues: Issue[] = this._spec.validate(true);
    if (issues.length === 0) return this._problems.length === 0 ? [] : [...this._problems];
    const seen = new Set<string>();
    const errors = [...this._problems];
    for (const issue of issues) {
      if (issue.severity !== Severity.ERROR) continue;
      const key = `${issue.field ?? ''}: ${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(NetpolValidationError.format([issue]));
    }
    return errors;
  }
}

/**
 * The lines of an error thrown while building a policy, one synth error each, so that cdk8s puts
 * the construct path in front of every one (a NetpolValidationError has one line per issue).
 * @internal
 */
export function errorLines(e: unknown): string[] {
  return (e instanceof Error ? e.message : String(e)).split('\n').filter((line) => line.trim() !== '');
}
