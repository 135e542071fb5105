import { PairConnections, SideConnections, SideOutcome } from '../../analysis';
import { escapeControlChars as t } from '../../model/untrusted-text';
import { Style } from '../style';
import { Locate } from './verdict-text';

/**
 * `explain` without a port: the pair's whole connection set, each side's policies and rules with
 * what each admits, then the set part by part with the rules behind each part.
 */
export function formatConnectionsText(pair: PairConnections, style: Style, locate: Locate): string {
  const parts = pair.parts;
  const set = pair.connections;
  const lines = [style.bold(`${t(pair.from)} -> ${t(pair.to)}: ${set.isEmpty() ? style.red(set.toString()) : style.green(set.toString())}`)];
  if (pair.loopback) lines.push('  a pod\'s traffic to itself is always allowed (loopback)');
  lines.push(...side('egress of', pair.egress, style, locate), ...side('ingress of', pair.ingress, style, locate));
  if (!pair.loopback && parts.length > 0) {
    lines.push('  part by part:');
    for (const p of parts) {
      const ports = p.fromPort === p.toPort ? `${p.fromPort}` : `${p.fromPort}-${p.toPort}`;
      const by = (list: string[], outcome: SideOutcome) => (list.length > 0 ? t(list.join(' or ')) : reasonOpen(outcome));
      lines.push(`    ${p.protocol} ${ports}: egress ${by(p.egressBy, pair.egress.outcome)}; ingress ${by(p.ingressBy, pair.ingress.outcome)}`);
    }
  }
  return lines.join('\n') + '\n';
}

function reasonOpen(outcome: SideOutcome): string {
  switch (outcome) {
    case SideOutcome.EXTERNAL: return 'open (outside the cluster: no policies)';
    case SideOutcome.HOST_NETWORK: return 'open (hostNetwork: node traffic)';
    case SideOutcome.FROM_OWN_NODE: return 'open (from the pod\'s own node)';
    default: return 'open (not isolated)';
  }
}

function side(label: string, s: SideConnections, style: Style, locate: Locate): string[] {
  const lines = nonClusterSide(label, s, style, locate);
  // docs/cluster-network-policy.md rules 1-4: what each cluster policy rule decided, in order.
  for (const step of s.clusterPolicySteps ?? []) {
    const where = locate(step.policy, step.field);
    lines.push(`    ${step.tier} tier: ${t(step.policy)} ${step.field}${step.ruleName ? ` "${t(step.ruleName)}"` : ''} `
      + `${step.action === 'Accept' ? 'accepts' : step.action === 'Deny' ? 'denies' : 'passes on'} ${step.connections}${where ? style.dim(` (${t(where)})`) : ''}`);
  }
  return lines;
}

function nonClusterSide(label: string, s: SideConnections, style: Style, locate: Locate): string[] {
  const what = s.connections.isEmpty() ? style.red(s.connections.toString()) : s.connections.toString();
  switch (s.outcome) {
    case SideOutcome.NOT_ISOLATED:
      return [`  ${label} ${t(s.endpoint)}: ${what}: no ${(s.clusterPolicySteps ?? []).length > 0 ? 'NetworkPolicy' : 'policy'} selects it for ${s.direction.toLowerCase()}`];
    case SideOutcome.EXTERNAL:
      return [`  ${label} ${t(s.endpoint)}: ${what}: an address outside the pod network has no policies`];
    case SideOutcome.HOST_NETWORK:
      return [`  ${label} ${t(s.endpoint)}: ${what}: a hostNetwork pod is node traffic, not governed by policies`];
    case SideOutcome.FROM_OWN_NODE:
      return [`  ${label} ${t(s.endpoint)}: ${what}: the source runs on its node, and traffic from a pod's own node is always allowed`];
    default: {
      const out = [`  ${label} ${t(s.endpoint)}: ${what}: isolated by ${t(s.policies.join(', '))}`];
      if (s.allowedBy.length === 0) out.push(`    no ${s.direction.toLowerCase()} rule of these policies matches this peer`);
      for (const r of s.allowedBy) {
        const where = locate(r.policy, r.field);
        out.push(`    ${t(r.policy)} ${r.field}: ${r.connections}${where ? style.dim(` (${t(where)})`) : ''}`);
      }
      return out;
    }
  }
}
