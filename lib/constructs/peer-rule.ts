import { Port, Rule } from '../model';
import { PeerLike, toPeers } from './interop/accept';

/**
 * The one rule of AllowFrom / AllowTo. The peer list is required and non-empty: an empty or
 * missing list would mean every peer (docs/semantics.md rule 13), which must be asked for by name.
 * An empty port list would mean every port (rule 14): leave `ports` out for that.
 */
export function peerRule(field: 'from' | 'to', peers: PeerLike[] | undefined, ports: Port[] | undefined): Rule {
  if (!peers || peers.length === 0) {
    throw new Error(
      `${field}: ${peers ? 'an empty list' : 'no peers'} would allow every ${field === 'from' ? 'source' : 'destination'}; `
      + 'list the peers, or use Peer.anyPodInCluster() and ...Peer.anywhere() if everyone is meant',
    );
  }
  if (ports !== undefined && ports.length === 0) {
    throw new Error('ports: an empty list would allow every port; leave `ports` out if that is meant, or list the ports');
  }
  return Rule.allow({ peers: toPeers(field, peers), ports });
}
