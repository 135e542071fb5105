import { Testing } from 'cdk8s';
import { describe, test } from 'vitest';
import { Protocol } from '../../lib';
import { Reachability } from '../../lib/testing';
import { build } from '../../examples/org-app/app';

// The org library's defaults, seen from a team app: who can reach whom in checkout.
const metrics = [{ name: 'metrics', port: 9102, protocol: Protocol.TCP }];
const app = Testing.app();
build(app);
const r = Reachability.of(app, {
  namespaces: [{ name: 'dns-system' }, { name: 'kube-system' }, { name: 'observability' }, { name: 'shop' }],
  workloads: [
    { namespace: 'checkout', name: 'api', labels: { 'app': 'checkout-api', 'acme.io/db-client': 'true', 'monitoring.io/expose-metrics': 'true' }, containerPorts: [{ port: 8080 }, ...metrics] },
    { namespace: 'checkout', name: 'orders-db', labels: { app: 'orders-db' }, containerPorts: [{ port: 5432 }] },
    { namespace: 'checkout', name: 'worker', labels: { app: 'worker' }, containerPorts: metrics },
    { namespace: 'dns-system', name: 'coredns', labels: { 'app.kubernetes.io/name': 'coredns' } },
    { namespace: 'kube-system', name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' } },
    { namespace: 'observability', name: 'prometheus', labels: { 'app.kubernetes.io/name': 'prometheus' } },
    { namespace: 'shop', name: 'storefront', labels: { app: 'storefront' } },
    { namespace: 'shop', name: 'cart', labels: { app: 'cart' } },
  ],
});

describe('org-app: Acme defaults applied to the checkout namespace', () => {
  test.each([
    ['checkout/api', 'dns-system/coredns', 53, Protocol.UDP],
    ['checkout/worker', 'dns-system/coredns', 53, Protocol.TCP],
    ['observability/prometheus', 'checkout/api', 9102, Protocol.TCP],
    ['checkout/api', 'checkout/orders-db', 5432, Protocol.TCP],
  ])('%s -> %s:%i/%s allowed', (from, to, port, protocol) => {
    r.assertAllowed(from, to, port, protocol);
  });

  test.each([
    ['checkout/api', 'kube-system/kube-dns', 53, Protocol.UDP, "Acme's DNS is CoreDNS in dns-system"],
    ['observability/prometheus', 'checkout/worker', 9102, Protocol.TCP, 'the worker did not opt in to scraping'],
    ['observability/prometheus', 'checkout/api', 8080, Protocol.TCP, 'only the port named metrics'],
    ['checkout/worker', 'checkout/orders-db', 5432, Protocol.TCP, 'not a db client'],
    ['checkout/orders-db', 'checkout/api', 8080, Protocol.TCP, 'the database sends nothing'],
    ['shop/cart', 'checkout/api', 8080, Protocol.TCP, 'only the storefront'],
  ])('%s -> %s:%i/%s denied (%s)', (from, to, port, protocol) => {
    r.assertDenied(from, to, port, protocol);
  });

  test('the platform chart locks the other team namespaces down too', () => {
    r.assertDenied('shop/cart', 'shop/storefront', 8080);
    r.assertAllowed('shop/cart', 'dns-system/coredns', 53, Protocol.UDP);
  });
});

test('the assertions docs/org-library.md shows, as it shows them', () => {
  r.assertAllowed('checkout/api', 'dns-system/coredns', 53, Protocol.UDP);
  r.assertDenied('checkout/worker', 'checkout/orders-db', 5432);
});
