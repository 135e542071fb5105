import { SideOutcome, SideVerdict, Verdict } from '../../analysis';
import { Style } from '../style';

/** Where a policy's rule is written: `file:line`, when known. */
export type Locate = (policy: string, field: string) => string | undefined;

/** The verdict, then each side: who isolates it and which rules allowed it. */
export function formatVerdictText(v: Verdict, style: Style, locate: Locate): string {
  const head = `${v.from} -> ${v.to} on ${v.port}/${v.protocol}: ${v.allowed ? style.green('ALLOWED') : style.red('DENIED')}`;
  const lines = [style.bold(head)];
  if (v.loopback) lines.push('  a pod\'s traffic to itself is always allowed (loopback)');
  lines.push(...side('egress of', v.egress, style, locate), ...side('ingress of', v.ingress, style, locate));
  for (const n of v.notes) lines.push(`  ${style.dim('note:')} ${n}`);
  return lines.join('\n') + '\n';
}

function side(label: string, s: SideVerdict, style: Style, locate: Locate): string[] {
  const mark = s.allowed ? style.green('allowed') : style.red('denied');
  const out: string[] = [];
  // docs/cluster-network-policy.md rule 1: cluster policies met before (Pass) or after NetworkPolicy.
  for (const step of s.clusterPolicySteps ?? []) {
    if (step.action === 'Pass') out.push(`  ${label} ${s.endpoint}: ${step.policy} ${step.field} (${step.tier} tier) passes it on`);
  }
  switch (s.outcome) {
    case SideOutcome.NOT_ISOLATED:
      out.push(`  ${label} ${s.endpoint}: ${mark}: no policy selects it for ${s.direction.toLowerCase()}, so everything is allowed`);
      break;
    case SideOutcome.EXTERNAL:
      out.push(`  ${label} ${s.endpoint}: ${mark}: an address outside the pod network has no policies`);
      break;
    case SideOutcome.HOST_NETWORK:
      out.push(`  ${label} ${s.endpoint}: ${mark}: a hostNetwork pod is node traffic, not governed by policies`);
      break;
    case SideOutcome.CLUSTER_POLICY_ACCEPTED:
    case SideOutcome.CLUSTER_POLICY_DENIED: {
      const step = (s.clusterPolicySteps ?? []).find((x) => x.action !== 'Pass');
      out.push(`  ${label} ${s.endpoint}: ${mark}: decided in the ${s.decidedBy} tier by ${step ? `${step.policy} ${step.field} (${step.action})` : 'a cluster policy'}`);
      break;
    }
    default: {
      out.push(`  ${label} ${s.endpoint}: ${mark}: isolated by ${s.policies.join(', ')}${s.decidedBy ? ' (NetworkPolicy tier)' : ''}`);
      if (s.allowedBy.length === 0) {
        out.push(`    no ${s.direction.toLowerCase()} rule of these policies matches this peer and port`);
      }
      for (const m of s.allowedBy) {
        const where = locate(m.policy, m.field);
        out.push(`    allowed by ${m.policy} ${m.field}: ${m.peer} on ${m.port}${where ? style.dim(` (${where})`) : ''}`);
      }
    }
  }
  return out;
}
