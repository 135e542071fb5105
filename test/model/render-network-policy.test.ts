import { describe, expect, test } from 'vitest';
import { renderNetworkPolicy, validateNetworkPolicyJson } from '../../lib/manifest';
import { LabelSelector, Peer, PolicySpec, PolicyType, Port, Rule } from '../../lib/model';

function build(labels: { [k: string]: string }): PolicySpec {
  return PolicySpec.create({
    name: 'api-ingress',
    namespace: 'shop',
    podSelector: LabelSelector.labels({ app: 'api', tier: 'backend' }),
    labels,
    annotations: { 'z.example.com/owner': 'team-a', 'a.example.com/ticket': '42' },
    ingress: [Rule.allow({ peers: [Peer.pods({ app: 'web' }).inNamespace('frontend')], ports: [Port.tcp(8080)] })],
    egress: [Rule.allow({ peers: [Peer.namespace('kube-system').withPods({ 'k8s-app': 'kube-dns' })], ports: [Port.DNS_UDP, Port.DNS_TCP] })],
  });
}

describe('renderNetworkPolicy', () => {
  test('deterministic: the same input gives the identical JSON string, whatever the key insertion order', () => {
    const a = JSON.stringify(renderNetworkPolicy(build({ b: '2', a: '1' })));
    const b = JSON.stringify(renderNetworkPolicy(build({ a: '1', b: '2' })));
    expect(a).toBe(b);
    expect(JSON.stringify(renderNetworkPolicy(build({ b: '2', a: '1' })))).toBe(a);
  });

  test('the whole object', () => {
    expect(renderNetworkPolicy(build({ b: '2', a: '1' }))).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'api-ingress',
        namespace: 'shop',
        labels: { a: '1', b: '2' },
        annotations: { 'a.example.com/ticket': '42', 'z.example.com/owner': 'team-a' },
      },
      spec: {
        podSelector: { matchLabels: { app: 'api', tier: 'backend' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{
          from: [{ podSelector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'frontend' } } }],
          ports: [{ protocol: 'TCP', port: 8080 }],
        }],
        egress: [{
          to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        }],
      },
    });
    const json = renderNetworkPolicy(build({}));
    expect('labels' in json.metadata).toBe(false);
    expect(Object.keys(json.metadata.annotations!)).toEqual(['a.example.com/ticket', 'z.example.com/owner']);
  });

  test('policyTypes is always explicit, and empty lists are omitted', () => {
    const denyAll = renderNetworkPolicy(PolicySpec.create({
      name: 'deny-all', namespace: 'shop', podSelector: LabelSelector.everything(), ingress: [], egress: [],
    }));
    expect(denyAll.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect('labels' in denyAll.metadata).toBe(false);
    expect('annotations' in denyAll.metadata).toBe(false);

    const onlyPodSelector = renderNetworkPolicy(PolicySpec.create({ name: 'np', namespace: 'shop', podSelector: LabelSelector.everything() }));
    expect(onlyPodSelector.spec.policyTypes).toEqual(['Ingress']);

    const egressOnly = renderNetworkPolicy(PolicySpec.create({
      name: 'np', namespace: 'shop', podSelector: LabelSelector.everything(), policyTypes: [PolicyType.EGRESS],
      egress: [Rule.allow({ ports: [Port.allTcp()] })],
    }));
    expect(egressOnly.spec).toEqual({ podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'TCP' }] }] });
  });

  test('the namespace is always set', () => {
    expect(renderNetworkPolicy(build({})).metadata.namespace).toBe('shop');
  });

  test('what it renders passes the API-server validation', () => {
    expect(validateNetworkPolicyJson(renderNetworkPolicy(build({ a: '1' })), { requireNamespace: true, strictCidr: true })).toEqual([]);
    const blocks = PolicySpec.create({
      name: 'np', namespace: 'shop', podSelector: LabelSelector.everything(),
      egress: [Rule.allow({ peers: [Peer.anyIpv4('10.0.0.0/8', '192.168.0.0/16'), Peer.anyIpv6()], ports: [Port.tcpRange(30000, 32767), Port.named('metrics')] })],
    });
    expect(validateNetworkPolicyJson(renderNetworkPolicy(blocks), { strictCidr: true })).toEqual([]);
  });
});
