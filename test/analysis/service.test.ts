import { describe, expect, test } from 'vitest';
import { Analyzer, Cluster } from '../../lib/analysis';
import { Protocol } from '../../lib/model';
import { np } from './fixtures';

// Rule 36: a connection to a ClusterIP is evaluated on the pods behind the Service, on the
// targetPort; where the input does not say which pods those are, the analyzer refuses clearly.
const objects = (services: unknown[]): unknown[] => [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] }, status: { podIP: '10.1.0.1' } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-2', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8081 }] }] }, status: { podIP: '10.1.0.2' } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'shop', labels: { app: 'client' } }, status: { podIP: '10.1.0.9' } },
  np('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 8080 }] }] }),
  ...services,
];
const svc = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec });
const analyzer = (...services: unknown[]) => Analyzer.of(Cluster.fromManifests(objects(services)));

describe('a Service ClusterIP as destination', () => {
  test('is resolved to each backend pod, port -> named targetPort on each pod', () => {
    const a = analyzer(svc('web', { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 'http' }] }));
    const all = a.explainAll('shop/client', '10.96.0.10', 80);
    expect(all.map((v) => [v.to, v.port, v.allowed, v.service])).toEqual([
      ['shop/web-1', 8080, true, 'shop/web'],
      ['shop/web-2', 8081, false, 'shop/web'],
    ]);
    expect(all[1].notes[0]).toBe('10.96.0.10:80/TCP is Service shop/web: it goes to shop/web-2 on targetPort http = 8081; NetworkPolicy sees the pod and its target port (rule 36)');
    // From outside the namespace the ingress denies it: never "external, no policies".
    expect(a.explainAll('203.0.113.1', '10.96.0.10', 80).map((v) => v.allowed)).toEqual([false, false]);
    expect(() => a.explain('shop/client', '10.96.0.10', 80)).toThrow('which has 2 backends (shop/web-1, shop/web-2): use checkAll');
  });

  test('a numeric targetPort, or none (= port), is used as is', () => {
    const a = analyzer(svc('web', { selector: { app: 'web' }, clusterIPs: ['10.96.0.11'], ports: [{ port: 8080 }, { port: 53, protocol: 'UDP', targetPort: 5353 }] }));
    expect(a.explainAll('shop/client', '10.96.0.11', 8080).map((v) => [v.port, v.allowed])).toEqual([[8080, true], [8080, true]]);
    expect(a.explainAll('shop/client', '10.96.0.11', 53, Protocol.UDP).map((v) => [v.port, v.protocol, v.allowed])).toEqual([[5353, 'UDP', false], [5353, 'UDP', false]]);
  });

  test.each([
    ['a Service without selector', svc('ext', { clusterIP: '10.96.0.12', ports: [{ port: 80 }] }), 'shop/client', '10.96.0.12', 80,
      '10.96.0.12 is the ClusterIP of Service shop/ext, which has no selector: its endpoints are managed outside Kubernetes selectors'],
    ['a selector matching no known pod', svc('gone', { selector: { app: 'gone' }, clusterIP: '10.96.0.13', ports: [{ port: 80 }] }), 'shop/client', '10.96.0.13', 80,
      '10.96.0.13 is the ClusterIP of Service shop/gone, whose selector app=gone matches no pod or workload of namespace shop in the input, so the pods behind it are unknown; give their manifests, or explain the connection to an assumed pod: "shop:app=gone"'],
    ['a port the Service does not expose', svc('web', { selector: { app: 'web' }, clusterIP: '10.96.0.14', ports: [{ port: 80 }] }), 'shop/client', '10.96.0.14', 81,
      '10.96.0.14 is the ClusterIP of Service shop/web, which does not expose 81/TCP (its ports: 80/TCP)'],
    ['a ClusterIP as source', svc('web', { selector: { app: 'web' }, clusterIP: '10.96.0.15', ports: [{ port: 80 }] }), '10.96.0.15', 'shop/client', 80,
      '10.96.0.15 is the ClusterIP of Service shop/web: a Service opens no connections'],
  ])('refuses clearly: %s', (_, service, from, to, port, message) => {
    expect(() => analyzer(service).explainAll(from as string, to as string, port as number)).toThrow(message as string);
  });

  test('a headless Service has no ClusterIP: its address is not taken for one', () => {
    const a = analyzer(svc('headless', { selector: { app: 'web' }, clusterIP: 'None', ports: [{ port: 80 }] }));
    expect(a.cluster.services[0].clusterIPs).toEqual([]);
  });

  test('the matrix refuses a ClusterIP as an external address', () => {
    const a = analyzer(svc('web', { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ port: 80 }] }));
    expect(() => a.matrix({ ports: [{ port: 80 }], externals: ['10.96.0.10'] })).toThrow('external 10.96.0.10 is the ClusterIP of Service shop/web');
  });
});
