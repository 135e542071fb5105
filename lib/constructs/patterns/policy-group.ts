import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PolicySpec } from '../../model';
import { NetworkPolicy } from '../network-policy';
import { derivePolicyName } from '../policy-name';
import { errorLines } from '../policy-object';
import { checkSuppression } from '../synth-lint';
import { Schema, propsIssues } from '../../model/props-check';
import { NetpolValidationError } from '../../model/validation-error';
import { copyMap, mergeMaps } from '../../model/string-map';
import { applyAuditMetadata } from '../../patterns/audit';
import { PolicyMetadata } from '../policy-metadata';

/** The metadata props a group may have. */
interface GroupMetadata {
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
  readonly auditMetadata?: boolean;
}

/**
 * The internal base of patterns that emit several policies: resolves the namespace like every
 * policy construct (props, else the chart's), runs a pure recipe, and emits each PolicySpec as a
 * `NetworkPolicy` child (one ApiObject each, with the per-namespace name clash check). A recipe
 * error or a missing namespace becomes a synth error carrying this construct's path.
 * @internal
 */
export abstract class PolicyGroup extends Construct {
  private readonly _policies: NetworkPolicy[] = [];
  private readonly _problems: string[] = [];
  private _given?: GroupMetadata;

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => [...this._problems] });
  }

  /** The policies, as data (the same values analysis and lint read). */
  public get specs(): PolicySpec[] {
    return this._policies.map((p) => p.spec);
  }

  /**
   * Silences one lint rule (`netpol rules`) for every policy of this pattern, with the reason a
   * reviewer reads; each policy also carries it as a `suppress.netpol.cdk8s.io/<rule-id>`
   * annotation, which `netpol check` honours.
   * @param ruleId the rule, e.g. `dns-egress-missing`
   * @param reason why the rule does not apply here
   */
  public suppressLint(ruleId: string, reason: string): void {
    checkSuppression(this.node.path, ruleId, reason);
    for (const p of this._policies) p.suppressLint(ruleId, reason);
  }

  /**
   * Whether the props fit their schema; when not, each problem is a synth error of the group
   * (`[path] props.x: ...`) and the caller builds nothing.
   * @internal
   */
  protected _checkProps(schema: Schema, props: unknown): boolean {
    const issues = propsIssues(schema, props);
    if (issues.length === 0) this._given = props as GroupMetadata;
    for (const issue of issues) this._problems.push(NetpolValidationError.format([issue]));
    return issues.length === 0;
  }

  /**
   * The name prefix: the `name` prop, else the construct id in DNS-1123 form.
   * @internal
   */
  protected _namePrefix(name: string | undefined): string {
    return name ?? derivePolicyName('', this.node.id);
  }

  /**
   * The namespace from the props or the chart; records a synth error when there is none.
   * @internal
   */
  protected _namespace(namespace: string | undefined): string | undefined {
    const ns = namespace !== undefined ? namespace : Chart.of(this).namespace;
    if (!ns) {
      this._problems.push(
        `namespace: no namespace for ${this.constructor.name} ${JSON.stringify(this.node.id)}: set \`namespace\` in its props or give its chart one `
        + "(new Chart(app, 'id', { namespace: 'payments' })); a policy without one lands in whatever namespace kubectl points at",
      );
    }
    return ns || undefined;
  }

  /**
   * Runs the recipe and emits its policies; an error becomes a synth error.
   * @internal
   */
  protected _emit(recipe: () => PolicySpec[]): void {
    let specs: PolicySpec[];
    try {
      specs = recipe();
    } catch (e) {
      this._problems.push(...errorLines(e));
      return;
    }
    // The recipe wrote the pattern's audit metadata; settled here with what the group was given
    // (its props, its chart's labels), and the children keep it as it is.
    const given = this._given ?? {};
    const audit = PolicyMetadata.of(this)._auditOf(this.node.path, given.auditMetadata);
    const labels = mergeMaps(Chart.of(this).labels, given.labels);
    const annotations = copyMap(given.annotations);
    for (const spec of specs) {
      applyAuditMetadata(spec, audit, { labels, annotations });
      this._policies.push(NetworkPolicy._fromSpec(this, spec.name, spec, audit));
    }
  }
}
