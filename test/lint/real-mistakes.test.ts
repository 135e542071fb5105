import { describe, expect, test } from 'vitest';
import { lintFixture } from './load-fixture';
import { run } from '../cli/fake-io';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './load-fixture';

// The seeds' three production mistakes and the USERS.md "real public mistakes", each caught
// with the right rule id at the right field.
const CASES: Array<{ fixture: string; rule: string; field: string; says: RegExp }> = [
  { fixture: 'seeds/ingress-only-baseline.yaml', rule: 'half-isolated', field: 'spec.policyTypes', says: /default-deny for ingress only/ },
  { fixture: 'seeds/missing-dns.yaml', rule: 'dns-egress-missing', field: 'spec.policyTypes', says: /every pod of namespace payments is isolated for egress and cannot reach the cluster DNS \(pods k8s-app=kube-dns in kube-system\)/ },
  { fixture: 'seeds/missing-dns.yaml', rule: 'dns-egress-missing', field: 'spec.egress', says: /app=api-server .* cannot reach the cluster DNS .* UDP 53 or TCP 53/ },
  { fixture: 'seeds/and-or-confusion.yaml', rule: 'and-or-suspect', field: 'spec.ingress[0].from[1]', says: /ORed: every pod of those namespaces is allowed/ },
  { fixture: 'users/dns-name-label-udp-only.yaml', rule: 'dns-egress-missing', field: 'spec.egress[0].to[0].namespaceSelector', says: /name=kube-system, which namespaces do not carry by default/ },
  { fixture: 'users/dns-name-label-udp-only.yaml', rule: 'dns-egress-missing', field: 'spec.egress', says: /UDP 53 or TCP 53/ },
  { fixture: 'users/split-selectors.yaml', rule: 'and-or-suspect', field: 'spec.ingress[0].from[1]', says: /separate entries/ },
  { fixture: 'users/matchlabels-misindented.yaml', rule: 'unknown-field', field: 'spec.ingress[0].from[0].podSelector.role', says: /unknown field "role"/ },
  { fixture: 'users/matchlabels-misindented.yaml', rule: 'allow-all-peer', field: 'spec.ingress[0].from[0].podSelector.matchLabels', says: /matches everything.*the label role sits beside matchLabels/ },
  { fixture: 'users/null-matchlabels-no-namespace.yaml', rule: 'allow-all-peer', field: 'spec.podSelector.matchLabels', says: /matches everything, like \{\}/ },
  { fixture: 'users/label-renamed.yaml', rule: 'selector-matches-nothing', field: 'spec.podSelector', says: /app=checkout selects no pod.*closest: Deployment shop\/checkout \(app\.kubernetes\.io\/name=checkout\)/ },
];

describe('real mistakes are caught with the right rule id', () => {
  test.each(CASES)('$fixture: $rule at $field', ({ fixture, rule, field, says }) => {
    const { issues } = lintFixture(fixture);
    const hit = issues.filter((i) => i.code === rule && i.field === field);
    expect(hit).toHaveLength(1);
    expect(hit[0].message).toMatch(says);
  });

  test('the seeds\' fixed versions are clean of these rules', () => {
    // The seed's own corrected api-server policy (AND form, DNS on UDP and TCP) next to a full baseline.
    const text = readFileSync(join(FIXTURES, 'seeds', 'missing-dns.yaml'), 'utf8')
      .replace('      port: 5432', `      port: 5432
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53`);
    return run(['check', '-', '--format', 'json'], {}, { stdin: text }).then((r) => {
      const codes = JSON.parse(r.stdout).issues.map((i: { code: string; object: string }) => `${i.code} ${i.object}`);
      // The baseline itself still strands every other pod of payments without DNS; the api-server does not.
      expect(codes).toContain('dns-egress-missing NetworkPolicy payments/default-deny-all-traffic');
      expect(codes).not.toContain('dns-egress-missing NetworkPolicy payments/api-server-traffic-rules');
      expect(codes.filter((c: string) => c.startsWith('and-or-suspect') || c.startsWith('half-isolated'))).toEqual([]);
    });
  });
});

describe('USERS.md shapes that the API server itself rejects or re-scopes, through netpol check', () => {
  test('port 0 for "all TCP" is a V-12 error: exit 1', async () => {
    const text = readFileSync(join(FIXTURES, 'users', 'port-zero-all-tcp.yaml'), 'utf8');
    const r = await run(['check', 'users/port-zero-all-tcp.yaml', '--format', 'json'], { 'users/port-zero-all-tcp.yaml': text });
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout).issues as Array<{ code: string; field: string; line: number; severity: string }>;
    const v12 = issues.find((i) => i.code === 'V-12');
    expect(v12).toMatchObject({ field: 'spec.ingress[0].ports[0].port', severity: 'error', line: 13 });
  });

  test('a policy without a namespace is reported with the namespace assumed', async () => {
    const text = readFileSync(join(FIXTURES, 'users', 'null-matchlabels-no-namespace.yaml'), 'utf8');
    const r = await run(['check', '-', '--format', 'json'], {}, { stdin: text });
    const issues = JSON.parse(r.stdout).issues as Array<{ code: string; field: string; object: string; message: string }>;
    const ns = issues.find((i) => i.field === 'metadata.namespace');
    expect(ns?.message).toMatch(/default/);
    expect(ns?.object).toMatch(/^NetworkPolicy (default\/)?deny-web-egress$/);
  });
});
