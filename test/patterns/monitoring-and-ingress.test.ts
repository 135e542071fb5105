import { describe, expect, test } from 'vitest';
import { renderNetworkPolicy } from '../../lib/manifest';
import { LabelSelector, Peer, Port } from '../../lib/model';
import { allowFromIngressController, monitoringScrape } from '../../lib/patterns';

const NS = 'kubernetes.io/metadata.name';

describe('monitoringScrape recipe', () => {
  test('defaults: opted-in pods accept TCP 9090 from prometheus pods AND namespace monitoring, as ONE entry', () => {
    const [spec] = monitoringScrape({ namespace: 'payments', name: 'allow-prometheus-scrape' });
    expect(renderNetworkPolicy(spec)).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'allow-prometheus-scrape',
        namespace: 'payments',
        labels: { 'app.kubernetes.io/managed-by': 'cdk8s-netpol', 'netpol.cdk8s.io/pattern': 'monitoring-scrape' },
        annotations: {
          'netpol.cdk8s.io/intent':
            'pods labelled app=prometheus in namespace monitoring may scrape pods labelled monitoring.io/expose-metrics=true on TCP 9090',
        },
      },
      spec: {
        podSelector: { matchLabels: { 'monitoring.io/expose-metrics': 'true' } },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{ podSelector: { matchLabels: { app: 'prometheus' } }, namespaceSelector: { matchLabels: { [NS]: 'monitoring' } } }],
          ports: [{ protocol: 'TCP', port: 9090 }],
        }],
      },
    });
  });

  test('ports, targets and scrapers are configurable', () => {
    const [spec] = monitoringScrape({
      namespace: 'payments', name: 'scrape',
      targets: LabelSelector.everything(),
      scrapers: [Peer.pods({ app: 'vmagent' }).inNamespace('observability')],
      ports: [Port.tcp(9090), Port.tcp(8080), Port.named('metrics')],
    });
    expect(renderNetworkPolicy(spec).spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ podSelector: { matchLabels: { app: 'vmagent' } }, namespaceSelector: { matchLabels: { [NS]: 'observability' } } }],
        ports: [{ protocol: 'TCP', port: 9090 }, { protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 'metrics' }],
      }],
    });
  });

  test('never touches egress', () => {
    const [spec] = monitoringScrape({ namespace: 'payments', name: 'scrape' });
    expect(spec.isolatesEgress).toBe(false);
  });

  test.each([
    ['scrapers', { scrapers: [] }, '`scrapers: []` would let every source in'],
    ['ports', { ports: [] }, '`ports: []` would open every port'],
  ])('empty %s is refused', (_n, props, message) => {
    expect(() => monitoringScrape({ namespace: 'p', name: 's', ...props })).toThrow(message);
  });
});

describe('allowFromIngressController recipe', () => {
  test('defaults for ingress-nginx: one AND peer, every port (the seed\'s gateway pattern)', () => {
    const [spec] = allowFromIngressController({ namespace: 'payments', name: 'backend-ingress-from-gateway', backends: LabelSelector.labels({ tier: 'backend' }) });
    expect(renderNetworkPolicy(spec).spec).toEqual({
      podSelector: { matchLabels: { tier: 'backend' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
          namespaceSelector: { matchLabels: { [NS]: 'ingress-nginx' } },
        }],
      }],
    });
    expect(spec.labels['netpol.cdk8s.io/pattern']).toBe('ingress-controller');
    expect(spec.annotations['netpol.cdk8s.io/intent']).toBe(
      'pods labelled tier=backend accept connections on any port only from pods labelled app.kubernetes.io/name=ingress-nginx in namespace ingress-nginx',
    );
  });

  test('another controller (Traefik) on given ports', () => {
    const [spec] = allowFromIngressController({
      namespace: 'shop', name: 'web', backends: LabelSelector.labels({ app: 'web' }),
      controllerNamespace: 'traefik', controllerLabels: { 'app.kubernetes.io/name': 'traefik' }, ports: [Port.HTTP, Port.tcp(8443)],
    });
    expect(renderNetworkPolicy(spec).spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } }, namespaceSelector: { matchLabels: { [NS]: 'traefik' } } }],
      ports: [{ protocol: 'TCP', port: 80 }, { protocol: 'TCP', port: 8443 }],
    }]);
  });

  test('empty ports are refused', () => {
    expect(() => allowFromIngressController({ namespace: 'p', name: 'x', backends: LabelSelector.labels({ a: 'b' }), ports: [] }))
      .toThrow('`ports: []` would open every port');
  });
});
