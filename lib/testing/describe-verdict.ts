import { MissedPart, RuleMatch, RuleMiss, SideOutcome, SideVerdict, Verdict } from '../analysis';
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

function miss(m: RuleMiss): string {
  return m.missed === MissedPart.PORTS
    ? `${m.policy} ${m.field} matches the peer but only ports ${m.expected}`
    : `${m.policy} ${m.field} matches the port but only peers ${m.expected}`;
}

/** The near misses of a denied side, one line each. */
function misses(side: SideVerdict): string[] {
  return side.allowed ? [] : side.nearMisses.map((m) => `    near miss: ${miss(m)}`);
}

/** A verdict as indented lines: both sides (with near misses when denied), then notes. */
export function describeVerdict(v: Verdict): string {
  const lines = [
    `${v.from} -> ${v.to} on ${v.port}/${v.protocol}: ${v.allowed ? 'ALLOWED' : 'DENIED'}`,
    `  ${describeSide(v.egress)}`,
    ...misses(v.egress),
    `  ${describeSide(v.ingress)}`,
    ...misses(v.ingress),
    ...v.notes.map((n) => `  note: ${n}`),
  ];
  return lines.join('\n');
}
