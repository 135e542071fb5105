import { LabelSelector, NAMESPACE_NAME_LABEL, SelectorOperator } from '../../model';
import { arrayOf, checkArg, checkArgs, instanceOf, isString } from '../../model/props-check';
import { dns1123LabelErrors, namespaceHint } from '../../model/validation';
import { Capability } from '../targets';

// Who a ClusterNetworkPolicy applies to (ClusterSubject) and whom its rules name (ClusterPeer),
// as the CRD writes them (docs/cluster-network-policy.md rules 5-8). Factories check their
// arguments when called; the rendered policy is validated again, whole, at synth time.

const SELECTOR = instanceOf(LabelSelector, 'a LabelSelector (LabelSelector.labels(...), LabelSelector.everything())');
const OPTIONAL_SELECTOR = (v: unknown, path: string, out: import('../../model').Issue[]) => { if (v !== undefined) SELECTOR(v, path, out); };

/** `kubernetes.io/metadata.name in (names)`: the label the control plane sets on every namespace. */
function namespacesNamed(where: string, names: string[]): LabelSelector {
  checkArgs(where, 'names', isString, names);
  if (names.length === 0) throw new Error(`${where}: names: Required value: give at least one namespace name (all namespaces: ${where.split('.')[0]}.allNamespaces())`);
  for (const [i, n] of names.entries()) {
    const problem = dns1123LabelErrors(n)[0];
    if (problem) {
      const hint = namespaceHint(n);
      throw new Error(`${where}: names[${i}]: Invalid value: ${JSON.stringify(n)}: ${problem}${hint ? ` (${hint})` : ''}`);
    }
  }
  const unique = [...new Set(names)];
  return unique.length === 1
    ? LabelSelector.labels({ [NAMESPACE_NAME_LABEL]: unique[0] })
    : LabelSelector.expressions({ key: NAMESPACE_NAME_LABEL, operator: SelectorOperator.IN, values: unique.sort() });
}

/** The JSON of `{namespaces: sel}` or `{pods: {namespaceSelector?, podSelector}}`. */
function podSetJson(namespaces: LabelSelector, pods: LabelSelector | undefined): { [key: string]: unknown } {
  if (pods === undefined) return { namespaces: namespaces.toJson() };
  // CNP rule 7: an omitted namespaceSelector means every namespace; written out only when narrowed.
  return { pods: namespaces.isEverything() ? { podSelector: pods.toJson() } : { namespaceSelector: namespaces.toJson(), podSelector: pods.toJson() } };
}

/**
 * The pods a ClusterNetworkPolicy applies to (`spec.subject`): every pod of some namespaces, or
 * the pods matching a selector in some namespaces. Selecting a pod does not isolate it: only the
 * policy's rules have an effect (docs/cluster-network-policy.md rule 5).
 */
export class ClusterSubject {
  /** Every pod of every namespace (`namespaces: {}`). */
  public static allNamespaces(): ClusterSubject {
    return new ClusterSubject(LabelSelector.everything(), undefined);
  }

  /** Every pod of the namespaces with these names. */
  public static namespaces(...names: string[]): ClusterSubject {
    return new ClusterSubject(namespacesNamed('ClusterSubject.namespaces', names), undefined);
  }

  /** Every pod of the namespaces matching `selector` (their labels). */
  public static namespacesMatching(selector: LabelSelector): ClusterSubject {
    checkArg('ClusterSubject.namespacesMatching', 'selector', SELECTOR, selector);
    return new ClusterSubject(selector, undefined);
  }

  /**
   * The pods matching `pods` in the namespaces matching `namespaces`.
   * @param namespaces @default - every namespace (unlike NetworkPolicy, where a bare pod selector means the policy's own namespace)
   */
  public static pods(pods: LabelSelector, namespaces?: LabelSelector): ClusterSubject {
    checkArg('ClusterSubject.pods', 'pods', SELECTOR, pods);
    checkArg('ClusterSubject.pods', 'namespaces', OPTIONAL_SELECTOR, namespaces);
    return new ClusterSubject(namespaces ?? LabelSelector.everything(), pods);
  }

  /** The namespaces selected. */
  public readonly namespaceSelector: LabelSelector;
  /** The pods selected in them; undefined for every pod. */
  public readonly podSelector?: LabelSelector;

  private constructor(namespaces: LabelSelector, pods: LabelSelector | undefined) {
    this.namespaceSelector = namespaces;
    this.podSelector = pods;
  }

  /** @internal */
  public _toJson(): { [key: string]: unknown } {
    return podSetJson(this.namespaceSelector, this.podSelector);
  }

  /** `every pod of namespaces team=a`, `pods app=web in every namespace`. */
  public toString(): string {
    const ns = this.namespaceSelector.isEverything() ? 'every namespace' : `namespaces ${this.namespaceSelector}`;
    return this.podSelector === undefined ? `every pod of ${ns}` : `pods ${this.podSelector} in ${ns}`;
  }
}

/** Which field a peer fills. */
type PeerKind = 'namespaces' | 'pods' | 'networks' | 'nodes' | 'domainNames';

/**
 * One peer of a ClusterNetworkPolicy rule (exactly one kind, docs/cluster-network-policy.md rule
 * 6): pods (of namespaces), networks (egress only), and on the experimental channel nodes and
 * domain names (egress only). Peers of a rule are ORed.
 */
export class ClusterPeer {
  /** Every pod of every namespace (`namespaces: {}`). Host-network pods are never peers. */
  public static allNamespaces(): ClusterPeer {
    return new ClusterPeer('namespaces', { namespaces: {} }, 'every pod of every namespace');
  }

  /** Every pod of the namespaces with these names. */
  public static namespaces(...names: string[]): ClusterPeer {
    const sel = namespacesNamed('ClusterPeer.namespaces', names);
    return new ClusterPeer('namespaces', podSetJson(sel, undefined), `every pod of namespaces ${names.join(', ')}`);
  }

  /** Every pod of the namespaces matching `selector`. */
  public static namespacesMatching(selector: LabelSelector): ClusterPeer {
    checkArg('ClusterPeer.namespacesMatching', 'selector', SELECTOR, selector);
    return new ClusterPeer('namespaces', podSetJson(selector, undefined), `every pod of namespaces ${selector}`);
  }

  /**
   * The pods matching `pods` in the namespaces matching `namespaces`.
   * @param namespaces @default - every namespace (docs/cluster-network-policy.md rule 7)
   */
  public static pods(pods: LabelSelector, namespaces?: LabelSelector): ClusterPeer {
    checkArg('ClusterPeer.pods', 'pods', SELECTOR, pods);
    checkArg('ClusterPeer.pods', 'namespaces', OPTIONAL_SELECTOR, namespaces);
    const ns = namespaces ?? LabelSelector.everything();
    return new ClusterPeer('pods', podSetJson(ns, pods), `pods ${pods} in ${ns.isEverything() ? 'every namespace' : `namespaces ${ns}`}`);
  }

  /**
   * Addresses in these CIDR blocks (egress only; there is no `except`). They match pods' own
   * addresses too: `0.0.0.0/0` also matches traffic to pods (docs/cluster-network-policy.md rule 8).
   */
  public static networks(...cidrs: string[]): ClusterPeer {
    checkArgs('ClusterPeer.networks', 'cidrs', isString, cidrs);
    return new ClusterPeer('networks', { networks: [...cidrs] }, `networks ${cidrs.join(', ')}`);
  }

  /** The addresses of the nodes matching `selector` (egress only; experimental channel). */
  public static nodes(selector: LabelSelector): ClusterPeer {
    checkArg('ClusterPeer.nodes', 'selector', SELECTOR, selector);
    return new ClusterPeer('nodes', { nodes: selector.toJson() }, `nodes ${selector}`);
  }

  /**
   * Domain names, exact or with a `*.` prefix for one or more whole labels (egress, Accept rules
   * only; experimental channel). Pair the Accept with a later egress Deny to make an allow-list.
   */
  public static domainNames(...names: string[]): ClusterPeer {
    checkArg('ClusterPeer.domainNames', 'names', arrayOf(isString, 'strings'), names);
    return new ClusterPeer('domainNames', { domainNames: [...names] }, `domain names ${names.join(', ')}`);
  }

  /** @internal */
  public readonly _kind: PeerKind;
  /** @internal */
  public readonly _json: { [key: string]: unknown };
  private readonly text: string;

  private constructor(kind: PeerKind, json: { [key: string]: unknown }, text: string) {
    this._kind = kind;
    this._json = json;
    this.text = text;
  }

  /** What the targets must express for this peer. @internal */
  public get _needs(): Capability[] {
    return this._kind === 'nodes' ? ['node-peers'] : this._kind === 'domainNames' ? ['domain-name-peers'] : [];
  }

  /** A short human form, e.g. `networks 169.254.169.254/32`. */
  public toString(): string {
    return this.text;
  }
}
