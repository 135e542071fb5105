import { Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { AllowFrom, Peer, Port, Select } from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'payments', { namespace: 'payments' });
}

describe('AllowFrom', () => {
  test('the AND form renders as ONE from entry carrying both selectors', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new AllowFrom(c, 'frontend-to-api', {
      to: Select.pods({ app: 'api' }),
      from: [Peer.pods({ app: 'frontend' }).inNamespace('web')],
      ports: [Port.tcp(8080)],
    });
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj.spec.ingress).toHaveLength(1);
    expect(obj.spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } },
      podSelector: { matchLabels: { app: 'frontend' } },
    }]);
  });

  test('the OR form renders as separate entries of the same rule', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new AllowFrom(c, 'frontend-or-web', {
      to: Select.pods({ app: 'api' }),
      from: [Peer.pods({ app: 'frontend' }), Peer.namespace('web')],
      ports: [Port.tcp(8080)],
    });
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj.spec.ingress).toHaveLength(1);
    expect(obj.spec.ingress[0].from).toEqual([
      { podSelector: { matchLabels: { app: 'frontend' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } },
    ]);
  });

  test('one ingress rule: peers OR, ports OR, Ingress only', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new AllowFrom(c, 'scrape', {
      to: Select.allPods(),
      from: [Peer.pods({ app: 'prometheus' }).inNamespace('monitoring')],
      ports: [Port.tcp(9090), Port.tcp(8080)],
    });
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj.metadata).toEqual({
      name: 'allow-scrape',
      namespace: 'payments',
      labels: { 'app.kubernetes.io/managed-by': 'cdk8s-netpol' },
      annotations: { 'netpol.cdk8s.io/intent': 'every pod in namespace payments may receive from pods labelled app=prometheus in namespace monitoring on TCP 9090 and TCP 8080' },
    });
    expect(obj.spec.podSelector).toEqual({});
    expect(obj.spec.policyTypes).toEqual(['Ingress']);
    expect(obj.spec.ingress[0].ports).toEqual([{ port: 9090, protocol: 'TCP' }, { port: 8080, protocol: 'TCP' }]);
    expect(obj.spec.egress).toBeUndefined();
  });

  test('CIDR peers with except, and every port when ports are left out', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new AllowFrom(c, 'corporate-vpn', {
      to: Select.pods({ app: 'admin-panel' }),
      from: [Peer.ipBlock('10.0.0.0/8', '10.99.0.0/16')],
    });
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj.spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.99.0.0/16'] } }] }]);
  });

  test.each([
    [[], /\[payments\/open\] from: an empty list would allow every source/],
  ])('refuses an empty peer list (it would mean every source)', (from, message) => {
    // GIVEN
    const c = chart();
    // WHEN
    new AllowFrom(c, 'open', { to: Select.allPods(), from });
    // THEN
    expect(() => Testing.synth(c)).toThrow(message);
  });

  test('refuses an empty port list (it would mean every port)', () => {
    const c = chart();
    new AllowFrom(c, 'open', { to: Select.allPods(), from: [Peer.sameNamespace()], ports: [] });
    expect(() => Testing.synth(c)).toThrow(/\[payments\/open\] ports: an empty list would allow every port/);
  });
});
