import { describe, expect, test } from 'vitest';
import { parseNetworkPolicy } from '../../lib/manifest/parse-network-policy';
import { IpBlockPeer, NamespacePeer, PodPeer, PodsInNamespacesPeer, PolicyType, Protocol, Severity } from '../../lib/model';

const np = (spec: unknown, metadata: Record<string, unknown> = { name: 'p', namespace: 'x' }) =>
  ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec });

describe('parseNetworkPolicy: policyTypes defaulting (docs/semantics.md rule 5)', () => {
  test.each([
    ['missing, no egress', {}, [PolicyType.INGRESS]],
    ['missing, egress rules', { egress: [{}] }, [PolicyType.INGRESS, PolicyType.EGRESS]],
    ['missing, egress: []', { egress: [] }, [PolicyType.INGRESS]],
    ['missing, egress: null', { egress: null }, [PolicyType.INGRESS]],
    ['empty list, egress rules', { policyTypes: [], egress: [{}] }, [PolicyType.INGRESS, PolicyType.EGRESS]],
    ['written: Egress only, ingress present', { policyTypes: ['Egress'], ingress: [{}] }, [PolicyType.EGRESS]],
    ['written: both', { policyTypes: ['Egress', 'Ingress'] }, [PolicyType.INGRESS, PolicyType.EGRESS]],
  ])('%s', (_title, spec, expected) => {
    const parsed = parseNetworkPolicy(np({ podSelector: {}, ...spec }));
    expect(parsed.spec!.policyTypes).toEqual(expected);
    expect(parsed.issues).toEqual([]);
  });
});

describe('parseNetworkPolicy: empty and null fields', () => {
  test('missing/empty peer and port lists become "every" (empty lists in the model)', () => {
    const spec = parseNetworkPolicy(np({ podSelector: {}, ingress: [{ from: [] }, {}, null, { ports: null }] })).spec!;
    expect(spec.ingress.map((r) => [r.peers.length, r.ports.length])).toEqual([[0, 0], [0, 0], [0, 0], [0, 0]]);
  });

  test('ports: [{}] is one TCP entry without port (every TCP port)', () => {
    const port = parseNetworkPolicy(np({ ingress: [{ ports: [{}] }] })).spec!.ingress[0].ports[0];
    expect(port.protocol).toBe(Protocol.TCP);
    expect(port.isAllPorts()).toBe(true);
    expect(port.matches(9999, Protocol.TCP)).toBe(true);
    expect(port.matches(9999, Protocol.UDP)).toBe(false);
  });

  test('protocol defaults to TCP; numbers, names and ranges are kept', () => {
    const ports = parseNetworkPolicy(np({ ingress: [{ ports: [{ port: 80 }, { port: 'http', protocol: 'UDP' }, { port: 80, endPort: 90 }] }] })).spec!.ingress[0].ports;
    expect(ports.map((p) => p.toString())).toEqual(['80/TCP', 'http/UDP', '80-90/TCP']);
  });

  test('omitted or null podSelector selects every pod; matchLabels: null is absent', () => {
    for (const podSelector of [undefined, null, {}, { matchLabels: null }]) {
      expect(parseNetworkPolicy(np({ podSelector })).spec!.podSelector.isEverything()).toBe(true);
    }
  });

  test('peers become the model classes (AND is one peer with both selectors)', () => {
    const peers = parseNetworkPolicy(np({
      ingress: [{ from: [
        { podSelector: { matchLabels: { app: 'a' } } },
        { namespaceSelector: {} },
        { podSelector: { matchLabels: { app: 'a' } }, namespaceSelector: { matchLabels: { env: 'prod' } } },
        { podSelector: null, namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] } },
        { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
      ] }],
    })).spec!.ingress[0].peers;
    expect(peers.map((p) => p.constructor)).toEqual([PodPeer, NamespacePeer, PodsInNamespacesPeer, NamespacePeer, IpBlockPeer]);
    expect(peers.map((p) => p.toString())).toEqual([
      "pods app=a in the policy's namespace",
      'all pods in all namespaces',
      'pods app=a in namespaces env=prod',
      'all pods in namespaces env notin (dev)',
      '10.0.0.0/8 except 10.1.0.0/16',
    ]);
  });

  test('metadata is kept', () => {
    const spec = parseNetworkPolicy(np({}, { name: 'p', namespace: 'x', labels: { a: 'b' } })).spec!;
    expect([spec.id, spec.labels]).toEqual(['x/p', { a: 'b' }]);
  });
});

describe('parseNetworkPolicy: problems are Issues, never exceptions', () => {
  test('a missing namespace is assumed and stated (rule 38)', () => {
    const parsed = parseNetworkPolicy(np({}, { name: 'p' }), { defaultNamespace: 'team-a' });
    expect(parsed.spec!.namespace).toBe('team-a');
    expect(parsed.issues).toEqual([{
      code: 'read-namespace-assumed', severity: Severity.WARNING, field: 'metadata.namespace', object: 'NetworkPolicy p',
      message: 'no namespace: assuming "team-a", the namespace kubectl would apply it to by default',
      hint: 'set metadata.namespace so the policy does not depend on the kubectl context',
    }]);
    expect(parseNetworkPolicy(np({}, { name: 'p' })).spec!.namespace).toBe('default');
  });

  test('a missing spec is a deny-all-ingress policy, with a warning', () => {
    const parsed = parseNetworkPolicy({ kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'x' } });
    expect(parsed.spec!.policyTypes).toEqual([PolicyType.INGRESS]);
    expect(parsed.issues.map((i) => [i.code, i.severity])).toEqual([['read-no-spec', Severity.WARNING]]);
  });

  test.each([
    ['not an object', 'hello', 'read-not-an-object', undefined, 'expected a NetworkPolicy object, got string "hello"'],
    ['another kind', { kind: 'Service' }, 'read-wrong-kind', 'kind', 'expected kind NetworkPolicy, got "Service"'],
    ['ingress not a list', np({ ingress: { from: [] } }), 'read-shape', 'spec.ingress', 'expected a list, got an object'],
    ['from not a list', np({ ingress: [{ from: 'all' }] }), 'read-shape', 'spec.ingress[0].from', 'expected a list, got string "all"'],
    ['selector not an object', np({ egress: [{ to: [{ podSelector: 'app=a' }] }] }), 'read-shape', 'spec.egress[0].to[0].podSelector', 'expected an object, got string "app=a"'],
    ['cidr not a string', np({ ingress: [{ from: [{ ipBlock: { cidr: 10 } }] }] }), 'read-shape', 'spec.ingress[0].from[0].ipBlock.cidr', 'expected a string, got number 10'],
    ['port not a number or name', np({ ingress: [{ ports: [{ port: [80] }] }] }), 'read-shape', 'spec.ingress[0].ports[0].port', 'expected a number or a port name, got a list'],
  ])('%s', (_title, obj, code, field, message) => {
    const parsed = parseNetworkPolicy(obj);
    expect(parsed.spec).toBeUndefined();
    expect(parsed.issues[0]).toMatchObject({ code, severity: Severity.ERROR, message });
    expect(parsed.issues[0].field).toBe(field);
  });

  test('shape errors name the object', () => {
    expect(parseNetworkPolicy(np({ ingress: 1 })).issues[0].object).toBe('NetworkPolicy x/p');
  });
});
