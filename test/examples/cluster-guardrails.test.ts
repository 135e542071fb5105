import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { DecidingTier, Protocol, Reachability, WorkloadInfo } from '../../lib';
import { readClusterPolicy } from '../../lib/dialects/cluster-network-policy/read';
import { runLint } from '../../lib/lint';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { crdValidator } from '../constructs/cluster/crd-schema';
import { BuiltExample, EXAMPLES_DIR, buildExample } from './example-apps';

// examples/cluster-guardrails: its ClusterNetworkPolicies are valid against the upstream CRD and
// its CEL rules, its flows are what the tiers decide (Admin, then NetworkPolicy, then Baseline),
// and our own lint finds nothing to say about its cluster policies.

/** The pods the policies are about (the example writes policies, not workloads). */
const workloads: WorkloadInfo[] = [
  { namespace: 'tenant-a', name: 'web', labels: { app: 'web' } },
  { namespace: 'tenant-a', name: 'api', labels: { app: 'api' } },
  { namespace: 'tenant-b', name: 'web', labels: { app: 'web' } },
  { namespace: 'shared', name: 'registry', labels: { app: 'registry' } },
  { namespace: 'platform', name: 'vault', labels: { app: 'vault' } },
  { namespace: 'legacy', name: 'app', labels: { app: 'app' } },
  { namespace: 'legacy', name: 'db', labels: { app: 'db' } },
  { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
];
const METADATA = '169.254.169.254';
const PUBLIC = '203.0.113.9';

let built: BuiltExample;
let r: Reachability;
beforeAll(async () => {
  built = await buildExample('cluster-guardrails');
  r = Reachability.of(built.app, { workloads, externals: [METADATA, PUBLIC] });
});

const cnps = () => built.objects.filter((o) => o.kind === 'ClusterNetworkPolicy');

describe('the cluster policies synthesized', () => {
  test('are the guardrails, in declaration order within each tier, cluster-scoped', () => {
    expect(cnps().map((o) => `${o.spec.tier} ${o.spec.priority} ${o.metadata.name}`)).toEqual([
      'Admin 10 deny-metadata-service',
      'Admin 20 allow-dns',
      'Admin 30 delegate-shared',
      'Admin 40 tenant-isolation-tenants-a',
      'Admin 50 tenant-isolation-tenants-b',
      'Admin 60 protect-platform',
      'Baseline 10 default-deny-cluster',
    ]);
    for (const o of cnps()) expect(o.metadata.namespace).toBeUndefined();
  });

  test('are valid against the standard-channel CRD schema and its CEL rules', () => {
    const validate = crdValidator('standard');
    for (const o of cnps()) {
      expect(validate(o), o.metadata.name).toEqual([]);
      expect(readClusterPolicy(o, { channel: 'standard' }).issues, o.metadata.name).toEqual([]);
    }
  });

  test('lint: no cluster-policy finding (the baseline default deny accepts DNS first)', () => {
    const clusterPolicies = cnps().map((o) => ({ spec: readClusterPolicy(o).spec! }));
    const policies = built.objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => ({ spec: parseNetworkPolicy(o).spec! }));
    const found = runLint({ policies, clusterPolicies }, { podCidrs: ['100.64.0.0/16'] }).issues.filter((i) => i.code.startsWith('cluster-policy-'));
    expect(found).toEqual([]);
    // Not vacuous: the same default deny without its DNS rule, and without allow-dns, is reported.
    const baseline = readClusterPolicy(cnps().find((o) => o.spec.tier === 'Baseline')).spec!;
    const noDns = { ...baseline, egress: baseline.egress.slice(1) };
    const reported = runLint({ policies: [], clusterPolicies: [{ spec: noDns }] }).issues.map((i) => i.code);
    expect(reported).toContain('cluster-policy-baseline-dns');
  });
  test('lint: no dns-egress-missing although https-anywhere denies other egress (the Admin allow-dns accepts DNS)', () => {
    const clusterPolicies = cnps().map((o) => ({ spec: readClusterPolicy(o).spec! }));
    const policies = built.objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => ({ spec: parseNetworkPolicy(o).spec! }));
    const codes = (cp: typeof clusterPolicies) => runLint({ policies, clusterPolicies: cp }).issues.map((i) => i.code);
    expect(codes(clusterPolicies)).not.toContain('dns-egress-missing');
    // Not vacuous: without the Admin allow-dns, the namespace policies miss DNS.
    expect(codes(clusterPolicies.filter((c) => !(c.spec.tier === 'Admin' && c.spec.name === 'allow-dns')))).toContain('dns-egress-missing');
  });
});

describe('the flows', () => {
  test('DNS: every pod resolves names, whatever its namespace writes (Admin Accept)', () => {
    for (const from of ['tenant-a/web', 'tenant-b/web', 'shared/registry', 'legacy/app']) {
      r.assertAllowed(from, 'kube-system/coredns', 53, Protocol.UDP);
      r.assertAllowed(from, 'kube-system/coredns', 53, Protocol.TCP);
    }
  });

  test('an Admin deny beats a namespace allow: the metadata service, and the other tenant', () => {
    // tenant-a allows HTTPS to 0.0.0.0/0; the metadata service is in it, and denied first.
    r.assertAllowed('tenant-a/web', PUBLIC, 443);
    r.assertDenied('tenant-a/web', METADATA, 443);
    expect(r.explain('tenant-a/web', METADATA, 443).egress.decidedBy).toBe(DecidingTier.ADMIN);
    // tenant-a opens egress to tenant-b and tenant-b ingress from tenant-a: the tenant guardrail wins.
    r.assertDenied('tenant-a/web', 'tenant-b/web', 80);
    const v = r.explain('tenant-a/web', 'tenant-b/web', 80);
    expect(v.egress.clusterPolicySteps?.map((s) => `${s.policy} ${s.action} ${s.field}`)).toContain('ClusterNetworkPolicy/tenant-isolation-tenants-a Deny spec.egress[0]');
  });

  test('the Baseline default deny is overridden by a namespace NetworkPolicy', () => {
    // legacy writes no NetworkPolicy: Baseline denies, even within the namespace.
    r.assertDenied('legacy/app', 'legacy/db', 5432);
    expect(r.explain('legacy/app', 'legacy/db', 5432).ingress.decidedBy).toBe(DecidingTier.BASELINE);
    // tenant-a's own policies decide its traffic: within the namespace it is open.
    r.assertAllowed('tenant-a/web', 'tenant-a/api', 8080);
    expect(r.explain('tenant-a/web', 'tenant-a/api', 8080).ingress.decidedBy).toBe(DecidingTier.NETWORK_POLICY);
  });

  test('Pass delegates shared to its owners: their NetworkPolicy decides, not protect-platform', () => {
    // protect-platform denies tenants into shared and platform; shared is passed before it.
    r.assertAllowed('tenant-a/web', 'shared/registry', 5000);
    const v = r.explain('tenant-a/web', 'shared/registry', 5000);
    expect(v.ingress.decidedBy).toBe(DecidingTier.NETWORK_POLICY);
    expect(v.ingress.clusterPolicySteps?.map((s) => `${s.policy} ${s.action}`)).toEqual(['ClusterNetworkPolicy/delegate-shared Pass']);
    // shared's own policy lets tenant-a in on 5000 only.
    r.assertDenied('tenant-a/web', 'shared/registry', 22);
    // platform is not delegated: the Admin deny holds.
    r.assertDenied('tenant-a/web', 'platform/vault', 8200);
    expect(r.explain('tenant-a/web', 'platform/vault', 8200).ingress.decidedBy).toBe(DecidingTier.ADMIN);
  });
});

test('the README section shows examples/cluster-guardrails/app.ts, line for line, in order', () => {
  const readme = fs.readFileSync(path.join(EXAMPLES_DIR, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Cluster-wide guardrails')).split(/\n## /)[0];
  const [code] = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  const example = fs.readFileSync(path.join(EXAMPLES_DIR, 'cluster-guardrails', 'app.ts'), 'utf8').split('\n').map((l) => l.trim());
  let at = 0;
  for (const line of code.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const found = example.indexOf(line, at);
    expect(found, `README line not in examples/cluster-guardrails/app.ts (in order): ${line}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
});
