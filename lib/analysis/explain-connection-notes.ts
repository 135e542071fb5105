import { CnpAction, CnpSpec } from '../dialects/cluster-network-policy/model';
import { cnpPeerMatches, cnpRuleConnections, cnpSelects } from '../dialects/cluster-network-policy/semantics';
import { Cluster } from './cluster';
import { ConnectionSet } from './connection-set';
import { PairConnections } from './connections';
import { Endpoint } from './endpoint';
import { SideOutcome } from './verdict';
import { unknownMatch } from './tiers';

// `explain` without a port: the notes `unanalyzedPeerNotes` gives for one port, over the pair's
// whole connection set at once. docs/cluster-network-policy.md rule 8: a nodes or domainNames
// peer (or a networks peer toward a pod without a known IP) is taken as matching nothing, so
// every egress rule holding one that some connection reaches is named, with those connections.

/**
 * The egress rules of the source's cluster policies whose peers the analyzer could not match
 * against the destination, for the connections that reach them (no earlier rule of their tier
 * matched them; Baseline only when no NetworkPolicy isolates the source for egress, CNP rule 1).
 */
export function unanalyzedPeerNotesForPair(cluster: Cluster, from: string, to: string, pair: PairConnections): string[] {
  const tiers = cluster._tiers;
  if (!tiers) return [];
  const source = cluster._resolve(Endpoint.parse(from));
  const destination = cluster._resolve(Endpoint.parse(to));
  if (!source.isPod || source.hostNetwork) return [];
  const notes: string[] = [];
  /** Walks one tier over `reaching`; returns what no rule matched plus what a Pass sent on. */
  const walk = (ordered: CnpSpec[], reaching: ConnectionSet): ConnectionSet => {
    let undecided = reaching;
    let passed = ConnectionSet.none();
    for (const policy of ordered) {
      if (!cnpSelects(policy, source)) continue;
      policy.egress.forEach((rule, i) => {
        const hit = cnpRuleConnections(rule, destination).intersect(undecided);
        if (hit.isEmpty()) return;
        const unknown = [...new Set(rule.peers.map((p) => unknownMatch(p, destination)).filter((x): x is string => x !== undefined))];
        if (unknown.length > 0) {
          notes.push(`${policy.id} spec.egress[${i}]${rule.name ? ` "${rule.name}"` : ''} (${policy.tier} tier, ${rule.action}) has ${unknown.join(' and ')}: `
            + `the analyzer took it as not matching ${destination.id} (${hit}); if it does match, that rule decides those connections instead`);
        }
        if (!rule.peers.some((p) => cnpPeerMatches(p, destination))) return;
        // CNP rule 3: the first matching rule decides; CNP rule 4: Pass goes on to the next tier.
        undecided = undecided.subtract(hit);
        if (rule.action === CnpAction.PASS) passed = passed.union(hit);
      });
    }
    return undecided.union(passed);
  };
  const onward = walk(tiers.admin, ConnectionSet.all());
  // CNP rule 1: Baseline is reached only where no NetworkPolicy isolates the side.
  if (pair.egress.outcome === SideOutcome.NOT_ISOLATED) walk(tiers.baseline, onward);
  return notes;
}
