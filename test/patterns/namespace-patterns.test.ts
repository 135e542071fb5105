import { describe, expect, test } from 'vitest';
import { renderNetworkPolicy } from '../../lib/manifest';
import { LabelSelector, Port } from '../../lib/model';
import { PatternDirection, allowInternetEgress, allowSameNamespace, tenantIsolation } from '../../lib/patterns';

const DNS_RULE = {
  to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

describe('allowSameNamespace recipe', () => {
  test.each([
    [PatternDirection.BOTH, ['Ingress', 'Egress'], true, true],
    [PatternDirection.INGRESS, ['Ingress'], true, false],
    [PatternDirection.EGRESS, ['Egress'], false, true],
  ])('%s', (direction, policyTypes, hasIngress, hasEgress) => {
    const [spec] = allowSameNamespace({ namespace: 'payments', name: 'same', direction });
    const json = renderNetworkPolicy(spec).spec;
    expect(json.podSelector).toEqual({});
    expect(json.policyTypes).toEqual(policyTypes);
    // podSelector {} alone = every pod of the policy's own namespace (rule 16), no namespace label needed.
    expect(json.ingress).toEqual(hasIngress ? [{ from: [{ podSelector: {} }] }] : undefined);
    expect(json.egress).toEqual(hasEgress ? [{ to: [{ podSelector: {} }] }] : undefined);
  });

  test('defaults to both directions, since both ends must allow a connection', () => {
    const [spec] = allowSameNamespace({ namespace: 'payments', name: 'same' });
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(spec.annotations['netpol.cdk8s.io/intent']).toBe(
      'every pod in namespace payments may send to and receive from every other pod of the namespace, on any port',
    );
  });
});

describe('tenantIsolation recipe', () => {
  test('one policy per tenant, same-tenant peers both ways, plus DNS', () => {
    const specs = tenantIsolation({ namespace: 'shared', name: 'tenants', tenants: ['b', 'a'] });
    expect(specs.map((s) => s.name)).toEqual(['tenants-a', 'tenants-b']);
    for (const [spec, t] of [[specs[0], 'a'], [specs[1], 'b']] as const) {
      expect(renderNetworkPolicy(spec).spec).toEqual({
        podSelector: { matchLabels: { tenant: t } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { tenant: t } } }] }],
        egress: [{ to: [{ podSelector: { matchLabels: { tenant: t } } }] }, DNS_RULE],
      });
      expect(spec.labels['netpol.cdk8s.io/pattern']).toBe('tenant-isolation');
    }
  });

  test('custom label, across namespaces, without DNS', () => {
    const [spec] = tenantIsolation({ namespace: 'shared', name: 'iso', tenants: ['acme'], tenantLabel: 'example.com/tenant', acrossNamespaces: true, allowDns: false });
    const peer = { podSelector: { matchLabels: { 'example.com/tenant': 'acme' } }, namespaceSelector: {} };
    expect(renderNetworkPolicy(spec).spec).toEqual({
      podSelector: { matchLabels: { 'example.com/tenant': 'acme' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [peer] }],
      egress: [{ to: [peer] }],
    });
    expect(spec.annotations['netpol.cdk8s.io/intent']).toBe(
      'pods labelled example.com/tenant=acme may reach and be reached only by pods labelled example.com/tenant=acme in any namespace',
    );
  });

  test.each([
    ['no tenants', [], 'TenantIsolation: `tenants` is empty; list the tenant label values, e.g. ["a", "b"]'],
    ['a duplicate', ['a', 'a'], 'TenantIsolation: tenant "a" is listed twice'],
    ['a name clash', ['Team_A', 'team-a'], 'TenantIsolation: tenants "Team_A" and "team-a" would both be named "t-team-a"; rename one'],
    ['an invalid label value', ['not valid!'], '"not valid!"'],
  ])('refuses %s', (_n, tenants, message) => {
    expect(() => tenantIsolation({ namespace: 'shared', name: 't', tenants })).toThrow(message);
  });
});

describe('allowInternetEgress recipe', () => {
  test('defaults: HTTPS to 0.0.0.0/0 minus private and link-local ranges (metadata 169.254.169.254 included)', () => {
    const [spec] = allowInternetEgress({ namespace: 'payments', name: 'internet' });
    expect(renderNetworkPolicy(spec).spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'] } }],
        ports: [{ protocol: 'TCP', port: 443 }],
      }],
    });
  });

  test('ipv6 adds ::/0 minus fc00::/7 and fe80::/10; extra excepts go to the block of their family', () => {
    const [spec] = allowInternetEgress({
      namespace: 'payments', name: 'internet', pods: LabelSelector.labels({ app: 'api' }),
      ports: [Port.HTTPS, Port.HTTP], ipv6: true, exceptAlso: ['100.64.0.0/10', '2001:db8::/32'],
    });
    expect(renderNetworkPolicy(spec).spec.egress).toEqual([{
      to: [
        { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'] } },
        { ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10', '2001:db8::/32'] } },
      ],
      ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 80 }],
    }]);
    expect(spec.annotations['netpol.cdk8s.io/intent']).toBe(
      'pods labelled app=api may connect on TCP 443 and TCP 80 to public IPv4 and IPv6 addresses, never to private, link-local or cloud metadata addresses',
    );
  });

  test.each([
    ['a non-CIDR except', { exceptAlso: ['1.2.3.4'] },
      'AllowInternetEgress: exceptAlso[0]: Invalid value: "1.2.3.4": must be a valid CIDR value, e.g. "203.0.113.0/24" (did you mean "1.2.3.4/32"?)'],
    ['an IPv6 except without ipv6', { exceptAlso: ['2001:db8::/32'] }, 'is IPv6 but IPv6 egress is off; set ipv6: true'],
    ['an except with host bits', { exceptAlso: ['203.0.113.7/24'] },
      'exceptAlso[0]: Invalid value: "203.0.113.7/24": must not have bits set beyond the prefix length (did you mean "203.0.113.0/24"?)'],
    ['empty ports', { ports: [] }, '`ports: []` would open every port to the internet'],
  ])('refuses %s', (_n, props, message) => {
    expect(() => allowInternetEgress({ namespace: 'p', name: 'i', ...props })).toThrow(message);
  });
});
