import { IpBlockPeer, LabelSelector, NAMESPACE_NAME_LABEL, Peer, PolicySpec, PolicyType, Port, Rule, SelectorOperator, SelectorPeer } from '../model';
import { describePods, describePorts } from './describe';
import { patternPolicy } from './recipe';

// The other side of a flow. A connection needs the source's egress AND the destination's ingress
// (docs/semantics.md rule 10): a policy allowing ingress from some pods does nothing for those pods'
// egress. These helpers write the mirror: an egress policy in the client's namespace, selecting
// the client pods, allowing the server pods AND the server's namespace on the same ports.

/** One end of a flow: pods of ONE namespace, named. A policy can only select pods of its own namespace (rule 3). */
export interface FlowEnd {
  readonly pods: LabelSelector;
  readonly namespace: string;
}

/**
 * The peer matching `end` from a policy in `policyNamespace`, AND kept: the pods alone when the
 * end is in the policy's namespace (rule 16), else the pods AND the namespace in ONE entry (rule 18).
 */
export function peerOf(end: FlowEnd, policyNamespace: string): Peer {
  if (end.namespace === policyNamespace) return end.pods.isEverything() ? Peer.sameNamespace() : Peer.podsMatching(end.pods);
  return end.pods.isEverything() ? Peer.namespace(end.namespace) : Peer.podsMatching(end.pods).inNamespace(end.namespace);
}

/**
 * The client ends of an ingress rule's peers, for a policy in `policyNamespace`. A peer without a
 * namespaceSelector is in the policy's namespace (rule 16); a namespaceSelector must name its
 * namespaces (`kubernetes.io/metadata.name`, rule 20), since an egress policy must be written in
 * each. An ipBlock is an address, not pods: it has no policies of ours to open (rule 11).
 */
export function clientEnds(field: string, peers: Peer[], policyNamespace: string): FlowEnd[] {
  return peers.flatMap((peer, i) => {
    const where = `${field}[${i}] (${peer})`;
    if (peer instanceof IpBlockPeer) {
      throw new Error(`${where}: an IP block has no egress side to open (an address outside the pod network has no policies); `
        + 'open only the server side, or list the client pods instead');
    }
    const p = peer as SelectorPeer;
    const pods = p.podSelector ?? LabelSelector.everything();
    if (!p.namespaceSelector) return [{ pods, namespace: policyNamespace }];
    const names = namespaceNames(p.namespaceSelector);
    if (!names) {
      throw new Error(`${where}: the namespaces are chosen by labels, not by name, so the egress side cannot be written `
        + '(an egress policy lives in one namespace); name them (Peer.pods({...}).inNamespace(\'web\')), or open only the server side '
        + 'and add AllowTo in each client namespace');
    }
    return names.map((namespace) => ({ pods, namespace }));
  });
}

/** The namespace names a selector selects by `kubernetes.io/metadata.name` alone, or undefined. */
function namespaceNames(selector: LabelSelector): string[] | undefined {
  const labels = Object.keys(selector.matchLabels);
  const exprs = selector.matchExpressions;
  if (labels.length === 1 && labels[0] === NAMESPACE_NAME_LABEL && exprs.length === 0) return [selector.matchLabels[NAMESPACE_NAME_LABEL]];
  if (labels.length === 0 && exprs.length === 1 && exprs[0].key === NAMESPACE_NAME_LABEL && exprs[0].operator === SelectorOperator.IN) {
    return [...(exprs[0].values ?? [])];
  }
  return undefined;
}

/** What the mirror egress policy of one client end needs. */
export interface ClientEgressRecipe {
  readonly name: string;
  readonly client: FlowEnd;
  readonly server: FlowEnd;
  /** The destination ports, ORed; undefined for every port (rule 14). */
  readonly ports?: Port[];
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
  /** The pattern it mirrors, for the audit labels; undefined for a plain flow. */
  readonly pattern?: string;
}

/**
 * The client's side: an Egress policy in the client's namespace selecting the client pods and
 * allowing the server pods AND the server's namespace on the ports. Listing Egress isolates the
 * client pods for egress (rule 2): under an egress default deny that changes nothing else.
 */
export function clientEgress(r: ClientEgressRecipe): PolicySpec {
  const props = {
    name: r.name,
    namespace: r.client.namespace,
    labels: r.labels,
    annotations: r.annotations,
    podSelector: r.client.pods,
    policyTypes: [PolicyType.EGRESS],
    egress: [Rule.allow({ peers: [peerOf(r.server, r.client.namespace)], ports: r.ports })],
  };
  if (r.pattern === undefined) return PolicySpec.create(props);
  const intent = `${describePods(r.client.pods, r.client.namespace)} may connect to ${describePods(r.server.pods, r.server.namespace)}`
    + `${r.server.namespace === r.client.namespace ? '' : ` in namespace ${r.server.namespace}`} on ${describePorts(r.ports ?? [])} `
    + '(the client side of the flow)';
  return patternPolicy(r.pattern, intent, props);
}
