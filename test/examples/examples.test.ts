import { DaemonSet, Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy as K8sNetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { Namespace, Pod, Service } from 'kubernetes-models/v1';
import { beforeAll, describe, expect, test } from 'vitest';
import { validateNetworkPolicyJson } from '../../lib/manifest';
import { BuiltExample, buildExample, exampleNames } from './example-apps';
import { crdValidator } from '../constructs/cluster/crd-schema';

// Every example app, built in-process: a snapshot of its YAML, and every object it synthesizes
// checked against the Kubernetes schema (kubernetes-models) and our API-server validator.

const names = exampleNames();

/** kubernetes-models 4.5.1 classes of the kinds examples may synthesize, by `apiVersion/kind`. */
const SCHEMAS: { [apiVersionKind: string]: new (json: any) => { validate(): void } } = {
  'networking.k8s.io/v1/NetworkPolicy': K8sNetworkPolicy,
  'v1/Namespace': Namespace,
  'v1/Pod': Pod,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'apps/v1/DaemonSet': DaemonSet,
  'batch/v1/Job': Job,
};

/** The ClusterNetworkPolicy CRD (standard channel) as a validator with the same interface. */
const validateCnp = crdValidator('standard');
class CnpModel {
  public constructor(private readonly json: unknown) {}
  public validate(): void {
    const errors = validateCnp(this.json);
    if (errors.length > 0) throw new Error(errors.join('; '));
  }
}
SCHEMAS['policy.networking.k8s.io/v1alpha2/ClusterNetworkPolicy'] = CnpModel;

describe.each(names)('example %s', (name) => {
  let built: BuiltExample;
  beforeAll(async () => {
    built = await buildExample(name);
  });

  // One YAML file per example (test/examples/__snapshots__/<name>.k8s.yaml): reviewable as YAML,
  // and an example added by anyone gets its own file. Update with `npx vitest run -u test/examples`.
  test('synthesizes the YAML in the snapshot', async () => {
    await expect(built.yaml).toMatchFileSnapshot(`./__snapshots__/${name}.k8s.yaml`);
  });

  test('synthesizes at least one NetworkPolicy, each with a namespace', () => {
    const policies = built.objects.filter((o) => o.kind === 'NetworkPolicy');
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) expect(p.metadata.namespace, p.metadata.name).toMatch(/^[a-z0-9-]+$/);
  });

  test('every synthesized object, of whatever kind, passes the kubernetes-models schema', () => {
    for (const obj of built.objects) {
      const Model = SCHEMAS[`${obj.apiVersion}/${obj.kind}`];
      expect(Model, `no kubernetes-models class listed for ${obj.apiVersion} ${obj.kind}: add it to SCHEMAS`).toBeDefined();
      expect(() => new Model(obj).validate(), `${obj.kind} ${obj.metadata.name}`).not.toThrow();
    }
  });

  test('every NetworkPolicy passes our API-server validator with no issue at all', () => {
    for (const obj of built.objects.filter((o) => o.kind === 'NetworkPolicy')) {
      expect(validateNetworkPolicyJson(obj, { requireNamespace: true, strictCidr: true }), obj.metadata.name).toEqual([]);
    }
  });

  test('names are unique per namespace and policyTypes are always explicit', () => {
    const policies = built.objects.filter((o) => o.kind === 'NetworkPolicy');
    const ids = policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of policies) expect(p.spec.policyTypes.length, p.metadata.name).toBeGreaterThan(0);
  });
});

test('the seed scenarios all have an example', () => {
  expect(names).toEqual(expect.arrayContaining(['payments', 'corporate-vpn', 'port-range', 'multi-protocol', 'tenant-isolation']));
});
