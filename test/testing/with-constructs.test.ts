import { ApiObject, Chart, Testing } from 'cdk8s';
import { expect, test } from 'vitest';
import { AllowDns, AllowFrom, DefaultDeny, Select } from '../../lib/constructs';
import { Peer, Port, Protocol } from '../../lib/model';
import { Reachability } from '../../lib/testing';

// The architecture sketch, end to end: our constructs synthesize, Reachability reads the app
// back and proves what the intent does.
test('DefaultDeny + AllowDns + AllowFrom allow exactly what they say', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'payments', { namespace: 'payments' });
  new DefaultDeny(chart, 'baseline');
  new AllowDns(chart, 'dns');
  new AllowFrom(chart, 'frontend-to-api', {
    to: Select.pods({ app: 'api-server' }),
    from: [Peer.pods({ app: 'frontend' }).inNamespace('web'), Peer.pods({ app: 'prometheus' }).inNamespace('monitoring')],
    ports: [Port.tcp(8080)],
  });
  for (const [name, labels] of [['api-server', { app: 'api-server' }], ['worker', { app: 'worker' }]] as const) {
    new ApiObject(chart, name, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  }
  const r = Reachability.of(app, {
    workloads: [
      { namespace: 'web', name: 'frontend', labels: { app: 'frontend' } },
      { namespace: 'web', name: 'admin', labels: { app: 'admin' } },
      { namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' } },
      { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
    ],
    externals: ['93.184.216.34'],
  });

  r.assertAllowed('web/frontend', 'payments/api-server', 8080);
  r.assertDenied('web/frontend', 'payments/api-server', 8081);
  r.assertOnlyReachableFrom('payments/api-server', ['web/frontend', 'monitoring/prometheus'], 8080);
  r.assertOnlyReachableFrom('payments/worker', [], 8080);
  for (const protocol of [Protocol.UDP, Protocol.TCP]) {
    r.assertReachableDestinations('payments/api-server', ['kube-system/coredns'], 53, protocol);
  }
  r.assertReachableDestinations('payments/worker', [], 443);
  expect(() => r.assertAllowed('payments/api-server', '93.184.216.34', 443)).toThrow(
    'egress of payments/api-server: isolated by payments/default-deny-baseline, payments/allow-dns; no rule of these policies allows it\n' +
    '  ingress of ip:93.184.216.34: an address outside the cluster has no policies, so nothing restricts it',
  );
});
