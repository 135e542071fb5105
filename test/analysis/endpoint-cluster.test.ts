import { describe, expect, test } from 'vitest';
import { Cluster, Endpoint, EndpointKind } from '../../lib/analysis';
import { Severity } from '../../lib/model';

describe('Endpoint', () => {
  test.each([
    ['web/frontend', EndpointKind.WORKLOAD, 'web/frontend'],
    [' web/frontend ', EndpointKind.WORKLOAD, 'web/frontend'],
    ['203.0.113.7', EndpointKind.IP, 'ip:203.0.113.7'],
    ['ip:203.0.113.7', EndpointKind.IP, 'ip:203.0.113.7'],
    ['2001:DB8:0:0::1', EndpointKind.IP, 'ip:2001:db8::1'],
    ['shop:app=web', EndpointKind.LABELS, 'shop:app=web'],
    [' shop: tier=front , app=web', EndpointKind.LABELS, 'shop:app=web,tier=front'],
  ])('parses %j', (text, kind, id) => {
    const e = Endpoint.parse(text);
    expect([e.kind, e.id, e.toString()]).toEqual([kind, id, id]);
  });

  test.each(['frontend', 'a/b/c', '/x', 'ip:999.1.1.1'])('rejects %j naming the accepted forms', (text) => {
    expect(() => Endpoint.parse(text)).toThrow(`${JSON.stringify(text)} is not an endpoint: write namespace/name (e.g. "web/frontend"), an IP address (e.g. "203.0.113.7") or namespace:labels for an assumed pod (e.g. "shop:app=web")`);
  });

  test.each([
    ['shop:app', '"shop:app" is not an endpoint: write namespace/name'],
    ['shop:app=web,x', '"shop:app=web,x" is not an endpoint: "x" is not key=value (e.g. "shop:app=web,tier=front")'],
    ['shop:bad key=web', '"shop:bad key=web" is not an endpoint: '],
  ])('rejects the malformed labels endpoint %j', (text, message) => {
    expect(() => Endpoint.parse(text)).toThrow(message);
  });

  test('an assumed pod carries exactly its labels', () => {
    const e = Endpoint.parse('shop:tier=front,app=web');
    expect([e.namespace, e.labels]).toEqual(['shop', { app: 'web', tier: 'front' }]);
  });

  test('factories check their input', () => {
    expect(Endpoint.workload('x', 'a').id).toBe('x/a');
    expect(() => Endpoint.workload('x/y', 'a')).toThrow('Endpoint.workload: expected a namespace and a name, got "x/y" and "a"');
    expect(() => Endpoint.ip('10.0.0.1/32')).toThrow('Endpoint.ip: "10.0.0.1/32" is not an IP address');
  });
});

describe('Cluster', () => {
  test('namespaces always carry kubernetes.io/metadata.name; used ones are implied (rule 20)', () => {
    const c = Cluster.of({
      namespaces: [{ name: 'b', labels: { env: 'prod', 'kubernetes.io/metadata.name': 'wrong' } }],
      workloads: [{ namespace: 'a', name: 'p' }],
    });
    expect(c.namespaces).toEqual([
      { name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' } },
      { name: 'b', labels: { 'env': 'prod', 'kubernetes.io/metadata.name': 'b' } },
    ]);
  });

  test('reports bad IPs, bad externals and duplicate names as issues', () => {
    const c = Cluster.of({
      workloads: [{ namespace: 'a', name: 'p', ips: ['10.0.0.300'] }, { namespace: 'a', name: 'p', kind: 'Deployment' }],
      externals: ['nowhere', '198.51.100.1', '198.51.100.1'],
    });
    expect(c.externals).toEqual(['198.51.100.1']);
    expect(c.endpointNames).toEqual(['a/p']);
    expect(c.issues.map((i) => [i.code, i.severity, i.message])).toEqual([
      ['analysis-bad-ip', Severity.WARNING, 'pod IP "10.0.0.300" is not an IP address; ignored'],
      ['analysis-duplicate-endpoint', Severity.WARNING, 'two workloads are named a/p; the first one is used'],
      ['analysis-bad-external', Severity.ERROR, 'external endpoint "nowhere" is not an IP address'],
    ]);
  });

  test('fromManifests reads Kubernetes objects and keeps the reader issues', () => {
    const c = Cluster.fromManifests([
      { kind: 'Pod', metadata: { name: 'p', namespace: 'a', labels: { app: 'x' } }, status: { podIP: '10.0.0.1' } },
      { kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: {} },
    ]);
    expect(c.findWorkload('a', 'p')).toMatchObject({ kind: 'Pod', ips: ['10.0.0.1'] });
    expect(c.policies.map((p) => p.id)).toEqual(['default/deny']);
    expect(c.issues.map((i) => i.code)).toEqual(['read-namespace-assumed', 'read-namespace-implied', 'read-namespace-implied']);
  });
});
