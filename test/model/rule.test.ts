import { describe, expect, test } from 'vitest';
import { Peer, Port, Rule } from '../../lib/model';

describe('Rule', () => {
  test('empty lists are rejected: they would silently mean "everything"', () => {
    expect(() => Rule.allow({ peers: [] })).toThrow('Rule: `peers: []` would allow every source and destination; omit `peers` if that is meant, or list the peers');
    expect(() => Rule.allow({ ports: [] })).toThrow('Rule: `ports: []` would allow every port; omit `ports` if that is meant, or list the ports');
  });

  test('omitted lists mean every peer / every port, and are omitted from the JSON', () => {
    const r = Rule.allow({});
    expect([r.anyPeer, r.anyPort]).toEqual([true, true]);
    expect(r.toJson('from')).toEqual({});
    expect(Rule.allowAll().toJson('to')).toEqual({});
    expect(Rule.allow({ ports: [Port.HTTPS] }).toJson('to')).toEqual({ ports: [{ protocol: 'TCP', port: 443 }] });
    expect('to' in Rule.allow({ ports: [Port.HTTPS] }).toJson('to')).toBe(false);
    expect('ports' in Rule.allow({ peers: [Peer.sameNamespace()] }).toJson('from')).toBe(false);
  });

  test('peers render under the direction key, one entry per peer (OR), in order', () => {
    const r = Rule.allow({ peers: [Peer.pods({ app: 'a' }).inNamespace('x'), Peer.ipBlock('10.0.0.0/8')], ports: [Port.tcp(80), Port.allUdp()] });
    expect(r.toJson('from')).toEqual({
      from: [
        { podSelector: { matchLabels: { app: 'a' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } } },
        { ipBlock: { cidr: '10.0.0.0/8' } },
      ],
      ports: [{ protocol: 'TCP', port: 80 }, { protocol: 'UDP' }],
    });
    expect(Object.keys(r.toJson('to'))).toEqual(['to', 'ports']);
  });

  test('lists are copied and frozen', () => {
    const peers: Peer[] = [Peer.sameNamespace()];
    const r = Rule.allow({ peers });
    peers.push(Peer.anyPodInCluster());
    expect(r.peers).toHaveLength(1);
    expect(Object.isFrozen(r.peers)).toBe(true);
  });

  test('validate reports peers then ports with JSON paths', () => {
    const r = Rule._of([Peer.sameNamespace(), Peer._fromJson({ ipBlock: { cidr: '10.0.0.1' } })], [Port._fromJson({ port: 0 })]);
    expect(r.validate('spec.egress[3]', 'to').map((i) => `${i.code} ${i.field}`)).toEqual([
      'V-21 spec.egress[3].to[1].ipBlock.cidr',
      'V-12 spec.egress[3].ports[0].port',
    ]);
  });
});
