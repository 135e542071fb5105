import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from './fake-io';

// Every netpol command reads ClusterNetworkPolicy (and v1alpha1 AdminNetworkPolicy /
// BaselineAdminNetworkPolicy) input and answers through the tiers of
// docs/cluster-network-policy.md. The scenario: an Admin Deny of x -> z on 443, a Baseline
// ingress default deny, and a NetworkPolicy of x that lets z in (it overrides Baseline for x).

const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: {name: x, labels: {tenant: t1}}
---
apiVersion: v1
kind: Namespace
metadata: {name: z, labels: {tenant: t2}}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x, labels: {app: a}}
spec: {containers: [{name: m, image: i, ports: [{name: http, containerPort: 80}]}]}
status: {podIP: 10.0.1.1}
---
apiVersion: v1
kind: Pod
metadata: {name: c, namespace: z, labels: {app: c}}
spec: {containers: [{name: m, image: i, ports: [{name: web, containerPort: 443}]}]}
status: {podIP: 10.0.3.1}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-z, namespace: x}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: z}}}]}]
`;

const GUARD = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: guard}
spec:
  tier: Admin
  priority: 10
  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: z}}}
  ingress:
  - name: no-x-web
    action: Deny
    from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: x}}}]
    protocols: [{tcp: {destinationPort: {number: 443}}}]
`;

const BASELINE = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress:
  - action: Deny
    from: [{namespaces: {}}]
`;

const files = (extra: { [path: string]: string } = {}) => ({ 'c/cluster.yaml': CLUSTER, 'c/guard.yaml': GUARD, 'c/baseline.yaml': BASELINE, ...extra });

describe('netpol check with cluster policies', () => {
  test('valid CNP and BANP input: exit 0, nothing reported as an error', async () => {
    const r = await run(['check', 'c'], files());
    expect(r.stderr + r.stdout).toMatch(/0 errors/);
    expect(r.code).toBe(0);
  });

  test('a CNP the API server would reject: exit 1, naming file, line, document, object and field', async () => {
    const r = await run(['check', 'c'], files({ 'c/guard.yaml': GUARD.replace('priority: 10', 'priority: 1001') }));
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/c\/guard\.yaml:6: error .*ClusterNetworkPolicy guard \(document 1\) spec\.priority: Invalid value: 1001/);
  });

  test.each(['cluster-policy-priority-tie', 'cluster-policy-rule-shadowed', 'cluster-policy-pass-to-nothing', 'cluster-policy-baseline-dns'])(
    'the lint rule %s reports through check; --fail-on warning makes it exit 1', async (rule) => {
      const yaml = readFileSync(join(__dirname, '..', 'fixtures', 'lint', rule, 'fail.yaml'), 'utf8');
      const r = await run(['check', 'in.yaml'], { 'in.yaml': yaml });
      expect(r.stdout + r.stderr).toContain(rule);
      const strict = await run(['check', 'in.yaml', '--fail-on', 'warning'], { 'in.yaml': yaml });
      expect(strict.code).toBe(1);
    });

  test('the v0.1.0-v0.1.6 sameLabels peer is an error (exit 1), never read as every namespace', async () => {
    const old = BASELINE.replace('from: [{namespaces: {}}]', 'from: [{namespaces: {sameLabels: [tenant]}}]');
    const r = await run(['check', 'c'], files({ 'c/baseline.yaml': old }));
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/spec\.ingress\[0\]\.from\[0\]\.namespaces\.sameLabels: Unsupported field/);
  });

  test('a domainNames peer is a warning saying the analyzer treats it as matching nothing', async () => {
    const dns = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: web-egress}
spec:
  tier: Admin
  priority: 20
  subject: {namespaces: {}}
  egress:
  - {action: Accept, to: [{domainNames: ["*.example.com"]}]}
  - {action: Deny, to: [{networks: [0.0.0.0/0]}]}
`;
    const r = await run(['check', 'c'], files({ 'c/dns.yaml': dns }));
    expect(r.stdout + r.stderr).toMatch(/warning cnp-peer-not-analyzed: ClusterNetworkPolicy web-egress .*spec\.egress\[0\]\.to\[0\]\.domainNames: the analyzer cannot evaluate a domainNames peer/);
    const e = await run(['explain', 'c', '--from', 'x/a', '--to', '93.184.216.34', '--port', '443/TCP'], files({ 'c/dns.yaml': dns }));
    expect(e.stdout).toMatch(/DENIED/);
    expect(e.stdout).toMatch(/ClusterNetworkPolicy\/web-egress spec\.egress\[0\] \(Admin tier, Accept\) has a domainNames peer .*took it as not matching ip:93\.184\.216\.34/);
  });
});

describe('netpol explain, matrix, connections, graph, probe through the tiers', () => {
  test('explain names the tier, the policy, the rule (name and place)', async () => {
    const r = await run(['explain', 'c', '--from', 'x/a', '--to', 'z/c', '--port', '443/TCP'], files());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/x\/a -> z\/c on 443\/TCP: DENIED/);
    expect(r.stdout).toMatch(/ingress of z\/c: denied: decided in the Admin tier by ClusterNetworkPolicy\/guard spec\.ingress\[0\] "no-x-web" \(c\/guard\.yaml:9\): Deny/);
    const base = await run(['explain', 'c', '--from', 'x/a', '--to', 'z/c', '--port', '80/TCP'], files());
    expect(base.stdout).toMatch(/decided in the Baseline tier by BaselineAdminNetworkPolicy\/default spec\.ingress\[0\] \(c\/baseline\.yaml:\d+\): Deny/);
    const np = await run(['explain', 'c', '--from', 'z/c', '--to', 'x/a', '--port', '80/TCP'], files());
    expect(np.stdout).toMatch(/ALLOWED/);
    expect(np.stdout).toMatch(/isolated by x\/from-z \(NetworkPolicy tier\)/);
    const json = JSON.parse((await run(['explain', 'c', '--from', 'x/a', '--to', 'z/c', '--port', '443/TCP', '--format', 'json'], files())).stdout);
    expect(json.ingress).toMatchObject({ decidedBy: 'Admin', clusterPolicySteps: [{ policy: 'ClusterNetworkPolicy/guard', action: 'Deny', field: 'spec.ingress[0]', ruleName: 'no-x-web' }] });
  });

  test('matrix: the tiered verdicts, as json and text', async () => {
    const r = await run(['matrix', 'c', '--port', '443/TCP', '--port', '80/TCP', '--format', 'json'], files());
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout).results as Array<{ from: string; to: string; port: number; allowed: boolean }>;
    const allowed = (from: string, to: string, port: number) => results.find((x) => x.from === from && x.to === to && x.port === port)?.allowed;
    // Admin Deny; Baseline Deny (no NetworkPolicy selects z); the NetworkPolicy of x overrides Baseline.
    expect([allowed('x/a', 'z/c', 443), allowed('x/a', 'z/c', 80), allowed('z/c', 'x/a', 80), allowed('z/c', 'x/a', 443)]).toEqual([false, false, true, true]);
    const t = await run(['matrix', 'c', '--port', '443/TCP'], files());
    expect(t.stdout).toMatch(/1 x\/a\s+–\s+✗/);
    expect(t.stdout).toMatch(/2 z\/c\s+✓\s+–/);
  });

  test('connections: each cluster policy rule and what it decided', async () => {
    const r = await run(['connections', 'c'], files());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/x\/a -> z\/c: no connections/);
    expect(r.stdout).toMatch(/z\/c -> x\/a: all connections/);
    const e = await run(['explain', 'c', '--from', 'x/a', '--to', 'z/c'], files());
    expect(e.stdout).toMatch(/Admin tier: ClusterNetworkPolicy\/guard spec\.ingress\[0\] "no-x-web" denies TCP 443/);
    expect(e.stdout).toMatch(/Baseline tier: BaselineAdminNetworkPolicy\/default spec\.ingress\[0\] denies/);
  });

  test('graph: edges are the tiered verdicts (z -> x kept by the NetworkPolicy, x -> z cut by Admin and Baseline)', async () => {
    const r = await run(['graph', 'c', '--format', 'dot', '--port', '443/TCP', '--port', '80/TCP'], files());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/"z\/c" -> "x\/a"/);
    expect(r.stdout).not.toMatch(/"x\/a" -> "z\/c"/);
    const html = await run(['graph', 'c', '--format', 'html', '--port', '443/TCP'], files({ 'c/tie.yaml': GUARD.replace('name: guard', 'name: guard-2') }));
    expect(html.stdout).toContain('cluster-policy-priority-tie');
  });

  test('probe: allowed and denied flows from the tiered verdict', async () => {
    const r = await run(['probe', 'c', '--port', '443/TCP', '--port', '80/TCP'], files());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^probe 'z\/c -> x\/a 80\/TCP' 'allow' /m);
    expect(r.stdout).toMatch(/^probe 'x\/a -> z\/c 443\/TCP' 'deny' /m);
  });
});

describe('netpol diff and import with cluster policies', () => {
  test('diff: adding an Admin Deny closes the flows it decides', async () => {
    const before = { 'before/cluster.yaml': CLUSTER };
    const after = { 'after/cluster.yaml': CLUSTER, 'after/guard.yaml': GUARD };
    const r = await run(['diff', 'before', 'after'], { ...before, ...after });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/closed/i);
    expect(r.stdout).toMatch(/x\/a -> z\/c.*TCP 443/);
    expect(r.stdout).not.toMatch(/z\/c -> x\/a/);
    const failOn = await run(['diff', 'before', 'after', '--fail-on', 'closed'], { ...before, ...after });
    expect(failOn.code).toBe(1);
  });

  test('import: cluster policies become ClusterNetworkPolicy constructs, the BANP converted as the output says', async () => {
    const r = await run(['import', 'c/cluster.yaml', 'c/guard.yaml', 'c/baseline.yaml'], files());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('from-z');
    expect(r.stdout).toContain("new ClusterNetworkPolicy(clusterPolicies, 'guard', {");
    expect(r.stdout).toContain("new ClusterNetworkPolicy(clusterPolicies, 'baseline-default', {");
    expect(r.stderr).toMatch(/c\/baseline\.yaml:1: warning import-cluster-policy-converted: BaselineAdminNetworkPolicy default \(document 1\) apiVersion: written as ClusterNetworkPolicy baseline-default: /);
    expect(r.stderr).not.toMatch(/ClusterNetworkPolicy guard.*converted/);
    const only = await run(['import', 'c/guard.yaml'], files());
    expect(only.code).toBe(0);
    expect(only.stdout).toContain("name: 'no-x-web'");
  });
});

describe('untrusted text from cluster policies is escaped', () => {
  test('a rule name with terminal escapes is printed escaped by explain and connections', async () => {
    const evil = GUARD.replace('name: no-x-web', 'name: "no-x\\u001b[31m-web\\u0007"');
    for (const args of [['explain', 'c', '--from', 'x/a', '--to', 'z/c', '--port', '443/TCP'], ['explain', 'c', '--from', 'x/a', '--to', 'z/c']]) {
      const r = await run(args, files({ 'c/guard.yaml': evil }));
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(r.stdout).toMatch(/no-x\\x1b\[31m-web\\x07/);
    }
  });
});

test('explain: a Pass then nothing else is the default allow, said as such', async () => {
  const pass = GUARD.replace('action: Deny', 'action: Pass');
  const r = await run(['explain', 'c/cluster.yaml', 'c/guard.yaml', '--from', 'x/a', '--to', 'z/c', '--port', '443/TCP'], files({ 'c/guard.yaml': pass }));
  expect(r.stdout).toMatch(/ALLOWED/);
  expect(r.stdout).toMatch(/ingress of z\/c: ClusterNetworkPolicy\/guard spec\.ingress\[0\] "no-x-web" \(c\/guard\.yaml:9\) \(Admin tier\) passes it on/);
  expect(r.stdout).toMatch(/ingress of z\/c: allowed: no NetworkPolicy selects it for ingress and no cluster policy rule decides it, so it is allowed \(the default\)/);
});
