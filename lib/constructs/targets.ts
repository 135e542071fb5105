import { Construct, IConstruct } from 'constructs';
import { checkArg, checkFactoryProps, oneOf, optional, quote } from '../model/props-check';

// The targets seam: which policy dialects the App's cluster enforces, and what each can express.
// A construct states the capabilities its intent needs (`Capability`); at synth time the App's
// targets are asked whether one of them has them all. When none has, synthesis fails naming the
// construct and the targets that could express it: never a silent approximation. The next
// dialects (CiliumNetworkPolicy, Calico v3) plug in by adding an entry to DIALECTS with their
// variants and capabilities, and constructs that render them.

/** A policy dialect a cluster may enforce. */
export enum Dialect {
  /** Kubernetes NetworkPolicy (networking.k8s.io/v1): every cluster with a policy-enforcing CNI. */
  NETWORK_POLICY = 'NetworkPolicy',
  /** ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2, network-policy-api v0.2.x). */
  CLUSTER_NETWORK_POLICY = 'ClusterNetworkPolicy',
}

/** Which ClusterNetworkPolicy CRD channel the cluster installed (exactly one is installed). */
export enum ClusterPolicyChannel {
  /** Peers: namespaces, pods and networks. */
  STANDARD = 'standard',
  /** The standard channel plus the egress peers `nodes` and `domainNames`. */
  EXPERIMENTAL = 'experimental',
}

/** Options of `Targets.support`. */
export interface DialectSupportOptions {
  /**
   * For ClusterNetworkPolicy: the CRD channel the cluster installed.
   * @default ClusterPolicyChannel.STANDARD
   */
  readonly channel?: ClusterPolicyChannel;
}

/**
 * What an intent needs a dialect to express.
 * @internal
 */
export type Capability =
  /** Namespaced allow-lists (NetworkPolicy). */
  | 'namespaced-allow'
  /** Cluster-scoped policies with Accept, Deny and Pass, ordered by tier and priority. */
  | 'cluster-tiers'
  /** Egress to nodes selected by label. */
  | 'node-peers'
  /** Egress to domain names. */
  | 'domain-name-peers';

/** One installable form of a dialect (a CRD channel, a version) and what it expresses. */
interface DialectVariant {
  readonly label: string;
  readonly channel?: ClusterPolicyChannel;
  readonly capabilities: readonly Capability[];
}

/** The registry: every dialect we render, with its variants. */
const DIALECTS: { readonly [dialect: string]: readonly DialectVariant[] } = {
  [Dialect.NETWORK_POLICY]: [{ label: 'NetworkPolicy', capabilities: ['namespaced-allow'] }],
  [Dialect.CLUSTER_NETWORK_POLICY]: [
    { label: 'ClusterNetworkPolicy (standard channel)', channel: ClusterPolicyChannel.STANDARD, capabilities: ['cluster-tiers'] },
    { label: 'ClusterNetworkPolicy (experimental channel)', channel: ClusterPolicyChannel.EXPERIMENTAL, capabilities: ['cluster-tiers', 'node-peers', 'domain-name-peers'] },
  ],
};

const OPTIONS = { channel: optional(oneOf(Object.values(ClusterPolicyChannel))) };
const DIALECT = oneOf(Object.values(Dialect));

const targetsOfApp = new WeakMap<IConstruct, Targets>();

/**
 * The policy dialects an App's cluster supports: NetworkPolicy always (the default), plus those
 * added with `support`. Constructs whose intent the supported dialects cannot express (a
 * ClusterNetworkPolicy when only NetworkPolicy is supported, a `nodes` peer on the standard
 * channel) fail synthesis with an error naming the construct and the targets that could express
 * it. Targets are read at synth time, so `support` may be called before or after the constructs
 * are added.
 *
 * @example
 * Targets.of(app).support(Dialect.CLUSTER_NETWORK_POLICY, { channel: ClusterPolicyChannel.STANDARD });
 */
export class Targets {
  /** The targets of the App that holds `scope` (the App itself, a Chart or any construct in it). */
  public static of(scope: IConstruct): Targets {
    if (!Construct.isConstruct(scope)) throw new Error(`Targets.of: scope: Invalid value: ${quote(scope)}: must be a construct (the App or a Chart)`);
    const root = scope.node.root;
    let targets = targetsOfApp.get(root);
    if (!targets) {
      targets = new Targets();
      targetsOfApp.set(root, targets);
    }
    return targets;
  }

  private readonly selected = new Map<string, DialectSupportOptions>([[Dialect.NETWORK_POLICY, {}]]);

  private constructor() {}

  /**
   * States that the cluster enforces `dialect`. For ClusterNetworkPolicy, a later call replaces
   * the channel of an earlier one (a cluster installs one channel).
   * @returns these targets, to chain calls
   */
  public support(dialect: Dialect, options: DialectSupportOptions = {}): Targets {
    checkArg('Targets.support', 'dialect', DIALECT, dialect);
    checkFactoryProps('Targets.support', OPTIONS, options, 'options');
    if (options.channel !== undefined && dialect !== Dialect.CLUSTER_NETWORK_POLICY) {
      throw new Error(`Targets.support: options.channel: only ClusterNetworkPolicy has channels; remove it for ${dialect}`);
    }
    this.selected.set(dialect, dialect === Dialect.CLUSTER_NETWORK_POLICY ? { channel: options.channel ?? ClusterPolicyChannel.STANDARD } : {});
    return this;
  }

  /** Whether the cluster enforces `dialect`. */
  public supports(dialect: Dialect): boolean {
    return this.selected.has(dialect);
  }

  /** The ClusterNetworkPolicy channel, or undefined when ClusterNetworkPolicy is not supported. */
  public get clusterPolicyChannel(): ClusterPolicyChannel | undefined {
    return this.selected.get(Dialect.CLUSTER_NETWORK_POLICY)?.channel;
  }

  /** The supported targets, e.g. `NetworkPolicy`, `ClusterNetworkPolicy (standard channel)`. */
  public get supported(): string[] {
    return this.variants().map((v) => v.label);
  }

  /**
   * Why the App cannot express an intent needing `needs` (`what` names the intent), or undefined
   * when one supported target has every capability.
   * @internal
   */
  public _cannotExpress(what: string, needs: readonly Capability[]): string | undefined {
    const fits = (v: DialectVariant) => needs.every((n) => v.capabilities.includes(n));
    if (this.variants().some(fits)) return undefined;
    const could = Object.values(DIALECTS).flat().filter(fits).map((v) => v.label);
    const how = could.length === 0 ? 'no dialect we render can express it'
      : `it needs ${could.join(' or ')}: if the cluster has it, state so with Targets.of(app).support(${supportCall(could[0])})`;
    return `targets: ${what} cannot be expressed in the App's targets (${this.supported.join(', ')}); ${how}`;
  }

  private variants(): DialectVariant[] {
    const out: DialectVariant[] = [];
    for (const [dialect, options] of this.selected) {
      for (const v of DIALECTS[dialect]) if (v.channel === options.channel) out.push(v);
    }
    return out;
  }
}

function supportCall(label: string): string {
  if (!label.startsWith(Dialect.CLUSTER_NETWORK_POLICY)) return 'Dialect.NETWORK_POLICY';
  const channel = label.includes('experimental') ? 'EXPERIMENTAL' : 'STANDARD';
  return `Dialect.CLUSTER_NETWORK_POLICY, { channel: ClusterPolicyChannel.${channel} }`;
}
