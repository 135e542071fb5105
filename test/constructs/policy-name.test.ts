import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { derivePolicyName } from '../../lib/constructs/policy-name';
import { toDnsName } from '../../lib/model/validation';

describe('derivePolicyName', () => {
  test.each([
    // prefix, construct id, name
    ['', 'postgres-allow-app', 'postgres-allow-app'],
    ['', 'PostgresAllowApp', 'postgres-allow-app'],
    ['allow', 'frontend-to-api', 'allow-frontend-to-api'],
    ['allow', 'FrontendToApi', 'allow-frontend-to-api'],
    ['allow', 'allow-frontend-to-api', 'allow-frontend-to-api'],
    ['allow', 'backend_to_stripe', 'allow-backend-to-stripe'],
    ['allow', 'allowed-clients', 'allow-allowed-clients'],
    ['default-deny', 'default-deny', 'default-deny'],
    ['default-deny', 'DefaultDeny', 'default-deny'],
    ['default-deny', 'baseline', 'default-deny-baseline'],
    ['default-deny', 'deny-all', 'default-deny-all'],
    ['default-deny', 'ingress', 'default-deny-ingress'],
    ['default-deny', 'payments-default-deny', 'payments-default-deny'],
    ['allow-dns', 'dns', 'allow-dns'],
    ['allow-dns', 'AllowDns', 'allow-dns'],
    ['allow-dns', 'dns-egress', 'allow-dns-egress'],
    ['allow-dns', 'kube-dns', 'allow-dns-kube-dns'],
    ['allow-dns', 'allow', 'allow-dns-allow'],
  ])('prefix %j + id %j -> %j', (prefix, id, name) => {
    expect(derivePolicyName(prefix, id)).toBe(name);
  });

  test('never drops a word of the id and never adds a hash', () => {
    const id = 'team-a-frontend-to-team-b-api';
    const name = derivePolicyName('allow', id);
    expect(name.endsWith(id)).toBe(true);
    expect(name).not.toMatch(/[0-9a-f]{8}/);
  });

  test('an id with nothing usable gives an empty name (reported at synth)', () => {
    expect(derivePolicyName('', '___')).toBe('');
  });
});

// The rule as first written, word list by word list: the string version must agree with it.
function referenceName(prefix: string, id: string): string {
  const idName = toDnsName(id);
  if (!prefix) return idName;
  const p = prefix.split('-');
  const w = idName === '' ? [] : idName.split('-');
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  for (let i = 0; i + p.length <= w.length; i++) if (same(w.slice(i, i + p.length), p)) return idName;
  for (let k = Math.min(p.length, w.length); k > 0; k--) {
    if (same(p.slice(p.length - k), w.slice(0, k))) return [...p, ...w.slice(k)].join('-');
  }
  return [...p, ...w].join('-');
}

test('derivePolicyName agrees with the word-list statement of the rule on any id', () => {
  const word = fc.constantFrom('allow', 'dns', 'default', 'deny', 'all', 'x', 'a.b', 'Deny', 'DNS');
  const id = fc.array(word, { maxLength: 5 }).chain((ws) => fc.constantFrom('-', '_', '').map((sep) => ws.join(sep)));
  fc.assert(fc.property(fc.constantFrom('', 'allow', 'default-deny', 'allow-dns'), id, (prefix, text) => {
    expect(derivePolicyName(prefix, text)).toBe(referenceName(prefix, text));
  }), { seed: 11, numRuns: 3000 });
});
