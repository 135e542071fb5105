import { describe, expect, test } from 'vitest';
import { readObject, readObjects } from '../../lib/manifest/read-objects';
import { Protocol, Severity } from '../../lib/model';

const template = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090, protocol: 'UDP' }] }], ...extra },
});

describe('readObjects', () => {
  test('reads every workload kind through its pod template', () => {
    const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];
    const objects = [
      ...kinds.map((kind) => ({ apiVersion: 'apps/v1', kind, metadata: { name: kind.toLowerCase(), namespace: 'shop' }, spec: { template: template({ app: kind }) } })),
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cron', namespace: 'shop' }, spec: { jobTemplate: { spec: { template: template({ app: 'cron' }, { hostNetwork: true }) } } } },
    ];
    const read = readObjects(objects);
    expect(read.workloads.map((w) => [w.kind, w.name, w.labels!.app, w.hostNetwork])).toEqual([
      ...kinds.map((k) => [k, k.toLowerCase(), k, false]),
      ['CronJob', 'cron', 'cron', true],
    ]);
    expect(read.workloads[0]).toMatchObject({
      namespace: 'shop', ips: [],
      containerPorts: [{ name: 'http', port: 8080, protocol: Protocol.TCP }, { port: 9090, protocol: Protocol.UDP }],
    });
  });

  test('reads a Pod: labels, IPs, ports, hostNetwork', () => {
    const read = readObjects([{
      kind: 'Pod', metadata: { name: 'p', namespace: 'x', labels: { app: 'a' } },
      spec: { hostNetwork: false, containers: [{ ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] }] },
      status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] },
    }]);
    expect(read.workloads).toEqual([{
      namespace: 'x', name: 'p', kind: 'Pod', labels: { app: 'a' }, ips: ['10.0.0.1', 'fd00::1'],
      containerPorts: [{ name: 'dns', port: 53, protocol: Protocol.UDP }], hostNetwork: false,
    }]);
  });

  test('reads namespaces, implies undeclared ones (rule 20), flattens Lists', () => {
    const read = readObjects([{
      kind: 'List', items: [
        { kind: 'Namespace', metadata: { name: 'x', labels: { env: 'prod' } } },
        { kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'y' }, spec: {} },
        { kind: 'Pod', metadata: { name: 'q', namespace: 'z' } },
      ],
    }]);
    expect(read.namespaces).toEqual([
      { name: 'x', labels: { env: 'prod' } },
      { name: 'y', labels: { 'kubernetes.io/metadata.name': 'y' } },
      { name: 'z', labels: { 'kubernetes.io/metadata.name': 'z' } },
    ]);
    expect(read.policies.map((p) => p.id)).toEqual(['y/p']);
    expect(read.issues.filter((i) => i.code === 'read-namespace-implied').map((i) => i.object)).toEqual(['Namespace y', 'Namespace z']);
  });

  test('ignores other kinds with an info Issue', () => {
    const read = readObjects([{ kind: 'ConfigMap', metadata: { name: 's', namespace: 'x' } }]);
    expect(read.issues).toEqual([{
      code: 'read-kind-ignored', severity: Severity.INFO, object: 'ConfigMap x/s',
      message: 'kind "ConfigMap" does not take part in NetworkPolicy analysis; ignored',
    }]);
  });

  test('reads Services: selector, ClusterIPs (not None), ports with targetPorts (rule 36)', () => {
    const read = readObjects([{ kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web' }, clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1', 'fd00::1'], ports: [{ name: 'web', port: 80, targetPort: 'http' }, { port: 53, protocol: 'UDP' }] } }]);
    expect(read.issues).toEqual([]);
    expect(read.services).toEqual([{ namespace: 'default', name: 's', selector: { app: 'web' }, clusterIPs: ['10.96.0.1', 'fd00::1'], ports: [{ name: 'web', port: 80, targetPort: 'http' }, { port: 53, protocol: 'UDP' }] }]);
    expect(readObjects([{ kind: 'Service', metadata: { name: 'h', namespace: 'x' }, spec: { selector: {}, clusterIP: 'None' } }]).services)
      .toEqual([{ namespace: 'x', name: 'h', clusterIPs: [], ports: [] }]);
  });

  test('a NetworkPolicy of another dialect (same kind) is not read as a Kubernetes one', () => {
    const read = readObjects([{ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'c', namespace: 'x' }, spec: { selector: 'all()' } }]);
    expect(read.policies).toEqual([]);
    expect(read.issues).toEqual([{
      code: 'read-kind-ignored', severity: Severity.INFO, object: 'NetworkPolicy x/c',
      message: 'apiVersion "projectcalico.org/v3" is not a Kubernetes NetworkPolicy (networking.k8s.io/v1); ignored',
    }]);
  });

  test('objects without namespace go to the default namespace, said so', () => {
    const read = readObjects([{ kind: 'Deployment', metadata: { name: 'd' }, spec: { template: template({ app: 'd' }) } }], { defaultNamespace: 'dev' });
    expect(read.workloads[0].namespace).toBe('dev');
    expect(read.issues[0]).toMatchObject({ code: 'read-namespace-assumed', severity: Severity.INFO, object: 'Deployment dev/d', field: 'metadata.namespace' });
  });

  test('problems name the object and the field, inside Lists too', () => {
    const read = readObjects([{ kind: 'List', items: [{ kind: 'NetworkPolicy', metadata: { name: 'bad', namespace: 'x' }, spec: { ingress: 'all' } }, 7] }]);
    expect(read.policies).toEqual([]);
    expect(read.issues.map((i) => [i.code, i.object, i.field])).toEqual([
      ['read-shape', 'NetworkPolicy x/bad', 'items[0].spec.ingress'],
      ['read-not-an-object', 'List', 'items[1]'],
    ]);
  });

  test('a workload whose pods are present is represented by them', () => {
    const read = readObjects([
      { kind: 'Deployment', metadata: { name: 'web', namespace: 'x' }, spec: { template: template({ app: 'web' }) } },
      {
        kind: 'Pod',
        metadata: { name: 'web-5d4f8c-abcde', namespace: 'x', labels: { 'app': 'web', 'pod-template-hash': '5d4f8c' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d4f8c', controller: true }] },
        status: { podIP: '10.0.0.5' },
      },
    ]);
    expect(read.workloads.map((w) => `${w.kind} ${w.name}`)).toEqual(['Pod web-5d4f8c-abcde']);
    expect(read.issues.map((i) => [i.code, i.object])).toEqual([['read-workload-represented', 'Deployment x/web'], ['read-namespace-implied', 'Namespace x']]);
  });

  test('later duplicates replace earlier ones, with a warning', () => {
    const read = readObjects([
      { kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { podSelector: { matchLabels: { v: '1' } } } },
      { kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' }, spec: { podSelector: { matchLabels: { v: '2' } } } },
    ]);
    expect(read.policies.map((p) => p.podSelector.toString())).toEqual(['v=2']);
    expect(read.issues.filter((i) => i.code !== 'read-namespace-implied').map((i) => [i.code, i.severity, i.object])).toEqual([['read-duplicate', Severity.WARNING, 'NetworkPolicy x/p']]);
  });

  test('readObject reads one object and never throws', () => {
    for (const junk of [null, 1, 'x', [], { kind: 5 }, { kind: 'Pod', spec: { containers: 'no' } }]) {
      expect(() => readObject(junk)).not.toThrow();
    }
    expect(readObject({ kind: 'Pod', metadata: { name: 'p', namespace: 'x', labels: { v: 1 } } }).issues[0]).toMatchObject({
      code: 'read-shape', severity: Severity.WARNING, field: 'metadata.labels.v', object: 'Pod x/p',
    });
  });
});
