import { Construct, IConstruct } from 'constructs';
import { PolicySpec } from '../../model';
import { toDnsName } from '../../model/validation';
import { DEFAULT_EXCLUDED_NAMESPACES, coveredNamespaces } from '../../patterns';
import { BaselineOptions } from './baseline-options';
import { NamespaceBaseline } from './namespace-baseline';
import { BASELINE_OPTIONS } from './baseline-options';
import { STRINGS } from '../prop-checks';
import { optional, propsIssues } from '../../model/props-check';
import { NetpolValidationError } from '../../model/validation-error';
import { isKplusNamespace } from '../interop/kplus-shape';

/** ClusterBaselineProps as checked at run time. */
const PROPS = { ...BASELINE_OPTIONS, namespaces: optional(STRINGS, 'namespace'), exclude: optional(STRINGS, 'excluded') };

/** Props of ClusterBaseline. */
export interface ClusterBaselineProps extends BaselineOptions {
  /**
   * The namespaces to lock down. Listing an excluded namespace is an error.
   * @default - every cdk8s-plus `Namespace` defined in the app (before this construct)
   */
  readonly namespaces?: string[];

  /**
   * Namespaces never locked down. Replaces the default list; spread
   * `ClusterBaseline.DEFAULT_EXCLUDED_NAMESPACES` to extend it.
   * @default ClusterBaseline.DEFAULT_EXCLUDED_NAMESPACES (kube-system, kube-public, kube-node-lease)
   */
  readonly exclude?: string[];
}

/**
 * A `NamespaceBaseline` in every namespace: listed ones, or every cdk8s-plus `Namespace` of the
 * app, minus the control plane's namespaces.
 *
 * Standard NetworkPolicy is namespaced (docs/semantics.md rule 3) and has no cluster-wide form, so the
 * same set of policies is emitted once per namespace (a child `NamespaceBaseline` whose id is the
 * namespace). Namespaces are discovered when this construct is created: a cdk8s-plus `Namespace`
 * defined afterwards is reported at synth time instead of being silently left open.
 */
export class ClusterBaseline extends Construct {
  /** The control plane's namespaces, left alone by default: locking them down breaks DNS and add-ons. */
  public static readonly DEFAULT_EXCLUDED_NAMESPACES: string[] = [...DEFAULT_EXCLUDED_NAMESPACES];

  /** The namespaces covered, sorted. */
  public readonly namespaces: string[];

  /** One baseline per covered namespace, in namespace order. */
  public readonly baselines: NamespaceBaseline[];

  /** Every policy of every baseline, as data (the same values analysis and lint read). */
  public get specs(): PolicySpec[] {
    return this.baselines.flatMap((b) => b.specs);
  }

  public constructor(scope: Construct, id: string, props: ClusterBaselineProps = {}) {
    super(scope, id);
    const propProblems = propsIssues(PROPS, props).map((i) => NetpolValidationError.format([i]));
    if (propProblems.length > 0) {
      // Nothing is built from props that do not fit; each problem is a synth error.
      this.namespaces = [];
      this.baselines = [];
      this.node.addValidation({ validate: () => propProblems });
      return;
    }
    const listed = props.namespaces !== undefined;
    const exclude = props.exclude ?? [...DEFAULT_EXCLUDED_NAMESPACES];
    const problems: string[] = [];
    let namespaces: string[] = [];
    try {
      namespaces = coveredNamespaces({ namespaces: props.namespaces ?? [], discovered: listed ? [] : discoverNamespaces(this), exclude });
      if (!listed && namespaces.length === 0) {
        problems.push('namespaces: no cdk8s-plus Namespace found in the app before this construct, and none listed; '
          + 'define the Namespaces first or pass `namespaces: [...]`');
      }
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
    this.namespaces = namespaces;
    const { namespaces: _n, exclude: _e, ...baseline } = props;
    this.baselines = namespaces.map((namespace) => new NamespaceBaseline(this, namespace, {
      ...baseline,
      namespace,
      name: props.name ?? toDnsName(id),
    }));
    this.node.addValidation({
      validate: () => {
        if (listed || problems.length > 0) return problems;
        const late = discoverNamespaces(this).filter((ns) => !exclude.includes(ns) && !namespaces.includes(ns));
        return late.map((ns) => `namespaces: Namespace ${JSON.stringify(ns)} was defined after this ClusterBaseline and is not covered; `
          + 'define the Namespaces before the ClusterBaseline, or list them in `namespaces`');
      },
    });
  }
}

/** Names of every cdk8s-plus Namespace in the app. */
function discoverNamespaces(from: IConstruct): string[] {
  return from.node.root.node.findAll().filter(isKplusNamespace).map((ns) => ns.name);
}
