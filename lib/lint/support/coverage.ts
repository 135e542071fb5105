import { IpBlockPeer, Peer, Port, Rule, SelectorPeer } from '../../model';
import { cidrContains, parseCidr } from '../../model/validation';
import { cidrsOverlap } from './ip-blocks';
import { selectorCovers } from './selectors';

// Conservative "a is contained in b" tests on rules, peers and ports: true only when provable
// from the selectors and blocks alone (whatever pods exist).

/** Every connection peer `a` matches, `b` matches too (rules 16-18, 21). */
export function peerCovers(b: Peer, a: Peer): boolean {
  if (b instanceof SelectorPeer && a instanceof SelectorPeer) {
    let nsOk: boolean;
    if (!b.namespaceSelector) nsOk = !a.namespaceSelector; // both: the policy's own namespace
    else if (b.namespaceSelector.isEverything()) nsOk = true;
    else nsOk = a.namespaceSelector !== undefined && selectorCovers(b.namespaceSelector, a.namespaceSelector);
    const podsOk = !b.podSelector || b.podSelector.isEverything()
      || (a.podSelector !== undefined && selectorCovers(b.podSelector, a.podSelector));
    return nsOk && podsOk;
  }
  if (b instanceof IpBlockPeer && a instanceof IpBlockPeer) {
    const bc = parseCidr(b.cidr);
    const ac = parseCidr(a.cidr);
    if (!bc || !ac || !cidrContains(bc, ac)) return false;
    // Each of b's excepts that cuts into a must already be cut out of a.
    return b.except.every((e) => {
      const ex = parseCidr(e);
      if (!ex || !cidrsOverlap(ex, ac)) return true;
      return a.except.some((ae) => {
        const aex = parseCidr(ae);
        return aex !== undefined && cidrContains(aex, ex);
      });
    });
  }
  return false;
}

/** Every destination port `a` matches, `b` matches too (rules 26-30). */
export function portCovers(b: Port, a: Port): boolean {
  if (a.protocol !== b.protocol) return false;
  if (b.isAllPorts()) return true;
  if (b.name !== undefined || a.name !== undefined) return a.name === b.name;
  if (a.port === undefined || b.port === undefined) return false;
  return a.port >= b.port && (a.endPort ?? a.port) <= (b.endPort ?? b.port);
}

/** Rule `b` allows everything rule `a` allows (rules 12-15). */
export function ruleCovers(b: Rule, a: Rule): boolean {
  const peersOk = b.peers.length === 0 || (a.peers.length > 0 && a.peers.every((p) => b.peers.some((q) => peerCovers(q, p))));
  const portsOk = b.ports.length === 0 || (a.ports.length > 0 && a.ports.every((p) => b.ports.some((q) => portCovers(q, p))));
  return peersOk && portsOk;
}
