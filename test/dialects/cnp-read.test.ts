import { describe, expect, test } from 'vitest';
import { CnpAction, CnpTier } from '../../lib/dialects/cluster-network-policy/model';
import { readClusterPolicy } from '../../lib/dialects/cluster-network-policy/read';
import { Protocol, Severity } from '../../lib/model';

type Json = { [key: string]: any };
const cnp = (spec: Json, metadata: Json = { name: 'p' }): Json => ({ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata, spec });
const base = { tier: 'Admin', priority: 10, subject: { namespaces: {} } };
const errors = (json: Json) => readClusterPolicy(json).issues.filter((i) => i.severity === Severity.ERROR).map((i) => `${i.field}: ${i.message}`);

describe('ClusterNetworkPolicy: what the CRD and its CEL rules reject', () => {
  test.each([
    ['tier required', { priority: 1, subject: { namespaces: {} } }, 'spec.tier: Required value'],
    ['tier enum, case-sensitive', { ...base, tier: 'admin' }, 'spec.tier: Unsupported value: "admin": supported values: "Admin", "Baseline"'],
    ['priority range', { ...base, priority: 1001 }, 'spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000'],
    ['subject: one field', { ...base, subject: { namespaces: {}, pods: { podSelector: {} } } }, 'spec.subject: Too many: 2: must have at most 1 properties'],
    ['subject pods need a podSelector', { ...base, subject: { pods: {} } }, 'spec.subject.pods.podSelector: Required value'],
    ['Allow is now Accept', { ...base, ingress: [{ action: 'Allow', from: [{ namespaces: {} }] }] }, 'spec.ingress[0].action: Unsupported value: "Allow": supported values: "Accept", "Deny", "Pass"'],
    ['peers required', { ...base, ingress: [{ action: 'Deny' }] }, 'spec.ingress[0].from: Required value'],
    ['peers not empty', { ...base, egress: [{ action: 'Deny', to: [] }] }, 'spec.egress[0].to: Required value: must have at least 1 items'],
    ['one field per peer', { ...base, egress: [{ action: 'Deny', to: [{ namespaces: {}, networks: ['10.0.0.0/8'] }] }] }, 'spec.egress[0].to[0]: Too many: 2: must have at most 1 properties'],
    ['an empty peer', { ...base, egress: [{ action: 'Deny', to: [{}] }] }, 'spec.egress[0].to[0]: Invalid value: 0: must have at least 1 properties'],
    ['at most 25 rules', { ...base, ingress: Array.from({ length: 26 }, () => ({ action: 'Deny', from: [{ namespaces: {} }] })) }, 'spec.ingress: Too many: 26: must have at most 25 items'],
    ['tcp needs destinationPort', { ...base, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ tcp: {} }] }] }, 'spec.ingress[0].protocols[0].tcp.destinationPort: Required value'],
    ['range start < end, strictly', { ...base, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ udp: { destinationPort: { range: { start: 80, end: 80 } } } }] }] },
      'spec.ingress[0].protocols[0].udp.destinationPort.range: Invalid value: "object": Start port must be less than End port'],
    ['port number range', { ...base, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], protocols: [{ sctp: { destinationPort: { number: 0 } } }] }] },
      'spec.ingress[0].protocols[0].sctp.destinationPort.number: Invalid value: 0: number in body should be greater than or equal to 1'],
    ['networks are CIDRs', { ...base, egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.1'] }] }] }, 'spec.egress[0].to[0].networks[0]: Invalid value: "string": Invalid CIDR format provided'],
    ['no named port with networks', { ...base, egress: [{ action: 'Accept', to: [{ networks: ['10.0.0.0/8'] }], protocols: [{ destinationNamedPort: 'http' }] }] },
      'spec.egress[0].protocols: Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames'],
  ])('%s', (_name, spec, message) => {
    expect(errors(cnp(spec))).toContain(message);
  });

  test('cluster-scoped: a namespace is refused; a rule name is at most 100 characters', () => {
    expect(errors(cnp(base, { name: 'p', namespace: 'x' }))).toContain('metadata.namespace: Forbidden: not allowed on this type: ClusterNetworkPolicy is cluster-scoped');
    expect(errors(cnp({ ...base, ingress: [{ name: 'n'.repeat(101), action: 'Deny', from: [{ namespaces: {} }] }] }))).toContain('spec.ingress[0].name: Too long: may not be more than 100 bytes');
  });

  test('networks on ingress is not a field of the API (reported, never read as a peer)', () => {
    const r = readClusterPolicy(cnp({ ...base, ingress: [{ action: 'Deny', from: [{ networks: ['10.0.0.0/8'] }] }] }));
    expect(r.issues.some((i) => i.field === 'spec.ingress[0].from[0].networks' && /egress peer only/.test(i.hint ?? ''))).toBe(true);
    expect(r.spec).toBeUndefined();
  });

  test('nodes and domainNames are experimental', () => {
    const spec = { ...base, egress: [{ action: 'Accept', to: [{ domainNames: ['*.example.com'] }] }] };
    expect(readClusterPolicy(cnp(spec), { channel: 'standard' }).issues.map((i) => i.message)).toContain('domainNames peers exist in the experimental channel only');
    expect(readClusterPolicy(cnp(spec), { channel: 'experimental' }).spec).toBeDefined();
  });

  test('a valid policy reads into tier, priority, rules in order, ports as ranges', () => {
    const r = readClusterPolicy(cnp({
      tier: 'Baseline', priority: 3, subject: { pods: { podSelector: { matchLabels: { app: 'web' } } } },
      egress: [
        { name: 'dns', action: 'Accept', to: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } }],
          protocols: [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { range: { start: 1, end: 65535 } } } }] },
        { action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] },
      ],
    }));
    expect(r.issues).toEqual([]);
    const s = r.spec!;
    expect([s.id, s.tier, s.priority]).toEqual(['ClusterNetworkPolicy/p', CnpTier.BASELINE, 3]);
    // CNP rule 7: no namespaceSelector in a pods subject means every namespace.
    expect(s.subject.namespaces.isEverything()).toBe(true);
    expect(s.egress.map((r) => r.action)).toEqual([CnpAction.ACCEPT, CnpAction.DENY]);
    expect(s.egress[0].ports).toEqual([{ kind: 'port', protocol: Protocol.UDP, from: 53, to: 53 }, { kind: 'port', protocol: Protocol.TCP, from: 1, to: 65535 }]);
    expect(s.egress[1].ports).toBeUndefined();
  });
});

describe('v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy', () => {
  const anp = (spec: Json, kind = 'AdminNetworkPolicy', name = 'a') => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind, metadata: { name }, spec });

  test('Allow reads as Accept; ports default to TCP; BANP is the Baseline tier', () => {
    const a = readClusterPolicy(anp({ priority: 5, subject: { namespaces: {} }, ingress: [{ action: 'Allow', from: [{ namespaces: {} }], ports: [{ portNumber: { port: 80 } }, { portRange: { start: 8000, end: 8080, protocol: 'UDP' } }] }] }));
    expect(a.issues).toEqual([]);
    expect(a.spec!.ingress[0].action).toBe(CnpAction.ACCEPT);
    expect(a.spec!.ingress[0].ports).toEqual([{ kind: 'port', protocol: Protocol.TCP, from: 80, to: 80 }, { kind: 'port', protocol: Protocol.UDP, from: 8000, to: 8080 }]);
    const b = readClusterPolicy(anp({ subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ namespaces: {} }] }] }, 'BaselineAdminNetworkPolicy', 'default'));
    expect(b.spec!.tier).toBe(CnpTier.BASELINE);
  });

  test('v1alpha1 rules: Accept is not its name, BANP has no Pass and is named default, pods peers need both selectors', () => {
    expect(errors(anp({ priority: 5, subject: { namespaces: {} }, ingress: [{ action: 'Accept', from: [{ namespaces: {} }] }] }))[0]).toMatch(/Unsupported value: "Accept"/);
    expect(errors(anp({ subject: { namespaces: {} }, ingress: [{ action: 'Pass', from: [{ namespaces: {} }] }] }, 'BaselineAdminNetworkPolicy', 'default'))[0]).toMatch(/supported values: "Allow", "Deny"/);
    expect(errors(anp({ subject: { namespaces: {} } }, 'BaselineAdminNetworkPolicy', 'other'))[0]).toMatch(/metadata.name="default"/);
    expect(errors(anp({ priority: 5, subject: { pods: { podSelector: {} } } }))).toContain('spec.subject.pods.namespaceSelector: Required value');
  });
});

describe('what the analyzer cannot evaluate is said, never guessed', () => {
  const anp = (spec: Json) => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'old' }, spec });
  const withPeer = (peer: Json) => anp({ priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [peer] }] });

  test.each([
    ['sameLabels', { namespaces: { sameLabels: ['tenant'] } }, 'spec.egress[0].to[0].namespaces.sameLabels'],
    ['notSameLabels', { namespaces: { notSameLabels: ['tenant'] } }, 'spec.egress[0].to[0].namespaces.notSameLabels'],
    ['namespaces: {namespaceSelector}', { namespaces: { namespaceSelector: { matchLabels: { a: 'b' } } } }, 'spec.egress[0].to[0].namespaces.namespaceSelector'],
    ['pods: {namespaces}', { pods: { namespaces: { namespaceSelector: {} }, podSelector: {} } }, 'spec.egress[0].to[0].pods.namespaces'],
  ])('the v0.1.0-v0.1.6 peer shape (%s) is an error, and the policy is not analyzed (never widened to every namespace)', (_n, peer, field) => {
    const r = readClusterPolicy(withPeer(peer));
    const e = r.issues.find((i) => i.field === field && i.severity === Severity.ERROR);
    expect(e?.message).toMatch(/network-policy-api v0\.1\.0 to v0\.1\.6, removed in v0\.1\.7.*not analyzed/);
    expect(r.spec).toBeUndefined();
  });

  test.each([
    ['nodes', { nodes: { matchLabels: { role: 'infra' } } }, /cannot evaluate a nodes peer.*matching nothing/],
    ['domainNames', { domainNames: ['*.example.com'] }, /cannot evaluate a domainNames peer.*matching nothing/],
  ])('a %s peer reads, with a warning that the analyzer treats it as matching nothing', (kind, peer, message) => {
    const r = readClusterPolicy(cnp({ ...base, egress: [{ action: 'Accept', to: [peer] }] }));
    expect(r.spec).toBeDefined();
    expect(r.issues.map((i) => [i.code, i.severity, i.field])).toEqual([['cnp-peer-not-analyzed', Severity.WARNING, `spec.egress[0].to[0].${kind}`]]);
    expect(r.issues[0].message).toMatch(message);
  });

  test('a name that is not a DNS-1123 subdomain is refused as the API server would (and never printed raw)', () => {
    const r = readClusterPolicy(cnp(base, { name: 'Bad_Name\u001b[31m' }));
    expect(r.spec).toBeUndefined();
    expect(r.issues[0]).toMatchObject({ field: 'metadata.name', severity: Severity.ERROR });
    expect(r.issues[0].message).toMatch(/lowercase RFC 1123 subdomain/);
    expect(readClusterPolicy(cnp(base, { generateName: 'guard-' })).spec?.id).toBe('ClusterNetworkPolicy/guard-');
  });
});

describe('domainNames (experimental channel)', () => {
  const rule = (action: string, names: unknown) => cnp({ ...base, egress: [{ action, to: [{ domainNames: names }] }] });

  test.each([['kubernetes.io'], ['*.kubernetes.io'], ['blog.kubernetes.io.']])('%s is a valid entry', (n) => {
    expect(errors(rule('Accept', [n]))).toEqual([]);
  });

  test.each([['*'], ['www.*.io'], ['localhost'], ['-bad.io']])('%s is refused by the CRD pattern', (n) => {
    expect(errors(rule('Accept', [n]))[0]).toMatch(/^spec\.egress\[0\]\.to\[0\]\.domainNames\[0\]: Invalid value: .* in body should match/);
  });

  test('1..25 entries', () => {
    expect(errors(rule('Accept', []))).toContain('spec.egress[0].to[0].domainNames: Required value: must have at least 1 items');
    expect(errors(rule('Accept', Array.from({ length: 26 }, (_, i) => `h${i}.example.com`)))).toContain('spec.egress[0].to[0].domainNames: Too many: 26: must have at most 25 items');
  });

  test('only supported for Accept rules: a Deny naming domains is a warning (no CEL rule rejects it)', () => {
    const r = readClusterPolicy(rule('Deny', ['example.com']));
    expect(r.spec).toBeDefined();
    expect(r.issues.find((i) => i.code === 'cnp-domain-names-action')).toMatchObject({ severity: Severity.WARNING, field: 'spec.egress[0].action' });
  });
});

test('the port list under the other version\'s name is flagged: dropped, the rule would match every port', () => {
  const r = readClusterPolicy(cnp({ ...base, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], ports: [{ portNumber: { port: 80 } }] }] }));
  expect(r.issues.find((i) => i.field === 'spec.ingress[0].ports')?.hint).toMatch(/v1alpha2 calls it protocols.*matches every port/);
  expect(r.spec!.ingress[0].ports).toBeUndefined();
});
