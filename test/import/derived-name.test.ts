import { expect, test } from 'vitest';
import { derivePolicyName } from '../../lib/constructs/policy-name';
import { derivesOwnName } from '../../lib/import/derived-name';

// The importer leaves `name` out only where the construct would derive that very name.

test.each([
  ['', 'payments-egress'], ['', 'a.b'], ['allow', 'allow-frontend-to-backend'], ['allow', 'backend-ingress-from-gateway'],
  ['allow', 'frontend-allow-list'], ['allow', 'allowed'], ['default-deny', 'default-deny-all'], ['default-deny', 'deny-all'],
  ['default-deny', 'payments-default-deny'], ['allow-dns', 'allow-dns'], ['allow-dns', 'dns'], ['allow-dns', 'allow-dns-egress'],
  ['allow', 'allow'], ['default-deny', 'default-x-deny'], ['', 'np-0'], ['allow', 'np.allow'],
])('prefix %j, name %j: agrees with the constructs\' naming rule', (prefix, name) => {
  expect(derivesOwnName(prefix, name)).toBe(derivePolicyName(prefix, name) === name);
});
