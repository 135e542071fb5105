import { App, Chart } from 'cdk8s';
import { AllowFrom, AllowTo, Peer, Port, Select } from 'cdk8s-netpol';
import { AcmeDatabase, AcmeNamespace, AcmePlatformBaseline } from '../org-library'; // from '@acme/netpol-defaults'

/**
 * A team app built on the organisation's library: the checkout team writes only what is special
 * about checkout; DNS, monitoring and the database rules come from Acme's defaults.
 */
export function build(app: App): void {
  const checkout = new Chart(app, 'checkout', { namespace: 'checkout' });
  new AcmeNamespace(checkout, 'acme', { team: 'checkout' });
  new AcmeDatabase(checkout, 'orders-db', { team: 'checkout', labels: { app: 'orders-db' } });

  const api = { app: 'checkout-api' };
  new AllowFrom(checkout, 'storefront-to-api', {
    to: Select.pods(api),
    from: [Peer.pods({ app: 'storefront' }).inNamespace('shop')],
    ports: [Port.tcp(8080)],
  });
  new AllowTo(checkout, 'api-to-orders-db', { from: Select.pods(api), to: [Peer.pods({ app: 'orders-db' })], ports: [Port.POSTGRES] });

  // The platform team's chart: the same baseline in the other team namespaces it knows of.
  const platform = new Chart(app, 'platform');
  new AcmePlatformBaseline(platform, 'baseline', ['shop', 'search']);
  // The storefront's end of storefront -> checkout-api: shop denies egress too (lint: flow-half-open).
  new AllowTo(platform, 'storefront-to-checkout-api', {
    namespace: 'shop',
    from: Select.pods({ app: 'storefront' }),
    to: [Peer.pods(api).inNamespace('checkout')],
    ports: [Port.tcp(8080)],
  });
}
