import { Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { NetworkPolicy, Peer, PolicySpec, PolicyType, Port, Rule, Select, LabelSelector } from '../../lib';

function chart(): Chart {
  return new Chart(Testing.app(), 'payments', { namespace: 'payments' });
}

describe('NetworkPolicy', () => {
  test('renders one policy field for field, named after the id', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new NetworkPolicy(c, 'postgres-allow-app', {
      podSelector: Select.pods({ app: 'postgres' }),
      ingress: [Rule.allow({ peers: [Peer.pods({ 'needs-db': 'true' })], ports: [Port.POSTGRES] })],
      egress: [],
    });
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'postgres-allow-app',
        namespace: 'payments',
        labels: { 'app.kubernetes.io/managed-by': 'cdk8s-netpol' },
        annotations: {
          'netpol.cdk8s.io/intent': 'pods labelled app=postgres in namespace payments may receive from pods labelled needs-db=true on TCP 5432; '
            + 'are isolated for egress: nothing out unless another policy allows it',
        },
      },
      spec: {
        podSelector: { matchLabels: { app: 'postgres' } },
        // `egress: []` was given, so Egress is isolated with no rule: no egress at all.
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { 'needs-db': 'true' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
      },
    });
  });

  test('several rules of one direction are separate list items', () => {
    const c = chart();
    new NetworkPolicy(c, 'backend-egress', {
      podSelector: Select.pods({ app: 'backend' }),
      egress: [
        Rule.allow({ peers: [Peer.pods({ app: 'postgres' })], ports: [Port.POSTGRES] }),
        Rule.allow({ peers: [Peer.pods({ app: 'redis' })], ports: [Port.REDIS] }),
      ],
    });
    const [obj] = Testing.synth(c);
    expect(obj.spec.policyTypes).toEqual(['Egress']);
    expect(obj.spec.egress.map((r: any) => r.ports[0].port)).toEqual([5432, 6379]);
  });

  test('explicit policyTypes are honoured (rules of an unlisted direction are inert but kept)', () => {
    const c = chart();
    new NetworkPolicy(c, 'egress-only', {
      podSelector: Select.allPods(),
      policyTypes: [PolicyType.EGRESS],
      ingress: [Rule.allowAll()],
    });
    const [obj] = Testing.synth(c);
    expect(obj.spec.policyTypes).toEqual(['Egress']);
  });

  test('a policy with no rules and no policyTypes is refused (Kubernetes would deny all ingress)', () => {
    const c = chart();
    new NetworkPolicy(c, 'empty', { podSelector: Select.allPods() });
    expect(() => Testing.synth(c)).toThrow(/\[payments\/empty\] policyTypes: a policy with no ingress, no egress and no policyTypes denies all ingress/);
  });

  test('fromSpec emits an existing PolicySpec with its own name and namespace', () => {
    // GIVEN a spec made elsewhere (a recipe, a file)
    const spec = PolicySpec.create({
      name: 'from-recipe',
      namespace: 'shop',
      podSelector: LabelSelector.everything(),
      ingress: [],
      labels: { team: 'web' },
    });
    const c = chart();
    // WHEN
    const policy = NetworkPolicy.fromSpec(c, 'anything', spec);
    // THEN
    const [obj] = Testing.synth(c);
    expect(obj.metadata).toEqual({
      name: 'from-recipe',
      namespace: 'shop',
      labels: { team: 'web', 'app.kubernetes.io/managed-by': 'cdk8s-netpol' },
      annotations: { 'netpol.cdk8s.io/intent': 'every pod in namespace shop is isolated for ingress: nothing in unless another policy allows it' },
    });
    expect(obj.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(policy.spec.id).toBe('shop/from-recipe');
  });
});
