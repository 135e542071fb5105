import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { App } from 'cdk8s';
import { parseAllDocuments, stringify } from 'yaml';
import { build } from '../../examples/cluster-guardrails/app';
import { Analyzer, Cluster } from '../../lib/analysis';
import { carriesClusterAudit, clusterPolicyProgram } from '../../lib/import/cluster-policy-code';
import { readObjects } from '../../lib/manifest/read-objects';
import { Protocol } from '../../lib/model';
import { run } from '../cli/fake-io';
import { crdValidator } from '../constructs/cluster/crd-schema';
import { normalizePolicy } from './normalize';
import { asV1alpha2, normalizeClusterPolicy } from './normalize-cluster';
import { REPO, libraryFrom, removeTmp, resetTmp, synthProgram, typeErrors, writeProgram } from './program';

// `netpol import` of ClusterNetworkPolicy (v1alpha2) and v1alpha1 AdminNetworkPolicy /
// BaselineAdminNetworkPolicy: the program type-checks, declares the channel the input needs,
// and synthesizes the same cluster policies (v1alpha1 ones converted as stated), valid against
// the CRD, with the same verdict on every flow of a small cluster.

const text = (p: string) => readFileSync(join(REPO, p), 'utf8');
const objectsOf = (t: string) => parseAllDocuments(t).map((d) => d.toJSON()).filter(Boolean);
const CLUSTER_KINDS = ['ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'];

/** Namespaces and pods the fixtures' selectors pick (and some they do not). */
const CLUSTER = objectsOf(`
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: ta, labels: {tenant: a}}
---
apiVersion: v1
kind: Namespace
metadata: {name: tb, labels: {tenant: b}}
---
apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
${[
    ['web', 'shop', 'web', '10.0.1.1'], ['gateway', 'ta', 'gateway', '10.0.2.1'], ['api', 'tb', 'api', '10.0.3.1'],
    ['probe', 'monitoring', 'probe', '10.0.4.1'], ['dns', 'kube-system', 'kube-dns', '10.0.5.1'],
  ].map(([name, ns, app, ip]) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: {app: ${app}, k8s-app: ${app}}}
spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 80}, {name: metrics, containerPort: 9090}]}]}
status: {podIP: ${ip}}`).join('\n')}
`);
const PORTS = [80, 443, 53, 8050, 9090, 3868].flatMap((port) => [Protocol.TCP, Protocol.UDP, Protocol.SCTP].map((protocol) => ({ port, protocol })));
const matrix = (policies: unknown[]) => Analyzer.of(Cluster.fromManifests([...CLUSTER, ...policies]))
  .matrix({ ports: PORTS, externals: ['169.254.169.254', '192.0.2.7', '8.8.8.8'] }).entries();

let dir = '';
beforeAll(() => { dir = resetTmp('cluster'); });
afterAll(() => removeTmp('cluster'));

describe.each([
  { fixture: 'v1alpha2, standard channel', files: ['test/fixtures/import/cluster-policies.yaml'], channel: 'standard' as const },
  { fixture: 'v1alpha2, experimental peers', files: ['test/fixtures/import/cluster-policies-experimental.yaml'], channel: 'experimental' as const },
  { fixture: 'v1alpha1 ANP and BANP', files: ['test/fixtures/import/cluster-policies-v1alpha1.yaml'], channel: 'standard' as const },
  { fixture: 'with NetworkPolicies', files: ['test/fixtures/import/cluster-policies.yaml', 'examples/yaml/payments.yaml'], channel: 'standard' as const },
])('$fixture', ({ fixture, files, channel }) => {
  const inputs = Object.fromEntries(files.map((f) => [f, text(f)]));
  const originals = files.flatMap((f) => objectsOf(inputs[f]));
  const tag = fixture.replace(/\W+/g, '_');

  test(`declares the ${channel} channel, type-checks, and synthesizes the same objects, valid against the CRD`, async () => {
    const r = await run(['import', ...files], inputs);
    expect(r.code, r.stderr).toBe(0);
    const word = channel.toUpperCase();
    expect(r.stdout).toMatch(new RegExp(`Targets\\.of\\(app\\)\\.support\\(Dialect\\.CLUSTER_NETWORK_POLICY, \\{\\s*channel: ClusterPolicyChannel\\.${word},?\\s*\\}\\);`));
    expect(typeErrors([writeProgram(dir, `typed_${tag}`, r.stdout)])).toEqual([]);
    const source = r.stdout.replace("from 'cdk8s-netpol';", `from '${libraryFrom(dir)}';`);
    const synthesized = await synthProgram(writeProgram(dir, `run_${tag}`, source));

    const cnps = synthesized.filter((o) => o.kind === 'ClusterNetworkPolicy');
    const want = originals.filter((o) => CLUSTER_KINDS.includes(o.kind)).map((o) => normalizeClusterPolicy(asV1alpha2(o)));
    const byName = (a: any, b: any) => (a.name < b.name ? -1 : 1);
    expect(cnps.map(normalizeClusterPolicy).sort(byName)).toEqual(want.sort(byName));
    const valid = crdValidator(channel);
    for (const o of cnps) expect(valid(o), o.metadata.name).toEqual([]);

    const nps = synthesized.filter((o) => o.kind === 'NetworkPolicy');
    const key = (p: any) => `${p.metadata.namespace}/${p.metadata.name}`;
    const npWant = new Map(originals.filter((o) => o.kind === 'NetworkPolicy').map((p) => [key(p), normalizePolicy(p)]));
    expect(nps.map(key).sort()).toEqual([...npWant.keys()].sort());
    for (const p of nps) expect(normalizePolicy(p)).toEqual(npWant.get(key(p)));

    const policyKinds = [...CLUSTER_KINDS, 'NetworkPolicy'];
    expect(matrix(synthesized)).toEqual(matrix(originals.filter((o) => policyKinds.includes(o.kind))));
  }, 60_000);
});

test('v1alpha1 objects: the output says exactly what changed, per object, with file, line and document', async () => {
  const f = 'test/fixtures/import/cluster-policies-v1alpha1.yaml';
  const r = await run(['import', f], { [f]: text(f) });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(`${f}:3: warning import-cluster-policy-converted: AdminNetworkPolicy tenants (document 1) apiVersion: written as ClusterNetworkPolicy tenants: `
    + 'apiVersion policy.networking.k8s.io/v1alpha1 -> v1alpha2; kind AdminNetworkPolicy -> ClusterNetworkPolicy; spec.tier: Admin (added); spec.priority 10 kept; '
    + 'action Allow -> Accept in spec.ingress[0], spec.egress[0]; ports -> protocols in spec.ingress[0], spec.egress[0] (the same ports); the connections it decides are the same');
  expect(r.stderr).toMatch(/cluster-policies-v1alpha1\.yaml:\d+: warning import-cluster-policy-converted: BaselineAdminNetworkPolicy default \(document 2\) apiVersion: written as ClusterNetworkPolicy baseline-default: .*metadata\.name "default" -> "baseline-default"; spec\.tier: Baseline \(added\); spec\.priority: 0 \(added; a BaselineAdminNetworkPolicy has none\); action Allow -> Accept in spec\.ingress\[0\];/);
  expect(r.stderr).toContain('kubectl delete baselineadminnetworkpolicy default');
  // ... and the program says it too, above each construct.
  expect(r.stdout).toContain('// note: written as ClusterNetworkPolicy baseline-default: ');
  expect(r.stderr).toContain('netpol import: 0 NetworkPolicies, 2 cluster policies from 1 file (ClusterNetworkPolicy 2)');
});

test('a v1alpha2 ClusterNetworkPolicy is written as read: no conversion note, priorities kept exactly', async () => {
  const f = 'test/fixtures/import/cluster-policies.yaml';
  const r = await run(['import', f], { [f]: text(f) });
  expect(r.stderr).not.toContain('import-cluster-policy-converted');
  expect([...r.stdout.matchAll(/priority: (\d+),/g)].map((m) => Number(m[1]))).toEqual([3, 4, 20, 30, 0]);
  expect(r.stdout).toContain("new ClusterNetworkPolicy(clusterPolicies, 'deny-metadata', {");
  expect(r.stdout).toContain("peers: [ClusterPeer.namespaces('monitoring', 'observability')]");
  // `In [zeta, alpha]` is not what ClusterPeer.namespaces writes (it sorts): kept as a selector.
  expect(r.stdout).toContain("values: ['zeta', 'alpha']");
});

const CNP = (name: string, spec: string, extra = '') => `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: ${name}${extra}}
spec:
${spec.trim().split('\n').map((l) => `  ${l}`).join('\n')}
`;
const ADMIN_EGRESS = (priority: number, subject: string) => `tier: Admin
priority: ${priority}
subject: ${subject}
egress: [{action: Deny, to: [{networks: [169.254.169.254/32]}]}]`;

const BANP = 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec: {subject: {namespaces: {}}, ingress: [{action: Allow, from: [{namespaces: {}}]}]}\n';

describe('what the constructs cannot write is refused, naming file, object and field; nothing written', () => {
  test.each([
    {
      what: 'domain names in a Deny rule',
      yaml: CNP('dn', 'tier: Admin\npriority: 1\nsubject: {namespaces: {}}\negress: [{action: Deny, to: [{domainNames: [example.com]}]}]'),
      error: /in\.yaml:\d+: error import-cluster-policy-unrepresentable: ClusterNetworkPolicy dn \(document 1\) spec\.egress\[0\]\.action: Invalid value: "Deny": domainNames peers are only supported in Accept rules/,
    },
    {
      what: 'an AdminNetworkPolicy with more rules than v1alpha2 allows',
      yaml: `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: long}\nspec:\n  priority: 1\n  subject: {namespaces: {}}\n  ingress:\n${Array.from({ length: 26 }, () => '  - {action: Deny, from: [{namespaces: {}}]}').join('\n')}\n`,
      error: /AdminNetworkPolicy long \(document 1\) spec\.ingress: Too many: 26: ClusterNetworkPolicy \(v1alpha2\) allows at most 25 items/,
    },
    {
      what: 'an AdminNetworkPolicy and a ClusterNetworkPolicy of one name',
      yaml: `${CNP('same', ADMIN_EGRESS(1, '{namespaces: {}}'))}---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: same}\nspec: {priority: 2, subject: {namespaces: {}}, egress: [{action: Deny, to: [{networks: [10.0.0.0/8]}]}]}\n`,
      error: /AdminNetworkPolicy same \(document 2\) metadata\.name: AdminNetworkPolicy same and ClusterNetworkPolicy same would both be written as ClusterNetworkPolicy "same"/,
    },
    {
      what: 'two overlapping Admin policies with one priority',
      yaml: `${CNP('first', ADMIN_EGRESS(5, '{namespaces: {}}'))}---\n${CNP('second', ADMIN_EGRESS(5, '{namespaces: {matchLabels: {team: a}}}'))}`,
      error: /ClusterNetworkPolicy second \(document 2\) spec\.priority: Admin priority 5 is also given to ClusterNetworkPolicy first, and the two may apply to the same connections/,
    },
    {
      what: 'a Baseline policy of priority 0 beside the BaselineAdminNetworkPolicy (written with priority 0)',
      yaml: `${BANP}---\n${CNP('base', 'tier: Baseline\npriority: 0\nsubject: {namespaces: {}}\ningress: [{action: Deny, from: [{namespaces: {}}]}]')}`,
      error: /ClusterNetworkPolicy base \(document 2\) spec\.priority: Baseline priority 0 is also given to BaselineAdminNetworkPolicy default \(written as ClusterNetworkPolicy baseline-default, priority 0\)/,
    },
    {
      what: 'a named port the library refuses',
      yaml: CNP('np', 'tier: Admin\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Accept, from: [{namespaces: {}}], protocols: [{destinationNamedPort: this-name-is-far-too-long}]}]'),
      error: /ClusterNetworkPolicy np \(document 1\) spec\.ingress\[0\]\.protocols\[0\]\.destinationNamedPort: Invalid value: "this-name-is-far-too-long"/,
    },
    {
      what: 'an invalid label key',
      yaml: CNP('lab', ADMIN_EGRESS(1, '{namespaces: {}}'), ', labels: {"bad key": x}'),
      error: /ClusterNetworkPolicy lab \(document 1\) metadata\.labels: .*bad key/,
    },
    {
      what: 'an object known by a generateName that is no valid name',
      yaml: CNP('x', ADMIN_EGRESS(1, '{namespaces: {}}')).replace('metadata: {name: x}', 'metadata: {generateName: guard-}'),
      error: /ClusterNetworkPolicy \(unnamed\) \(document 1\) metadata\.name: Required value: the policy has no metadata\.name \(it has a generateName only: "guard-"\)/,
    },
    {
      what: 'a priority the API server rejects',
      yaml: CNP('high', ADMIN_EGRESS(1001, '{namespaces: {}}')),
      error: /in\.yaml:6: error cnp-invalid: ClusterNetworkPolicy high \(document 1\) spec\.priority: Invalid value: 1001/,
    },
    {
      what: 'a v1alpha1 port list in a v1alpha2 policy (unknown field)',
      yaml: CNP('ports', 'tier: Admin\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Deny, from: [{namespaces: {}}], ports: [{portNumber: {port: 80}}]}]'),
      error: /error unknown-field: ClusterNetworkPolicy ports \(document 1\) spec\.ingress\[0\]\.ports: .*the constructs cannot write it/,
    },
  ])('$what', async ({ yaml, error }) => {
    const r = await run(['import', 'in.yaml'], { 'in.yaml': yaml });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(error);
    expect(r.stderr).toContain('Nothing written.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

test.each([
  { what: 'equal priorities, subjects in different namespaces', second: '{namespaces: {matchLabels: {kubernetes.io/metadata.name: b}}}', first: '{namespaces: {matchLabels: {kubernetes.io/metadata.name: a}}}' },
  { what: 'equal priorities, one Admin and one Baseline', second: null, first: '{namespaces: {}}' },
])('accepted: $what', async ({ first, second }) => {
  const other = second === null
    ? CNP('second', 'tier: Baseline\npriority: 5\nsubject: {namespaces: {}}\negress: [{action: Deny, to: [{networks: [10.0.0.0/8]}]}]')
    : CNP('second', ADMIN_EGRESS(5, second));
  const r = await run(['import', 'in.yaml'], { 'in.yaml': `${CNP('first', ADMIN_EGRESS(5, first))}---\n${other}` });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout.match(/new ClusterNetworkPolicy\(/g)).toHaveLength(2);
});

test('only cluster policies: a program; neither kind of policy: exit 2', async () => {
  const only = await run(['import', 'in.yaml'], { 'in.yaml': CNP('one', ADMIN_EGRESS(1, '{namespaces: {}}')) });
  expect(only.code).toBe(0);
  expect(only.stdout).not.toContain('ClusterPolicyChannel.EXPERIMENTAL');
  const none = await run(['import', 'in.yaml'], { 'in.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n' });
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('no NetworkPolicy in in.yaml (nor a ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy)');
});

test('the cluster-guardrails example\'s output, imported, synthesizes the same policies (guardrail constructs included)', async () => {
  const app = new App();
  build(app);
  const written = app.charts.flatMap((c) => c.toJson()).filter((o: any) => o.kind === 'ClusterNetworkPolicy' || o.kind === 'NetworkPolicy');
  expect(written.filter((o: any) => o.kind === 'ClusterNetworkPolicy').length).toBeGreaterThan(4);
  const r = await run(['import', 'in.yaml'], { 'in.yaml': written.map((o: any) => stringify(o)).join('---\n') });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('ClusterPolicyChannel.STANDARD');
  const source = r.stdout.replace("from 'cdk8s-netpol';", `from '${libraryFrom(dir)}';`);
  const again = await synthProgram(writeProgram(dir, 'run_guardrails', source));
  const norm = (o: any) => (o.kind === 'ClusterNetworkPolicy' ? normalizeClusterPolicy(o) : normalizePolicy(o));
  const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const want = new Map(written.map((o: any) => [key(o), norm(o)]));
  expect(again.map(key).sort()).toEqual([...want.keys()].sort());
  for (const o of again) expect(norm(o), key(o)).toEqual(want.get(key(o)));
}, 60_000);

describe('audit metadata', () => {
  const input = (labels: { [k: string]: string }, annotations: { [k: string]: string }) => {
    const spec = readObjects([{ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: 'p' }, spec: { tier: 'Admin', priority: 1, subject: { namespaces: {} } } }])._clusterPolicies[0];
    return { spec, labels, annotations };
  };
  test.each<{ labels: { [k: string]: string }; annotations: { [k: string]: string }; carries: boolean }>([
    { labels: { 'app.kubernetes.io/managed-by': 'cdk8s-netpol' }, annotations: { 'netpol.cdk8s.io/intent': 'x' }, carries: true },
    { labels: { 'app.kubernetes.io/managed-by': 'helm' }, annotations: { 'netpol.cdk8s.io/intent': 'x' }, carries: false },
    { labels: { 'app.kubernetes.io/managed-by': 'cdk8s-netpol' }, annotations: {}, carries: false },
  ])('carriesClusterAudit($labels, $annotations) is $carries', ({ labels, annotations, carries }) => {
    expect(carriesClusterAudit(input(labels, annotations))).toBe(carries);
  });
  test('a policy the auditOff option names is written with auditMetadata: false, others without the prop', () => {
    const a = input({}, {});
    const program = clusterPolicyProgram([a], {}, { auditOff: (i) => !carriesClusterAudit(i) });
    expect(program.body.join('\n')).toContain('auditMetadata: false');
    expect(clusterPolicyProgram([a]).body.join('\n')).not.toContain('auditMetadata');
  });
});

describe.each([
  { what: 'a NetworkPolicy with audit metadata, a ClusterNetworkPolicy without', npAudit: true, cnpAudit: false },
  { what: 'a ClusterNetworkPolicy with audit metadata, a NetworkPolicy without', npAudit: false, cnpAudit: true },
  { what: 'both with audit metadata', npAudit: true, cnpAudit: true },
  { what: 'neither', npAudit: false, cnpAudit: false },
])('audit metadata round trip: $what', ({ npAudit, cnpAudit }) => {
  const AUDIT = '{app.kubernetes.io/managed-by: cdk8s-netpol}, annotations: {netpol.cdk8s.io/intent: "as written"}';
  const np = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a${npAudit ? `, labels: ${AUDIT}` : ''}}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n`;
  const cnpYaml = CNP('guard', ADMIN_EGRESS(1, '{namespaces: {}}'), cnpAudit ? `, labels: ${AUDIT}` : '');
  test('the program writes exactly the input: no audit metadata added, none lost', async () => {
    const inputs = { 'in.yaml': `${np}---\n${cnpYaml}` };
    const r = await run(['import', 'in.yaml'], inputs);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.includes('auditMetadata: false')).toBe(npAudit !== cnpAudit);
    const tag = `audit_${npAudit}_${cnpAudit}`;
    expect(typeErrors([writeProgram(dir, `typed_${tag}`, r.stdout)])).toEqual([]);
    const synthesized = await synthProgram(writeProgram(dir, `run_${tag}`, r.stdout.replace("from 'cdk8s-netpol';", `from '${libraryFrom(dir)}';`)));
    const originals = objectsOf(inputs['in.yaml']);
    const norm = (o: any) => (o.kind === 'ClusterNetworkPolicy' ? normalizeClusterPolicy(o) : normalizePolicy(o));
    const byKind = (a: any, b: any) => (a.kind < b.kind ? -1 : 1);
    expect(synthesized.sort(byKind).map(norm)).toEqual(originals.sort(byKind).map(norm));
  }, 60_000);
});
