import { Issue, IpBlockPeer, Peer, Rule, SelectorPeer, Severity } from '../model';
import { LintPolicy, LintRule, RuleContext, policyIssue } from './lint-context';
import { asObject, effectivePolicy } from './support/effective-types';
import { isWholeInternet } from './support/ip-blocks';
import { somePeer } from './support/some-peer';

export const allowAllPeer: LintRule = {
  id: 'allow-all-peer',
  severity: Severity.WARNING,
  summary: 'A peer or rule that allows everything (`namespaceSelector: {}`, 0.0.0.0/0, `- {}`, a null matchLabels) in an otherwise narrow policy.',
  description:
    'Some shapes silently mean "everything": `namespaceSelector: {}` is every pod of every namespace; '
    + 'an ipBlock of 0.0.0.0/0 or ::/0 without except is every address, the pods and nodes of the '
    + 'cluster included; a rule `- {}` (or `from: []` without ports) allows every peer on every port; '
    + 'and a selector whose `matchLabels:` was left empty (null) or mis-indented matches everything, like '
    + '`{}`. Policies add up (a union), so one such entry makes the narrow entries next to it pointless '
    + 'for the ports it covers. An empty peer `{}` is rejected by the API server. The rule fires when '
    + 'the policy is otherwise narrow (it targets some pods, or has narrow peers); a policy that is '
    + 'allow-all on purpose (podSelector {} and only allow-all entries) is left alone.',
  check(context: RuleContext): Issue[] {
    const issues: Issue[] = [];
    for (const policy of context.policies) {
      const eff = effectivePolicy(policy);
      if (policy.json !== undefined) nullSelectors(this, policy, issues);
      // "Otherwise narrow": some narrow peer, or narrow targets with some rule that is not wide open.
      const narrow = somePeer(eff.ingressRules, isNarrow) || somePeer(eff.egressRules, isNarrow)
        || (!policy.spec.podSelector.isEverything() && (eff.ingressRules.some(isLimited) || eff.egressRules.some(isLimited)));
      if (!narrow) continue;
      reportWide(this, policy, eff.ingressRules, 'ingress', 'from', issues);
      reportWide(this, policy, eff.egressRules, 'egress', 'to', issues);
    }
    return issues;
  },
};

/** A rule with some peer or some port: not `- {}`. */
function isLimited(rule: Rule): boolean {
  return rule.peers.length > 0 || rule.ports.length > 0;
}

/** Reports the rules of `list` that allow everything, and the peers that do. */
function reportWide(lint: LintRule, policy: LintPolicy, list: Rule[], dir: string, key: string, issues: Issue[]): void {
  for (let i = 0; i < list.length; i++) {
    const rule = list[i];
    if (!isLimited(rule)) {
      issues.push(policyIssue(lint, policy, `spec.${dir}[${i}]`,
        `this ${dir} rule has no ${key} and no ports, so it allows every ${dir === 'ingress' ? 'source' : 'destination'} on every port${list.length > 1 ? `; the other ${dir} rules of the policy add nothing` : ''}`,
        `list the ${key} peers and ports this rule is for`));
      continue;
    }
    for (let j = 0; j < rule.peers.length; j++) {
      const peer = rule.peers[j];
      const what = allowAllMeaning(peer);
      if (!what) continue;
      issues.push(policyIssue(lint, policy, `spec.${dir}[${i}].${key}[${j}]`,
        `${key}[${j}] allows ${what}, ${rule.ports.length > 0 ? `on ${rule.ports.join(', ')}` : 'on every port'}`,
        peer instanceof IpBlockPeer
          ? 'narrow the block, or add except: [<pod CIDR>, 169.254.169.254/32] to keep cluster pods and the metadata service out'
          : 'select the namespaces by label (kubernetes.io/metadata.name: <name>), and the pods within them in the same entry'));
    }
  }
}

function isNarrow(peer: Peer): boolean {
  if (peer instanceof SelectorPeer) {
    return (peer.podSelector !== undefined && !peer.podSelector.isEverything())
      || (peer.namespaceSelector !== undefined && !peer.namespaceSelector.isEverything());
  }
  return peer instanceof IpBlockPeer && !isWholeInternet(peer) && !/\/0$/.test(peer.cidr);
}

function allowAllMeaning(peer: Peer): string | undefined {
  if (peer instanceof SelectorPeer && peer.namespaceSelector?.isEverything() && (!peer.podSelector || peer.podSelector.isEverything())) {
    return 'every pod of every namespace (`namespaceSelector: {}`)';
  }
  if (peer instanceof IpBlockPeer && isWholeInternet(peer)) {
    return `every ${peer.cidr.includes(':') ? 'IPv6' : 'IPv4'} address (${peer.cidr} without except), the cluster's own pods and nodes included`;
  }
  return undefined;
}

/** Written shapes: empty peers `{}`, and selectors whose `matchLabels:` was left null (they match everything). */
function nullSelectors(rule: LintRule, policy: LintPolicy, issues: Issue[]): void {
  const spec = asObject(asObject(policy.json)?.spec);
  if (!spec) return;
  nullSelector(rule, policy, spec.podSelector, 'spec.podSelector', issues);
  // Plain loops, field paths spelled out only for a finding: this runs for every policy read.
  for (const [dir, key] of DIRECTIONS) {
    const list = spec[dir];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const peers = asObject(list[i])?.[key];
      if (!Array.isArray(peers)) continue;
      for (let j = 0; j < peers.length; j++) {
        const entry = asObject(peers[j]);
        if (!entry) continue;
        if (isEmptyPeer(entry)) {
          issues.push(policyIssue(rule, policy, `spec.${dir}[${i}].${key}[${j}]`,
            `${key}[${j}] is an empty peer {}: the API server rejects it ("must specify a peer"); it does not mean "every ${dir === 'ingress' ? 'source' : 'destination'}"`,
            `to allow every ${dir === 'ingress' ? 'source' : 'destination'} omit \`${key}\`; otherwise name the pods, namespaces or ipBlock`));
        }
        if (hasNullPart(entry.podSelector)) nullSelector(rule, policy, entry.podSelector, `spec.${dir}[${i}].${key}[${j}].podSelector`, issues);
        if (hasNullPart(entry.namespaceSelector)) nullSelector(rule, policy, entry.namespaceSelector, `spec.${dir}[${i}].${key}[${j}].namespaceSelector`, issues);
      }
    }
  }
}

const DIRECTIONS = [['ingress', 'from'], ['egress', 'to']] as const;

/** Every field of the peer null or absent (`{}`, or `podSelector:` with nothing under it). */
function isEmptyPeer(entry: { [key: string]: unknown }): boolean {
  for (const k in entry) if (Object.prototype.hasOwnProperty.call(entry, k) && entry[k] !== null && entry[k] !== undefined) return false;
  return true;
}

/** Whether a written selector has a null matchLabels or matchExpressions. */
function hasNullPart(sel: unknown): boolean {
  const o = asObject(sel);
  return o !== undefined && (o.matchLabels === null || o.matchExpressions === null);
}

/** Reports a selector at `field` whose only parts are null: it matches everything. */
function nullSelector(rule: LintRule, policy: LintPolicy, sel: unknown, field: string, issues: Issue[]): void {
  const o = asObject(sel);
  if (!o || (o.matchLabels !== null && o.matchExpressions !== null)) return;
  const nulls = ['matchLabels', 'matchExpressions'].filter((k) => k in o && o[k] === null);
  const real = ['matchLabels', 'matchExpressions'].filter((k) => o[k] !== null && o[k] !== undefined);
  if (nulls.length === 0 || real.length > 0) return;
  const stray = Object.keys(o).filter((k) => k !== 'matchLabels' && k !== 'matchExpressions');
  issues.push(policyIssue(rule, policy, `${field}.${nulls[0]}`,
    `${field}.${nulls[0]} is empty (null), so this selector matches everything, like {}${stray.length > 0 ? `; ${stray.length === 1 ? `the label ${stray[0]} sits` : `the labels ${stray.join(', ')} sit`} beside ${nulls[0]} instead of under it` : ''}`,
    stray.length > 0 ? `indent ${stray.join(', ')} under ${nulls[0]}` : `put the labels under ${nulls[0]}, or write {} if everything is meant`));
}
