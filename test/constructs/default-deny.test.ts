import { Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { DefaultDeny, Direction, Select } from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'payments', { namespace: 'payments' });
}

describe('DefaultDeny', () => {
  test.each([
    [undefined, ['Ingress', 'Egress']],
    [Direction.BOTH, ['Ingress', 'Egress']],
    [Direction.INGRESS, ['Ingress']],
    [Direction.EGRESS, ['Egress']],
  ])('direction %s isolates %j with no rules', (direction, policyTypes) => {
    // GIVEN
    const c = chart();
    // WHEN
    new DefaultDeny(c, 'default-deny', { direction });
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj.spec).toEqual({ podSelector: {}, policyTypes });
  });

  test('applies to the whole namespace by default, or to selected pods', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new DefaultDeny(c, 'namespace');
    new DefaultDeny(c, 'postgres', { pods: Select.pods({ app: 'postgres' }), direction: Direction.EGRESS });
    // THEN
    const [all, postgres] = Testing.synth(c);
    expect(all.metadata).toEqual({
      name: 'default-deny-namespace',
      namespace: 'payments',
      labels: { 'app.kubernetes.io/managed-by': 'cdk8s-netpol' },
      annotations: { 'netpol.cdk8s.io/intent': 'every pod in namespace payments is isolated both ways: nothing in or out unless another policy allows it' },
    });
    expect(postgres.metadata.annotations).toEqual({ 'netpol.cdk8s.io/intent': 'pods labelled app=postgres in namespace payments are isolated for egress: nothing out unless another policy allows it' });
    expect(postgres.spec.podSelector).toEqual({ matchLabels: { app: 'postgres' } });
    expect(postgres.metadata.name).toBe('default-deny-postgres');
  });

  test('exposes its PolicySpec for analysis', () => {
    const deny = new DefaultDeny(chart(), 'default-deny', { direction: Direction.INGRESS });
    expect(deny.spec.isolatesIngress).toBe(true);
    expect(deny.spec.isolatesEgress).toBe(false);
    expect(deny.spec.ingress).toEqual([]);
    expect(deny.spec.id).toBe('payments/default-deny');
  });
});
