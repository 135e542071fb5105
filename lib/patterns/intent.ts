import { PolicySpec, Rule } from '../model';
import { escapeControlChars } from '../model/untrusted-text';
import { describePeers, describePods, describePorts } from './describe';

// The intent sentence of a policy no pattern wrote (NetworkPolicy, DefaultDeny, AllowDns,
// AllowFrom, AllowTo, AllowFlow): generated from the spec alone, so the same policy always reads
// the same. It restates Kubernetes semantics: listing a direction in policyTypes isolates the
// selected pods for it and its rules are what is allowed (docs/semantics.md rules 2, 5); rules
// are ORed (rule 9), a rule without peers allows every source or destination (rule 13), one
// without ports every port (rule 14).

/** The longest intent written, in characters; longer sentences end in `...`. */
export const MAX_INTENT_LENGTH = 512;

/**
 * `text` made fit for the intent annotation: control and bidirectional characters written as
 * visible escapes (a selector may carry what a user typed), and at most MAX_INTENT_LENGTH
 * characters, cut on a whole code point.
 */
export function boundedIntent(text: string): string {
  const safe = escapeControlChars(text);
  if (safe.length <= MAX_INTENT_LENGTH) return safe;
  let kept = '';
  for (const c of safe) {
    if (kept.length + c.length > MAX_INTENT_LENGTH - 3) break;
    kept += c;
  }
  return `${kept}...`;
}

function rulesText(rules: Rule[], word: 'from' | 'to'): string {
  return rules.map((r) => `${r.peers.length === 0 ? 'anywhere' : describePeers(r.peers)} on ${describePorts(r.ports)}`).join(`, or ${word} `);
}

/**
 * One sentence: `pods labelled app=api in namespace shop may receive from pods labelled app=web
 * on TCP 8080`; `every pod in namespace shop is isolated both ways: nothing in or out unless
 * another policy allows it`.
 */
export function describePolicy(spec: PolicySpec): string {
  // The selected pods are always in the policy's namespace (rule 3).
  const all = spec.podSelector.isEverything();
  const target = all ? `every pod in namespace ${spec.namespace}` : `${describePods(spec.podSelector)} in namespace ${spec.namespace}`;
  const is = all ? 'is' : 'are';
  const denyIn = spec.isolatesIngress && spec.ingress.length === 0;
  const denyOut = spec.isolatesEgress && spec.egress.length === 0;
  if (denyIn && denyOut) return boundedIntent(`${target} ${is} isolated both ways: nothing in or out unless another policy allows it`);
  const parts: string[] = [];
  if (spec.isolatesIngress && spec.ingress.length > 0) parts.push(`may receive from ${rulesText(spec.ingress, 'from')}`);
  if (spec.isolatesEgress && spec.egress.length > 0) parts.push(`may send to ${rulesText(spec.egress, 'to')}`);
  if (denyIn) parts.push(`${is} isolated for ingress: nothing in unless another policy allows it`);
  if (denyOut) parts.push(`${is} isolated for egress: nothing out unless another policy allows it`);
  if (parts.length === 0) parts.push(`${is} not isolated in any direction: this policy allows nothing and denies nothing`);
  return boundedIntent(`${target} ${parts.join('; ')}`);
}
