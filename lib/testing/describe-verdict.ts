import { RuleMatch, SideOutcome, SideVerdict, Verdict } from '../analysis';
import { PolicyType } from '../model';

// Verdicts in words, for assertion failures. Pure: no cdk8s here.

function match(m: RuleMatch): string {
  const peer = m.peerIndex === undefined ? 'every peer' : m.peer;
  const port = m.portIndex === undefined ? 'every port' : `port ${m.port}`;
  return `${m.policy} ${m.field} (${peer}, ${port})`;
}

/** One side of a verdict in one line. */
export function describeSide(side: SideVerdict): string {
  const what = side.direction === PolicyType.EGRESS ? `egress of ${side.endpoint}` : `ingress of ${side.endpoint}`;
  switch (side.outcome) {
    case SideOutcome.EXTERNAL:
      return `${what}: an address outside the cluster has no policies, so nothing restricts it`;
    case SideOutcome.HOST_NETWORK:
      return `${what}: a hostNetwork pod is node traffic, not governed by NetworkPolicy`;
    case SideOutcome.NOT_ISOLATED:
      return `${what}: not isolated (no policy selects it for ${side.direction}), so everything is allowed`;
    case SideOutcome.ALLOWED:
      return `${what}: isolated by ${side.policies.join(', ')}; allowed by ${side.allowedBy.map(match).join('; ')}`;
    default:
      return `${what}: isolated by ${side.policies.join(', ')}; no rule of these policies allows it`;
  }
}

/** A verdict as indented lines: both sides, then notes. */
export function describeVerdict(v: Verdict): string {
  const lines = [
    `${v.from} -> ${v.to} on ${v.port}/${v.protocol}: ${v.allowed ? 'ALLOWED' : 'DENIED'}`,
    `  ${describeSide(v.egress)}`,
    `  ${describeSide(v.ingress)}`,
    ...v.notes.map((n) => `  note: ${n}`),
  ];
  return lines.join('\n');
}
