import { Construct, IConstruct } from 'constructs';
import { INTENT_ANNOTATION, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../patterns/audit';
import { checkFactoryProps, isBoolean, optional, quote } from '../model/props-check';

/** PolicyMetadataOptions as checked at run time. */
const OPTIONS = { audit: optional(isBoolean, 'auditMetadata', 'enabled') };

/** Options of `PolicyMetadata.configure`. */
export interface PolicyMetadataOptions {
  /**
   * Write the audit metadata on every policy of the App: the label
   * `app.kubernetes.io/managed-by: cdk8s-netpol` and the annotation `netpol.cdk8s.io/intent`.
   * `false` writes neither (except where a construct's own `labels`/`annotations` give them);
   * the pattern constructs keep their `netpol.cdk8s.io/pattern` label, which names the bundle.
   * @default true
   */
  readonly audit?: boolean;
}

const metadataOfApp = new WeakMap<IConstruct, PolicyMetadata>();

/**
 * The audit metadata of an App's policies. By default every policy this library writes, core
 * and cluster constructs and patterns alike, carries the label
 * `app.kubernetes.io/managed-by: cdk8s-netpol` and a `netpol.cdk8s.io/intent` annotation stating
 * in one sentence what it allows (a pattern's own sentence, else one generated from the policy),
 * so `kubectl get netpol -A -l app.kubernetes.io/managed-by=cdk8s-netpol` lists them and a
 * reviewer reads why each exists. Labels and annotations given to a construct (or its chart's
 * labels) win over these. They never change what a policy allows.
 *
 * The setting is read when each policy is added, so configure it right after `new App()`;
 * changing it once a policy has been written the other way is an error. A construct's
 * `auditMetadata` prop overrides it for that construct.
 *
 * @example
 * PolicyMetadata.of(app).configure({ audit: false });
 */
export class PolicyMetadata {
  /** The standard label naming the managing tool. */
  public static readonly MANAGED_BY_LABEL: string = MANAGED_BY_LABEL;
  /** Its value on every policy this library writes. */
  public static readonly MANAGED_BY: string = MANAGED_BY_VALUE;
  /** The annotation stating a policy's intent in one sentence. */
  public static readonly INTENT_ANNOTATION: string = INTENT_ANNOTATION;

  /** The audit metadata settings of the App that holds `scope` (the App itself, a Chart or any construct in it). */
  public static of(scope: IConstruct): PolicyMetadata {
    if (!Construct.isConstruct(scope)) throw new Error(`PolicyMetadata.of: scope: Invalid value: ${quote(scope)}: must be a construct (the App or a Chart)`);
    const root = scope.node.root;
    let found = metadataOfApp.get(root);
    if (!found) {
      found = new PolicyMetadata();
      metadataOfApp.set(root, found);
    }
    return found;
  }

  private _audit = true;
  /** The first policy written under the current setting, which fixes it. */
  private firstPolicy?: string;

  private constructor() {}

  /** Whether the App's policies carry the audit metadata, unless a construct says otherwise (default true). */
  public get audit(): boolean {
    return this._audit;
  }

  /**
   * Sets the App's options; options not given stay as they are.
   * @returns these settings, to chain calls
   */
  public configure(options: PolicyMetadataOptions): PolicyMetadata {
    checkFactoryProps('PolicyMetadata.configure', OPTIONS, options, 'options');
    if (options.audit !== undefined && options.audit !== this.audit && this.firstPolicy !== undefined) {
      throw new Error(`PolicyMetadata.configure: audit: policies were already written with audit ${this.audit} (the first: [${this.firstPolicy}]); `
        + `call PolicyMetadata.of(app).configure({ audit: ${options.audit} }) right after new App(), before adding policies`);
    }
    if (options.audit !== undefined) this._audit = options.audit;
    return this;
  }

  /**
   * Whether the policy at `path` carries the audit metadata: `own` (its `auditMetadata` prop) or
   * the App's setting, which is then fixed.
   * @internal
   */
  public _auditOf(path: string, own: boolean | undefined): boolean {
    if (own !== undefined) return own;
    this.firstPolicy ??= path || '<root>';
    return this._audit;
  }
}
