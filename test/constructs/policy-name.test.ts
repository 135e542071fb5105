import { describe, expect, test } from 'vitest';
import { derivePolicyName } from '../../lib/constructs/policy-name';

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
