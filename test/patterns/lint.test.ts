import { describe, expect, test } from 'vitest';
import { lintPolicies } from '../../lib/lint';
import { LabelSelector, PolicySpec } from '../../lib/model';
import {
  allowFromIngressController, allowInternetEgress, allowSameNamespace, databaseTier, monitoringScrape, namespaceBaseline, tenantIsolation,
} from '../../lib/patterns';

// The patterns against the lint rules: what a pattern does on purpose carries a suppression with
// its reason; what a user must still add (DNS next to an egress allowance) is reported.
const sel = LabelSelector.labels({ app: 'x' });
const ns = { namespace: 'n' };

describe('pattern output under lint', () => {
  test.each<[string, PolicySpec[], string[]]>([
    ['DatabaseTier (no egress by design)', databaseTier({ ...ns, name: 'db', database: sel }), []],
    ['DatabaseTier with DNS', databaseTier({ ...ns, name: 'db', database: sel, allowDns: true }), []],
    ['AllowMonitoringScrape', monitoringScrape({ ...ns, name: 's' }), []],
    ['AllowFromIngressController', allowFromIngressController({ ...ns, name: 'i', backends: sel }), []],
    ['TenantIsolation', tenantIsolation({ ...ns, name: 't', tenants: ['a', 'b'] }), []],
    ['NamespaceBaseline', namespaceBaseline({ ...ns, name: 'b' }), []],
    ['NamespaceBaseline with every carve-out', namespaceBaseline({ ...ns, name: 'b', allowSameNamespace: true, monitoring: {} }), []],
    ['AllowSameNamespace alone: add DNS', allowSameNamespace({ ...ns, name: 'same' }), ['dns-egress-missing']],
    ['AllowInternetEgress alone: add DNS', allowInternetEgress({ ...ns, name: 'i', ipv6: true }), ['dns-egress-missing']],
  ])('%s', (_name, specs, codes) => {
    expect(lintPolicies(specs).map((i) => i.code)).toEqual(codes);
  });

  test('suppressions state their reason', () => {
    const [db] = databaseTier({ ...ns, name: 'db', database: sel });
    expect(db.annotations['suppress.netpol.cdk8s.io/dns-egress-missing']).toMatch(/by design; set allowDns if it must resolve names$/);
    const [deny] = namespaceBaseline({ ...ns, name: 'b', allowSameNamespace: true });
    expect(deny.annotations['suppress.netpol.cdk8s.io/policy-without-effect']).toMatch(/keeps the namespace closed if a carve-out is removed$/);
    const [plainDeny] = namespaceBaseline({ ...ns, name: 'b' });
    expect(Object.keys(plainDeny.annotations)).toEqual(['netpol.cdk8s.io/intent']);
  });
});
