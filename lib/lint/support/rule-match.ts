import { IpBlockPeer, Protocol, Rule } from '../../model';
import { LintPod } from '../lint-context';
import { ClusterView } from './cluster-view';
import { ipBlockCoversCidr } from './ip-blocks';

/**
 * Rules 12-15: whether one ingress/egress rule of a policy in `policyNamespace` allows a
 * connection to or from `pod` on `port`/`protocol`. Ports are destination ports (rule 28), so
 * named ports resolve on `portsOf` (the destination pod, rule 30). A pod whose IP is unknown is
 * matched by an ipBlock only when that block covers a whole pod CIDR.
 */
export function ruleAllows(
  view: ClusterView,
  rule: Rule,
  policyNamespace: string,
  pod: LintPod,
  port: number,
  protocol: Protocol,
  portsOf: LintPod,
  podCidrs: string[],
): boolean {
  const peerOk = rule.peers.length === 0 || rule.peers.some((peer) => {
    if (peer instanceof IpBlockPeer && pod.ip === undefined) {
      return podCidrs.some((c) => ipBlockCoversCidr(peer, c));
    }
    return view.peerMatchesPod(peer, policyNamespace, pod);
  });
  if (!peerOk) return false;
  return rule.ports.length === 0 || rule.ports.some((p) => p.matches(port, protocol, portsOf.ports));
}
