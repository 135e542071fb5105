import { IpBlockPeer, LabelSelector, NAMESPACE_NAME_LABEL, Peer, Port, SelectorPeer } from '../model';

// One-sentence, human descriptions of selectors, peers and ports for the intent annotation.
// They restate Kubernetes semantics: a podSelector alone means the policy's own namespace
// (docs/semantics.md rule 16); both selectors in one peer mean AND (rule 18).

/**
 * `pods labelled app=postgres`, or `every pod` for `{}`; with `namespace` (a policy's own target,
 * which always lies in the policy's namespace, rule 3) `{}` reads `every pod in namespace payments`.
 */
export function describePods(selector: LabelSelector, namespace?: string): string {
  if (!selector.isEverything()) return `pods labelled ${selector}`;
  return namespace === undefined ? 'every pod' : `every pod in namespace ${namespace}`;
}

function describeNamespaces(selector: LabelSelector): string {
  if (selector.isEverything()) return 'any namespace';
  const labels = Object.keys(selector.matchLabels);
  if (labels.length === 1 && labels[0] === NAMESPACE_NAME_LABEL && selector.matchExpressions.length === 0) {
    return `namespace ${selector.matchLabels[NAMESPACE_NAME_LABEL]}`;
  }
  const only = selector.matchExpressions[0];
  if (labels.length === 0 && selector.matchExpressions.length === 1 && only.key === NAMESPACE_NAME_LABEL && only.operator === 'In') {
    return `namespaces ${(only.values ?? []).join(', ')}`;
  }
  return `namespaces labelled ${selector}`;
}

/** One peer: `pods labelled app=prometheus in namespace monitoring`, `10.0.0.0/8 except 10.99.0.0/16`. */
export function describePeer(peer: Peer): string {
  if (peer instanceof IpBlockPeer) return peer.except.length > 0 ? `${peer.cidr} except ${peer.except.join(', ')}` : peer.cidr;
  const p = peer as SelectorPeer;
  if (!p.namespaceSelector) return describePods(p.podSelector ?? LabelSelector.everything());
  const pods = p.podSelector ? describePods(p.podSelector) : 'every pod';
  return `${pods} in ${describeNamespaces(p.namespaceSelector)}`;
}

/** Peers joined with "or" (they are ORed). */
export function describePeers(peers: Peer[]): string {
  return peers.map(describePeer).join(' or ');
}

/** `TCP 5432`, `TCP 9090-9100`, `TCP port "metrics"`, `all UDP ports`. */
export function describePort(port: Port): string {
  if (port.name !== undefined) return `${port.protocol} port "${port.name}"`;
  if (port.port === undefined) return `all ${port.protocol} ports`;
  return port.endPort !== undefined ? `${port.protocol} ${port.port}-${port.endPort}` : `${port.protocol} ${port.port}`;
}

/** Ports joined with "and"; `any port` when the list is empty (rule 14). */
export function describePorts(ports: Port[]): string {
  return ports.length === 0 ? 'any port' : ports.map(describePort).join(' and ');
}
