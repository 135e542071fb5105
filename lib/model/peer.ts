import { Issue, Severity } from './issue';
import { LabelSelector, LabelSelectorJson, SelectorOperator } from './label-selector';
import {
  INVALID_CIDR_MESSAGE,
  cidrHint,
  cidrStrictlyContains,
  dns1123LabelErrors,
  ipv4FormOfMapped,
  namespaceHint,
  parseCidr,
  parseIp,
} from './validation';
import { throwIfErrors } from './validation-error';
import { checkedOnce } from './checked-once';
import { quote } from './validation/quote';
import { checkArg, checkArgs, instanceOf, isString } from './props-check';

/** The label the control plane sets on every namespace (docs/semantics.md rule 20). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** JSON form of one NetworkPolicyPeer (one `from`/`to` entry). */
export interface PeerJson {
  readonly podSelector?: LabelSelectorJson;
  readonly namespaceSelector?: LabelSelectorJson;
  readonly ipBlock?: IpBlockJson;
}

/** JSON form of an IPBlock. */
export interface IpBlockJson {
  readonly cidr: string;
  readonly except?: string[];
}

/**
 * The other end of a connection: one `from` (ingress) or `to` (egress) entry.
 *
 * AND is one peer refined by chaining: `Peer.pods({app: 'web'}).inNamespace('shop')` renders as ONE
 * entry with both selectors (pods labelled app=web inside namespace shop). OR is a list of peers,
 * each its own entry. Allow-all is only available through named factories
 * (`Peer.anyPodInCluster()`, `Peer.anywhere()`); empty label maps are rejected.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
 */
export abstract class Peer {
  /**
   * Pods carrying all these labels, in the policy's own namespace. Chain `.inNamespace(...)` to
   * look in another namespace (AND).
   */
  public static pods(labels: { [key: string]: string }): PodPeer {
    return PodPeer._of(nonEmpty(labels, 'Peer.pods', 'Peer.sameNamespace()'));
  }

  /** Pods matching a selector, in the policy's own namespace. */
  public static podsMatching(selector: LabelSelector): PodPeer {
    return PodPeer._of(checkedSelector(selector, 'Peer.podsMatching', 'podSelector'));
  }

  /** Every pod of the policy's own namespace (`podSelector: {}`). */
  public static sameNamespace(): PodPeer {
    return PodPeer._of(LabelSelector.everything());
  }

  /** Every pod of the namespace with this name (selected by `kubernetes.io/metadata.name`). */
  public static namespace(name: string): NamespacePeer {
    return NamespacePeer._of(namespaceNameSelector('Peer.namespace', [name]));
  }

  /** Every pod of the namespaces with these names. */
  public static namespaces(...names: string[]): NamespacePeer {
    return NamespacePeer._of(namespaceNameSelector('Peer.namespaces', names));
  }

  /** Every pod of the namespaces carrying all these labels. */
  public static namespacesLabelled(labels: { [key: string]: string }): NamespacePeer {
    return NamespacePeer._of(nonEmpty(labels, 'Peer.namespacesLabelled', 'Peer.anyPodInCluster()'));
  }

  /** Every pod of the namespaces matching a selector. */
  public static namespacesMatching(selector: LabelSelector): NamespacePeer {
    return NamespacePeer._of(checkedSelector(selector, 'Peer.namespacesMatching', 'namespaceSelector'));
  }

  /** Every pod of every namespace (`namespaceSelector: {}`); never external IPs. */
  public static anyPodInCluster(): NamespacePeer {
    return NamespacePeer._of(LabelSelector.everything());
  }

  /**
   * The addresses of a CIDR block, minus the `except` blocks. The CIDR must be in canonical
   * `network/prefix` form; each except must lie strictly inside it, in the same address family.
   */
  public static ipBlock(cidr: string, ...except: string[]): IpBlockPeer {
    checkArg('Peer.ipBlock', 'cidr', isString, cidr);
    checkArgs('Peer.ipBlock', 'except', isString, except);
    const peer = IpBlockPeer._of(cidr, except);
    throwIfErrors(peer.validate('', true));
    return peer;
  }

  /** One IP address (`/32` for IPv4, `/128` for IPv6). */
  public static ip(address: string): IpBlockPeer {
    checkArg('Peer.ip', 'address', isString, address);
    const ip = parseIp(address);
    if (!ip) {
      throw new Error(`Peer.ip: ${JSON.stringify(address)} is not an IP address (for a block use Peer.ipBlock("10.0.0.0/8"))`);
    }
    return Peer.ipBlock(`${ip.toString()}/${ip.kind() === 'ipv4' ? 32 : 128}`);
  }

  /** Every IPv4 address (`0.0.0.0/0`), optionally minus some blocks. */
  public static anyIpv4(...except: string[]): IpBlockPeer {
    return Peer.ipBlock('0.0.0.0/0', ...except);
  }

  /** Every IPv6 address (`::/0`), optionally minus some blocks. */
  public static anyIpv6(...except: string[]): IpBlockPeer {
    return Peer.ipBlock('::/0', ...except);
  }

  /** Every address, IPv4 and IPv6: two peers, `0.0.0.0/0` and `::/0`. */
  public static anywhere(): Peer[] {
    return [Peer.anyIpv4(), Peer.anyIpv6()];
  }

  /**
   * Builds a peer from JSON without throwing; call `validate()` for its issues.
   * @internal
   */
  public static _fromJson(json: PeerJson): Peer {
    if (json.ipBlock) return IpBlockPeer._of(json.ipBlock.cidr, [...(json.ipBlock.except ?? [])]);
    const pods = json.podSelector ? LabelSelector._fromJson(json.podSelector) : undefined;
    const namespaces = json.namespaceSelector ? LabelSelector._fromJson(json.namespaceSelector) : undefined;
    if (pods && namespaces) return PodsInNamespacesPeer._of(pods, namespaces);
    if (namespaces) return NamespacePeer._of(namespaces);
    return PodPeer._of(pods ?? LabelSelector.everything());
  }

  /** The entry as it appears in a `from`/`to` list. */
  public abstract toJson(): PeerJson;

  /** A short human form, e.g. `pods app=web in namespaces kubernetes.io/metadata.name=shop`. */
  public abstract toString(): string;

  /**
   * API-server validation of this entry (V-5..V-10, V-20..V-24) with paths under `field`.
   * @param strictCidr report non-canonical CIDRs (host bits, leading zeros) as errors, as the SDK does
   */
  public abstract validate(field: string, strictCidr?: boolean): Issue[];
}

/** A peer chosen by label selectors: pods, namespaces, or pods inside namespaces. */
export abstract class SelectorPeer extends Peer {
  /** Pods to match; undefined means every pod of the selected namespaces. */
  public readonly podSelector?: LabelSelector;
  /** Namespaces to look in; undefined means the policy's own namespace. */
  public readonly namespaceSelector?: LabelSelector;

  protected constructor(podSelector?: LabelSelector, namespaceSelector?: LabelSelector) {
    super();
    this.podSelector = podSelector;
    this.namespaceSelector = namespaceSelector;
  }

  public toJson(): PeerJson {
    const out: { podSelector?: LabelSelectorJson; namespaceSelector?: LabelSelectorJson } = {};
    if (this.podSelector) out.podSelector = this.podSelector.toJson();
    if (this.namespaceSelector) out.namespaceSelector = this.namespaceSelector.toJson();
    return out;
  }

  public toString(): string {
    const pods = this.podSelector
      ? this.podSelector.isEverything() ? 'all pods' : `pods ${this.podSelector}`
      : 'all pods';
    if (!this.namespaceSelector) return `${pods} in the policy's namespace`;
    const ns = this.namespaceSelector;
    if (ns.isEverything()) return `${pods} in all namespaces`;
    const name = ns.matchLabels[NAMESPACE_NAME_LABEL];
    if (name !== undefined && Object.keys(ns.matchLabels).length === 1 && ns.matchExpressions.length === 0) {
      return `${pods} in namespace ${name}`;
    }
    return `${pods} in namespaces ${ns}`;
  }

  public validate(field: string, _strictCidr?: boolean): Issue[] {
    return checkedOnce(this, () => [
      ...(this.podSelector?.validate(`${field}.podSelector`) ?? []),
      ...(this.namespaceSelector?.validate(`${field}.namespaceSelector`) ?? []),
    ]);
  }
}

/** Pods in the policy's own namespace. Chain a namespace method to look elsewhere (AND). */
export class PodPeer extends SelectorPeer {
  /** @internal */
  public static _of(podSelector: LabelSelector): PodPeer {
    return new PodPeer(podSelector);
  }

  private constructor(podSelector: LabelSelector) {
    super(podSelector, undefined);
  }

  /** These pods, but in the namespace with this name instead (one entry, both selectors). */
  public inNamespace(name: string): PodsInNamespacesPeer {
    return PodsInNamespacesPeer._of(this.podSelector!, namespaceNameSelector('inNamespace', [name]));
  }

  /** These pods, in any of the namespaces with these names. */
  public inNamespaces(...names: string[]): PodsInNamespacesPeer {
    return PodsInNamespacesPeer._of(this.podSelector!, namespaceNameSelector('inNamespaces', names));
  }

  /** These pods, in the namespaces carrying all these labels. */
  public inNamespacesLabelled(labels: { [key: string]: string }): PodsInNamespacesPeer {
    return PodsInNamespacesPeer._of(this.podSelector!, nonEmpty(labels, 'inNamespacesLabelled', 'inAnyNamespace()'));
  }

  /** These pods, in the namespaces matching a selector. */
  public inNamespacesMatching(selector: LabelSelector): PodsInNamespacesPeer {
    return PodsInNamespacesPeer._of(this.podSelector!, checkedSelector(selector, 'inNamespacesMatching', 'namespaceSelector'));
  }

  /** These pods, in every namespace (`namespaceSelector: {}`). */
  public inAnyNamespace(): PodsInNamespacesPeer {
    return PodsInNamespacesPeer._of(this.podSelector!, LabelSelector.everything());
  }
}

/** Every pod of some namespaces. Chain `withPods` to narrow to some pods of them (AND). */
export class NamespacePeer extends SelectorPeer {
  /** @internal */
  public static _of(namespaceSelector: LabelSelector): NamespacePeer {
    return new NamespacePeer(namespaceSelector);
  }

  private constructor(namespaceSelector: LabelSelector) {
    super(undefined, namespaceSelector);
  }

  /** Only the pods carrying these labels, in these namespaces (one entry, both selectors). */
  public withPods(labels: { [key: string]: string }): PodsInNamespacesPeer {
    return PodsInNamespacesPeer._of(nonEmpty(labels, 'withPods', 'the namespace peer alone'), this.namespaceSelector!);
  }

  /** Only the pods matching a selector, in these namespaces. */
  public withPodsMatching(selector: LabelSelector): PodsInNamespacesPeer {
    return PodsInNamespacesPeer._of(checkedSelector(selector, 'withPodsMatching', 'podSelector'), this.namespaceSelector!);
  }
}

/**
 * Pods matching a pod selector inside namespaces matching a namespace selector: the AND form,
 * one entry carrying both selectors. Its namespace is fixed; there is no way to set another.
 */
export class PodsInNamespacesPeer extends SelectorPeer {
  /** @internal */
  public static _of(podSelector: LabelSelector, namespaceSelector: LabelSelector): PodsInNamespacesPeer {
    return new PodsInNamespacesPeer(podSelector, namespaceSelector);
  }

  private constructor(podSelector: LabelSelector, namespaceSelector: LabelSelector) {
    super(podSelector, namespaceSelector);
  }
}

/** An IP block: the addresses of `cidr` outside every `except` block (docs/semantics.md rules 21-25). */
export class IpBlockPeer extends Peer {
  /** The block, e.g. `10.0.0.0/8`. */
  public readonly cidr: string;
  /** Blocks inside `cidr` that are not part of this peer. */
  public readonly except: string[];

  /** @internal */
  public static _of(cidr: string, except: string[]): IpBlockPeer {
    return new IpBlockPeer(cidr, except);
  }

  private constructor(cidr: string, except: string[]) {
    super();
    this.cidr = cidr;
    this.except = Object.freeze([...except]) as string[];
  }

  public toJson(): PeerJson {
    return this.except.length > 0
      ? { ipBlock: { cidr: this.cidr, except: [...this.except] } }
      : { ipBlock: { cidr: this.cidr } };
  }

  public toString(): string {
    return this.except.length > 0 ? `${this.cidr} except ${this.except.join(', ')}` : this.cidr;
  }

  public validate(field: string, strictCidr?: boolean): Issue[] {
    // A block valid in one mode is valid in the other: non-strict reports a non-canonical CIDR
    // as a warning, so it is never marked valid.
    return checkedOnce(this, () => this.findIssues(field, strictCidr));
  }

  private findIssues(field: string, strictCidr?: boolean): Issue[] {
    const issues: Issue[] = [];
    const base = field ? `${field}.ipBlock` : 'ipBlock';
    if (!this.cidr) {
      issues.push({ code: 'V-20', severity: Severity.ERROR, field: `${base}.cidr`, message: 'Required value' });
      return issues;
    }
    const cidr = parseCidr(this.cidr);
    if (!cidr) {
      issues.push({ code: 'V-21', severity: Severity.ERROR, field: `${base}.cidr`, message: `Invalid value: ${quote(this.cidr)}: ${INVALID_CIDR_MESSAGE}`, hint: cidrHint(this.cidr) });
      return issues;
    }
    issues.push(...nonCanonical(cidr, `${base}.cidr`, strictCidr));
    this.except.forEach((text, k) => {
      const f = `${base}.except[${k}]`;
      const ex = parseCidr(text);
      if (!ex) {
        issues.push({ code: 'V-23', severity: Severity.ERROR, field: f, message: `Invalid value: ${quote(text)}: ${INVALID_CIDR_MESSAGE}`, hint: cidrHint(text) });
        return;
      }
      issues.push(...nonCanonical(ex, f, strictCidr));
      if (!cidrStrictlyContains(cidr, ex)) {
        const hint = ex.family !== cidr.family
          ? `${text} is ${ex.family === 'ipv4' ? 'IPv4' : 'IPv6'} but the cidr ${this.cidr} is not; put it in a separate ipBlock`
          : `an except must lie strictly inside ${cidr.canonical}`;
        issues.push({ code: 'V-24', severity: Severity.ERROR, field: f, message: `Invalid value: ${quote(text)}: must be a strict subset of \`cidr\``, hint });
      }
    });
    return issues;
  }
}

function nonCanonical(cidr: ReturnType<typeof parseCidr> & object, field: string, strict?: boolean): Issue[] {
  const severity = strict ? Severity.ERROR : Severity.WARNING;
  const issues: Issue[] = [];
  if (cidr.hostBitsSet) {
    const addr = cidr.text.slice(0, cidr.text.indexOf('/'));
    const host = `${addr}/${cidr.family === 'ipv4' ? 32 : 128}`;
    issues.push({
      code: 'V-22', severity, field,
      message: `Invalid value: ${quote(cidr.text)}: must not have bits set beyond the prefix length`,
      hint: `did you mean "${cidr.canonical}" or "${host}"?`,
    });
  }
  if (cidr.leadingZeros) {
    issues.push({ code: 'V-22', severity, field, message: `Invalid value: ${quote(cidr.text)}: must not have leading 0s in IP or prefix length`, hint: `did you mean "${cidr.canonical}"?` });
  }
  if (cidr.ipv4Mapped) {
    const v4 = ipv4FormOfMapped(cidr);
    issues.push({
      code: 'V-22', severity, field,
      message: `Invalid value: ${quote(cidr.text)}: must not have an IPv4-mapped IPv6 address`,
      hint: v4 ? `did you mean "${v4}"?` : 'write the block as a plain IPv4 CIDR',
    });
  }
  return issues;
}

function nonEmpty(labels: { [key: string]: string }, method: string, alternative: string): LabelSelector {
  if (labels !== null && typeof labels === 'object' && Object.keys(labels).length === 0) {
    throw new Error(`${method}: an empty label map would select everything; if that is meant, use ${alternative}`);
  }
  return LabelSelector._checked(method, 'labels', labels);
}

const SELECTOR = instanceOf(LabelSelector, 'a LabelSelector (LabelSelector.labels(...), LabelSelector.expressions(...))');

function checkedSelector(selector: LabelSelector, method: string, field: string): LabelSelector {
  checkArg(method, 'selector', SELECTOR, selector);
  throwIfErrors(selector.validate(field));
  return selector;
}

function namespaceNameSelector(method: string, names: string[]): LabelSelector {
  checkArgs(method, 'names', isString, names);
  if (names.length === 0) throw new Error(`${method}: at least one namespace name is required`);
  for (const name of names) {
    const errors = dns1123LabelErrors(name);
    if (errors.length > 0) {
      const hint = namespaceHint(name);
      throw new Error(`namespace ${JSON.stringify(name)} is not a valid namespace name: ${errors.join('; ')}${hint ? ` (${hint})` : ''}`);
    }
  }
  const unique = [...new Set(names)].sort();
  return unique.length === 1
    ? LabelSelector.labels({ [NAMESPACE_NAME_LABEL]: unique[0] })
    : LabelSelector.expressions({ key: NAMESPACE_NAME_LABEL, operator: SelectorOperator.IN, values: unique });
}
