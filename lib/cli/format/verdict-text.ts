import { ClusterPolicyStep, SideOutcome, SideVerdict, Verdict } from '../../analysis';
import { escapeControlChars as t } from '../../model/untrusted-text';
import { Style } from '../style';

/** Where a policy's rule is written: `file:line`, when known. */
export type Locate = (policy: string, field: string) => string | undefined;

/** The verdict, then each side: who isolates it and which rules allowed it. Names are shown with control characters escaped. */
export function formatVerdictText(v: Verdict, style: Style, locate: Locate): string {
  const head = `${t(v.from)} -> ${t(v.to)} on ${v.port}/${v.protocol}: ${v.allowed ? style.green('ALLOWED') : style.red('DENIED')}`;
  const lines = [style.bold(head)];
  if (v.loopback) lines.push('  a pod\'s traffic to itself is always allowed (loopback)');
  lines.push(...side('egress of', v.egress, style, locate), ...side('ingress of', v.ingress, style, locate));
  for (const n of v.notes) lines.push(`  ${style.dim('note:')} ${t(n)}`);
  return lines.join('\n') + '\n';
}

function side(label: string, s: SideVerdict, style: Style, locate: Locate): string[] {
  const mark = s.allowed ? style.green('allowed') : style.red('denied');
  const out: string[] = [];
  // docs/cluster-network-policy.md rule 1: cluster policies met before (Pass) or after NetworkPolicy.
  const rule = (step: ClusterPolicyStep) => {
    const where = locate(step.policy, step.field);
    return `${t(step.policy)} ${step.field}${step.ruleName ? ` "${t(step.ruleName)}"` : ''}${where ? style.dim(` (${t(where)})`) : ''}`;
  };
  for (const step of s.clusterPolicySteps ?? []) {
    if (step.action === 'Pass') out.push(`  ${label} ${t(s.endpoint)}: ${rule(step)} (${step.tier} tier) passes it on`);
  }
  switch (s.outcome) {
    case SideOutcome.NOT_ISOLATED:
      // With cluster policies (decidedBy set), none of their rules decided: the default, allow (CNP rule 1).
      out.push(s.decidedBy === undefined
        ? `  ${label} ${t(s.endpoint)}: ${mark}: no policy selects it for ${s.direction.toLowerCase()}, so everything is allowed`
        : `  ${label} ${t(s.endpoint)}: ${mark}: no NetworkPolicy selects it for ${s.direction.toLowerCase()} and no cluster policy rule decides it, so it is allowed (the default)`);
      break;
    case SideOutcome.EXTERNAL:
      out.push(`  ${label} ${t(s.endpoint)}: ${mark}: an address outside the pod network has no policies`);
      break;
    case SideOutcome.HOST_NETWORK:
      out.push(`  ${label} ${t(s.endpoint)}: ${mark}: a hostNetwork pod is node traffic, not governed by policies`);
      break;
    case SideOutcome.FROM_OWN_NODE:
      out.push(`  ${label} ${t(s.endpoint)}: ${mark}: the source runs on its node, and traffic from a pod's own node is always allowed`);
      break;
    case SideOutcome.CLUSTER_POLICY_ACCEPTED:
    case SideOutcome.CLUSTER_POLICY_DENIED: {
      const step = (s.clusterPolicySteps ?? []).find((x) => x.action !== 'Pass');
      out.push(`  ${label} ${t(s.endpoint)}: ${mark}: decided in the ${s.decidedBy} tier by ${step ? `${rule(step)}: ${step.action}` : 'a cluster policy'}`);
      break;
    }
    default: {
      out.push(`  ${label} ${t(s.endpoint)}: ${mark}: isolated by ${t(s.policies.join(', '))}${s.decidedBy ? ' (NetworkPolicy tier)' : ''}`);
      if (s.allowedBy.length === 0) {
        out.push(`    no ${s.direction.toLowerCase()} rule of these policies matches this peer and port`);
      }
      for (const m of s.allowedBy) {
        const where = locate(m.policy, m.field);
        out.push(`    allowed by ${t(`${m.policy} ${m.field}: ${m.peer} on ${m.port}`)}${where ? style.dim(` (${t(where)})`) : ''}`);
      }
    }
  }
  return out;
}
