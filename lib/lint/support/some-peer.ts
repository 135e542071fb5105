import { Peer, Rule } from '../../model';

/** Whether some peer of some rule passes `test` (a plain loop: rules run it for every policy). */
export function somePeer(rules: Rule[], test: (peer: Peer) => boolean): boolean {
  for (const rule of rules) {
    for (const peer of rule.peers) if (test(peer)) return true;
  }
  return false;
}
