import { IpBlockPeer, Peer, PolicySpec, PolicyType, Protocol, Rule, SelectorPeer } from '../model';
import { ParsedCidr, ipInCidr, parseCidr } from '../model/validation';
import { Subject } from './subject';

// The NetworkPolicy evaluation rules of docs/semantics.md, each written once.
// Both the single-flow explanation (explain.ts) and the class matrix (matrix-compute.ts) are built
// from these predicates. Where the other rules live:
// - Rule 5 (policyTypes defaulting, by the egress list's length) is applied by the PolicySpec
//   constructor (model/policy-spec.ts), so every PolicySpec carries its effective policyTypes;
//   rule 4 (omitted podSelector) and rule 38 (a policy without namespace is placed, with a
//   warning) when a manifest is read (manifest/parse-network-policy.ts).
// - Rules 1, 2, 7, 9, 10, 11 (isolation and combining): explain.ts `evaluateSide`/`evaluateFlow`.
// - Rule 19 (label selector operators): LabelSelector.matches (model/label-selector.ts).
// - Rule 20 (kubernetes.io/metadata.name on every namespace): cluster.ts.
// - Rules 24, 25 (host bits, address families): parseCidr/ipInCidr (model/validation/cidr.ts).
// - Rules 26, 27, 29, 30, 32 (protocol default, all ports, endPort, named ports, protocols):
//   Port.matches (model/port.ts); checkProtocol (matrix.ts) rejects other protocols.
// - Rule 33 (a pod reaches itself): explain.ts `isLoopback`.
// - Rule 34 (traffic from a pod's own node): `fromOwnNode` below, where both nodes are known
//   (`spec.nodeName`); otherwise the verdict's notes say what the node would change.
// - Rule 36 (Services): a ClusterIP is resolved to the pods the Service selects, port to
//   targetPort, before evaluation (service.ts, Analyzer.checkAll); unknown backends are refused.
// Not modelled, on purpose: rule 37 (changes: the analyzer evaluates the state it is given).

/**
 * Whether `policy`'s podSelector selects the endpoint.
 * - Rule 11: an address outside the pod network is never selected (it has no policies).
 * - Rule 35: hostNetwork pods are treated as node traffic, which policies do not govern.
 * - Rule 3: selection is namespace-local.
 * - Rule 4: an empty podSelector selects every pod of the namespace.
 * - Rule 8: a policy selecting no pod has no effect (it simply never returns true).
 */
export function policySelects(policy: PolicySpec, s: Subject): boolean {
  if (!s.isPod || s.hostNetwork) return false;
  return policy.namespace === s.namespace && policy.podSelector.matches(s.labels as { [key: string]: string });
}

/**
 * Rule 6 (with rule 2): a policy isolates, and its rules count, only in the directions of its
 * (effective, rule 5) policyTypes; rules of another direction are inert.
 */
export function policyGoverns(policy: PolicySpec, direction: PolicyType): boolean {
  return policy.policyTypes.includes(direction);
}

/** The rules of `policy` for `direction`. */
export function rulesOf(policy: PolicySpec, direction: PolicyType): Rule[] {
  return direction === PolicyType.INGRESS ? policy.ingress : policy.egress;
}

/**
 * Whether one `from`/`to` entry of a policy in `policyNamespace` matches the remote endpoint.
 */
export function peerMatches(peer: Peer, policyNamespace: string, remote: Subject): boolean {
  if (peer instanceof IpBlockPeer) return ipBlockMatches(peer, remote);
  const p = peer as SelectorPeer;
  // Rules 17, 18: selectors match pods only, never external addresses (not even `{}`).
  // Rule 35: hostNetwork pods are node traffic and are not matched by selectors.
  if (!remote.isPod || remote.hostNetwork) return false;
  // Rule 16: without namespaceSelector, only the policy's own namespace; rule 17: with one, the
  // namespaces whose labels it matches (rule 19 selector semantics, rule 20 automatic name label).
  const inNamespaces = p.namespaceSelector
    ? p.namespaceSelector.matches(remote.namespaceLabels as { [key: string]: string })
    : remote.namespace === policyNamespace;
  if (!inNamespaces) return false;
  // Rule 18: both selectors in one entry are ANDed; no podSelector means every pod of them.
  return p.podSelector ? p.podSelector.matches(remote.labels as { [key: string]: string }) : true;
}

interface CompiledBlock {
  readonly cidr?: ParsedCidr;
  readonly except: ParsedCidr[];
}
const compiledBlocks = new WeakMap<IpBlockPeer, CompiledBlock>();

function compile(peer: IpBlockPeer): CompiledBlock {
  let c = compiledBlocks.get(peer);
  if (!c) {
    // Rule 24: a cidr with host bits set is read as its network (parseCidr clears them).
    // An unparseable cidr (rejected by the API server, V-21) matches nothing; an unparseable
    // except (V-23) excludes nothing.
    c = { cidr: parseCidr(peer.cidr), except: peer.except.map((e) => parseCidr(e)).filter((e): e is ParsedCidr => !!e) };
    compiledBlocks.set(peer, c);
  }
  return c;
}

/**
 * Rule 21: an ipBlock matches an endpoint IP inside `cidr` and inside none of `except`; rule 23:
 * except only narrows this one peer. Rule 22: pod IPs are matched too (E2E/PA behaviour), as are
 * the node IPs of hostNetwork pods (rule 35). Rule 25: address families never mix (ipInCidr).
 * An endpoint without known IPs (a workload template) is never matched.
 */
export function ipBlockMatches(peer: IpBlockPeer, remote: Subject): boolean {
  const block = compile(peer);
  if (!block.cidr) return false;
  return remote.ips.some((ip) => ipInCidr(ip, block.cidr!) && !block.except.some((e) => ipInCidr(ip, e)));
}

/**
 * Rules 13, 15: the index of the first entry of the rule's peer list matching `remote`; -1 when
 * the list is empty (every peer matches); undefined when none matches.
 */
export function matchingPeer(rule: Rule, policyNamespace: string, remote: Subject): number | undefined {
  if (rule.peers.length === 0) return -1;
  const i = rule.peers.findIndex((p) => peerMatches(p, policyNamespace, remote));
  return i >= 0 ? i : undefined;
}

/**
 * Rule 14: an empty port list matches every port (-1). Otherwise the index of the first entry
 * matching the destination port, or undefined. `Port.matches` holds rules 26, 27, 29 and 32;
 * rule 28: ports are destination ports; rules 30, 31: named ports resolve on the destination pod
 * with the entry's protocol, and never on an external destination.
 */
export function matchingPort(rule: Rule, port: number, protocol: Protocol, destination: Subject | undefined): number | undefined {
  if (rule.ports.length === 0) return -1;
  const declared = destination?.isPod ? destination.containerPorts : undefined;
  const i = rule.ports.findIndex((p) => p.matches(port, protocol, declared));
  return i >= 0 ? i : undefined;
}

/**
 * Rule 34: "traffic to and from the node where a Pod is running is always allowed" ([DOCS]; [TYPES]
 * ingress: "OR if the traffic source is the pod's local node"). A hostNetwork pod's traffic is
 * node traffic (rule 35, the common behaviour this analyzer follows), so a hostNetwork source on
 * the destination pod's own node is always admitted by the destination's ingress. Only when both
 * nodes are known (`spec.nodeName`).
 */
export function fromOwnNode(source: Subject, destination: Subject): boolean {
  return source.isPod && source.hostNetwork && destination.isPod && !destination.hostNetwork
    && source.nodeName !== undefined && source.nodeName === destination.nodeName;
}

/** Whether the rule's port match can depend on the destination (it lists a named port). */
export function portsDependOnDestination(rule: Rule): boolean {
  return rule.ports.some((p) => p.name !== undefined);
}
