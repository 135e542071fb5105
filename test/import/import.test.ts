import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Analyzer, Cluster } from '../../lib/analysis';
import { PATTERN_METADATA_CODE, generateTypeScript } from '../../lib/import';
import { readObjects } from '../../lib/manifest/read-objects';
import { Protocol } from '../../lib/model';
import { normalizePolicy } from './normalize';
import { REPO, libraryFrom, removeTmp, resetTmp, synthProgram, typeErrors, writeProgram } from './program';

// The seed's payments namespace and one policy per construct shape: which construct each policy
// becomes, that the program compiles, and that it synthesizes the same policies.

const yamlObjects = (path: string) => parseAllDocuments(readFileSync(join(REPO, path), 'utf8')).map((d) => d.toJSON()).filter(Boolean);
const PAYMENTS = yamlObjects('examples/yaml/payments.yaml');
const SHAPES = yamlObjects('test/fixtures/import/shapes.yaml');
const policiesOf = (objs: any[]) => objs.filter((o) => o.kind === 'NetworkPolicy');

/** `construct(scope, 'id'` per line of the program: which construct writes which policy. */
function constructsById(source: string): { [id: string]: string } {
  return Object.fromEntries([...source.matchAll(/^new (\w+)\(\w+, '([^']+)'/gm)].map((m) => [m[2], m[1]]));
}

/** A policy carrying the audit metadata, as this library writes it. */
function auditedDeny() {
  return readObjects([{
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
    metadata: {
      name: 'audited-deny', namespace: 'payments',
      labels: { 'app.kubernetes.io/managed-by': 'cdk8s-netpol' },
      annotations: { 'netpol.cdk8s.io/intent': 'every pod in namespace payments is isolated both ways: nothing in or out unless another policy allows it' },
    },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  }]).policies[0];
}

let dir = '';
beforeAll(() => { dir = resetTmp('fixtures'); });
afterAll(() => removeTmp('fixtures'));

describe.each([
  { fixture: 'payments (seed)', objects: PAYMENTS },
  { fixture: 'shapes', objects: SHAPES },
])('$fixture', ({ fixture, objects }) => {
  test.each(['exact', 'add-metadata', 'none'] as const)('patterns %s: compiles, same policies, same verdicts on the declared ports', async (patterns) => {
    const specs = readObjects(objects).policies;
    const name = `${fixture.replace(/\W+/g, '_')}_${patterns}`;
    const typed = writeProgram(dir, `typed_${name}`, generateTypeScript(specs, { patterns }).source);
    expect(typeErrors([typed])).toEqual([]);
    const run = writeProgram(dir, `run_${name}`, generateTypeScript(specs, { patterns, library: libraryFrom(dir) }).source);
    const synthesized = (await synthProgram(run)).filter((o) => o.kind === 'NetworkPolicy');
    const key = (p: any) => `${p.metadata.namespace}/${p.metadata.name}`;
    const original = new Map(policiesOf(objects).map((p) => [key(p), p]));
    const want = new Map(policiesOf(objects).map((p) => [key(p), normalizePolicy(p)]));
    expect(synthesized.map(key).sort()).toEqual([...want.keys()].sort());
    // Only `add-metadata` adds anything (audit metadata); by default the policies are the same, metadata and all.
    for (const got of synthesized) {
      expect(normalizePolicy(got, patterns === 'add-metadata' ? original.get(key(got)) : undefined), key(got)).toEqual(want.get(key(got)));
    }

    const others = objects.filter((o) => o.kind !== 'NetworkPolicy');
    const ports = [80, 443, 53, 5432, 6379, 8080, 8050, 9090].flatMap((port) => [{ port, protocol: Protocol.TCP }, { port, protocol: Protocol.UDP }]);
    const m = (pols: any[]) => Analyzer.of(Cluster.fromManifests([...others, ...pols])).matrix({ ports, externals: ['54.187.174.169', '10.1.2.3', '8.8.8.8'] }).entries();
    expect(m(synthesized)).toEqual(m(policiesOf(objects)));
  }, 60_000);
});

test('the seed payments policies become the constructs that say what they mean', () => {
  const { source, constructs } = generateTypeScript(readObjects(PAYMENTS).policies, { patterns: 'add-metadata' });
  expect(constructsById(source)).toEqual({
    'default-deny-ingress': 'DefaultDeny',
    'default-deny-egress': 'DefaultDeny',
    'default-deny-all': 'DefaultDeny',
    'allow-frontend-to-backend': 'AllowFrom',
    'allow-prometheus-scrape': 'AllowMonitoringScrape',
    'backend-ingress-from-gateway': 'AllowFromIngressController',
    'postgres-allow-app': 'DatabaseTier',
    'payments-egress': 'NetworkPolicy',
    'allow-corporate-vpn-ingress': 'AllowFrom',
  });
  expect(Object.values(constructs).reduce((a, b) => a + b, 0)).toBe(9);
  // AND stays one chained peer; the name is kept because the derived one would differ.
  expect(source).toContain("from: [Peer.pods({ app: 'payments-frontend' }).inNamespace('payments')]");
  expect(source).toContain("name: 'backend-ingress-from-gateway'");
  expect(source).not.toContain("name: 'allow-frontend-to-backend'");
});

test('the shapes become AllowDns, AllowTo with AND and OR peers, AllowSameNamespace, AllowInternetEgress, AllowFrom', () => {
  const { source } = generateTypeScript(readObjects(SHAPES).policies, { patterns: 'add-metadata' });
  expect(constructsById(source)).toEqual({
    'allow-dns': 'AllowDns',
    'allow-api-to-payments': 'AllowTo',
    'same-namespace': 'AllowSameNamespace',
    'web-internet': 'AllowInternetEgress',
    metrics: 'AllowFrom',
  });
  expect(source).toContain("Peer.pods({ app: 'payments' }).inNamespace('payments'), Peer.namespaces('billing', 'ledger')");
  expect(source).toContain('Port.tcpRange(8000, 8100)');
  expect(source).toContain("labels: { team: 'checkout' }");
  expect(source).toContain("Peer.pods({ app: 'scraper' }).inAnyNamespace()");
  expect(source).toContain("Port.named('metrics')");
  expect(source.replace(/\s+/g, ' ')).toContain("to: Select.podsMatching(LabelSelector.expressions({ key: 'tier', operator: SelectorOperator.EXISTS, }))");
});

test('without patterns only the core constructs are used', () => {
  const { constructs } = generateTypeScript(readObjects([...PAYMENTS, ...SHAPES]).policies, { patterns: 'none' });
  expect(Object.keys(constructs).sort()).toEqual(['AllowDns', 'AllowFrom', 'AllowTo', 'DefaultDeny', 'NetworkPolicy']);
});

test('by default no pattern construct adds metadata: policies without audit metadata get the core constructs', () => {
  const specs = readObjects([...PAYMENTS, ...SHAPES]).policies;
  const { constructs, notes, source } = generateTypeScript(specs);
  expect(Object.keys(constructs).sort()).toEqual(['AllowDns', 'AllowFrom', 'AllowTo', 'DefaultDeny', 'NetworkPolicy']);
  expect(notes.filter((n) => n.code === PATTERN_METADATA_CODE)).toEqual([]);
  expect(source).toContain('synthesizing it writes the same policies.\n');
});

test('add-metadata says, per policy, exactly which labels and annotations a pattern construct adds', () => {
  const { notes, source } = generateTypeScript(readObjects(PAYMENTS).policies, { patterns: 'add-metadata' });
  const added = notes.filter((n) => n.code === PATTERN_METADATA_CODE);
  expect(added.map((n) => n.object).sort()).toEqual(['backend-ingress-from-gateway', 'postgres-allow-app', 'allow-prometheus-scrape']
    .map((n) => `NetworkPolicy payments/${n}`).sort());
  const db = added.find((n) => n.object === 'NetworkPolicy payments/postgres-allow-app')!;
  // The input carries no audit metadata, so the program turns it off: only the pattern label is added.
  expect(db.message).toMatch(/^DatabaseTier adds label netpol\.cdk8s\.io\/pattern="database-tier", annotation suppress\.netpol\.cdk8s\.io\/dns-egress-missing="[^"]+"; the spec is the same$/);
  expect(source).toContain('plus the metadata a pattern construct adds where a note says so');
  // Next to a policy with the metadata, this one gets `auditMetadata: false`: the same note.
  const mixed = generateTypeScript([...readObjects(PAYMENTS).policies, auditedDeny()], { patterns: 'add-metadata' }).notes;
  expect(mixed.find((n) => n.object === 'NetworkPolicy payments/postgres-allow-app')!.message).toBe(db.message);
  expect(source).toContain(`// note: metadata: ${db.message}`);
});

test('a policy a pattern construct wrote (its audit metadata included) is imported as that construct by default, unchanged', async () => {
  // The first program writes the audit metadata (turned back on), as an App of the library does.
  const firstSource = generateTypeScript(readObjects(PAYMENTS).policies, { patterns: 'add-metadata', library: libraryFrom(dir) }).source;
  expect(firstSource).toContain('configure({ audit: false })');
  const first = writeProgram(dir, 'reimport_first', firstSource.replace('configure({ audit: false })', 'configure({ audit: true })'));
  const written = (await synthProgram(first)).filter((o) => o.kind === 'NetworkPolicy');
  const again = generateTypeScript(readObjects(written).policies, { library: libraryFrom(dir) });
  expect(again.notes.filter((n) => n.code === PATTERN_METADATA_CODE)).toEqual([]);
  expect(Object.keys(again.constructs)).toEqual(expect.arrayContaining(['DatabaseTier', 'AllowMonitoringScrape', 'AllowFromIngressController']));
  const rewritten = (await synthProgram(writeProgram(dir, 'reimport_again', again.source))).filter((o) => o.kind === 'NetworkPolicy');
  const key = (p: any) => `${p.metadata.namespace}/${p.metadata.name}`;
  const byKey = new Map(written.map((p) => [key(p), normalizePolicy(p)]));
  expect(rewritten).toHaveLength(written.length);
  for (const got of rewritten) expect(normalizePolicy(got), key(got)).toEqual(byKey.get(key(got)));
}, 60_000);

test('a CIDR with host bits is written as its network, with a note naming policy and field', () => {
  const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'vpn', namespace: 'a' },
    spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.1/8', except: ['10.99.0.0/16'] } }] }] } };
  const { source, notes } = generateTypeScript(readObjects([np]).policies);
  expect(source).toContain("Peer.ipBlock('10.0.0.0/8', '10.99.0.0/16')");
  expect(notes).toEqual([expect.objectContaining({ code: 'import-cidr-canonical', object: 'NetworkPolicy a/vpn', field: 'spec.ingress[0].from[0].ipBlock.cidr' })]);
  expect(source).toContain('// note: spec.ingress[0].from[0].ipBlock.cidr: "10.0.0.1/8" is written as "10.0.0.0/8"');
});

test('output is deterministic and keeps namespaces apart, one chart each', () => {
  const specs = readObjects([...SHAPES, ...PAYMENTS]).policies;
  const a = generateTypeScript(specs).source;
  expect(generateTypeScript([...specs].reverse()).source.match(/^.*new Chart\(.*\);$/gm)).toEqual(a.match(/^.*new Chart\(.*\);$/gm));
  expect(a.match(/^.*new Chart\(.*\);$/gm)).toEqual([
    "const payments = new Chart(app, 'payments', { namespace: 'payments' });",
    "const shop = new Chart(app, 'shop', { namespace: 'shop' });",
  ]);
  expect(generateTypeScript(specs).source).toBe(a);
});
