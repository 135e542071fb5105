import { Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { AllowTo, Peer, Port, Select } from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'payments', { namespace: 'payments' });
}

describe('AllowTo', () => {
  test('egress to one address on 443, Egress only', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new AllowTo(c, 'backend-to-stripe', {
      from: Select.pods({ app: 'payments-backend' }),
      to: [Peer.ip('54.187.174.169')],
      ports: [Port.HTTPS],
    });
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj.metadata.name).toBe('allow-backend-to-stripe');
    expect(obj.spec).toEqual({
      podSelector: { matchLabels: { app: 'payments-backend' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '54.187.174.169/32' } }], ports: [{ port: 443, protocol: 'TCP' }] }],
    });
  });

  test('several destinations are ORed in one rule; AND peers stay one entry', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new AllowTo(c, 'backend-to-stores', {
      from: Select.pods({ app: 'payments-backend' }),
      to: [Peer.pods({ app: 'postgres' }), Peer.pods({ app: 'cache' }).inNamespace('shared'), Peer.ipBlock('2001:db8::/32')],
      ports: [Port.POSTGRES, Port.REDIS],
    });
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj.spec.egress).toHaveLength(1);
    expect(obj.spec.egress[0].to).toEqual([
      { podSelector: { matchLabels: { app: 'postgres' } } },
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shared' } },
        podSelector: { matchLabels: { app: 'cache' } },
      },
      { ipBlock: { cidr: '2001:db8::/32' } },
    ]);
    expect(obj.spec.egress[0].ports).toEqual([{ port: 5432, protocol: 'TCP' }, { port: 6379, protocol: 'TCP' }]);
  });

  test('refuses an empty destination list (it would mean every destination)', () => {
    const c = chart();
    new AllowTo(c, 'anywhere', { from: Select.allPods(), to: [] });
    expect(() => Testing.synth(c)).toThrow(/\[payments\/anywhere\] to: an empty list would allow every destination/);
  });

  test('allowing everywhere is possible, but only by name', () => {
    const c = chart();
    new AllowTo(c, 'internet', { from: Select.pods({ app: 'crawler' }), to: Peer.anywhere(), ports: [Port.HTTPS] });
    const [obj] = Testing.synth(c);
    expect(obj.spec.egress[0].to).toEqual([{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
  });
});
