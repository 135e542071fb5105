import { describe, expect, test } from 'vitest';
import { LabelSelector, NetpolValidationErrorLike, Peer, PolicySpec, Port, Reachability, Rule, Select, Workloads } from './factories';

// Every public factory called as plain JavaScript would: a clear NetpolValidationError naming the
// factory, the argument and the value, never a value that is wider than what was asked.

const pods = () => Peer.pods({ app: 'web' });

/** The error a call throws; fails if it returns (something was built) or crashes. */
function errorOf(f: () => unknown): Error {
  let result: unknown;
  try {
    result = f();
  } catch (e) {
    expect(e).not.toBeInstanceOf(TypeError);
    expect((e as Error).name).toBe(NetpolValidationErrorLike);
    return e as Error;
  }
  throw new Error(`returned ${String(result)}`);
}

const call = (f: (...a: any[]) => unknown, ...args: unknown[]) => () => f(...args);

describe('props structs', () => {
  test.each([
    ['unknown key, the Kubernetes name', call(Rule.allow, { from: [pods()] }), 'Rule.allow: props.from: unknown property (did you mean "peers"?)'],
    ['unknown key, a typo', call(Rule.allow, { prots: [Port.HTTP] }), 'Rule.allow: props.prots: unknown property (did you mean "ports"?)'],
    ['peers not a list', call(Rule.allow, { peers: pods() }), 'Rule.allow: props.peers: Invalid value: a PodPeer: must be an array of Peer'],
    ['a port that is a number', call(Rule.allow, { ports: [80] }), 'Rule.allow: props.ports[0]: Invalid value: 80: must be a Port'],
    ['null props', call(Rule.allow, null), 'Rule.allow: props: Invalid value: null: must be an object'],
    ['array props', call(Rule.allow, [pods()]), 'must be an object (pass one object, not a list)'],
    ['no props', call(Rule.allow), 'Rule.allow: props: Required value'],
    ['__proto__ key', call(Rule.allow, JSON.parse('{"__proto__": {"peers": []}}')), 'Rule.allow: props.__proto__: unknown property'],
    ['policy type not a member', call(PolicySpec.create, { name: 'a', namespace: 'b', podSelector: LabelSelector.everything(), policyTypes: ['ingress'] }),
      'PolicySpec.create: props.policyTypes[0]: Invalid value: "ingress": must be one of "Ingress", "Egress" (did you mean "Ingress"?)'],
    ['label value not a string', call(PolicySpec.create, { name: 'a', namespace: 'b', podSelector: LabelSelector.everything(), labels: { tier: 1 } }),
      'PolicySpec.create: props.labels["tier"]: Invalid value: 1: must be a string: label values are strings (quote it: "1")'],
    ['podSelector missing', call(PolicySpec.create, { name: 'a', namespace: 'b' }), 'PolicySpec.create: props.podSelector: Required value'],
    ['podSelector a map', call(PolicySpec.create, { name: 'a', namespace: 'b', podSelector: { app: 'x' } }),
      'PolicySpec.create: props.podSelector: Invalid value: {"app":"x"}: must be a LabelSelector'],
    ['expression with an unknown key', call(LabelSelector.expressions, { key: 'a', operator: 'Exists', value: ['x'] }),
      'LabelSelector.expressions: expressions[0].value: unknown property (did you mean "values"?)'],
  ])('%s', (_, f, message) => {
    expect(errorOf(f).message).toContain(message);
  });
});

describe('label maps: own __proto__ keys and non-string values never reach a selector', () => {
  const evil = () => JSON.parse('{"__proto__": {"app": "web"}}');
  test.each([
    ['Select.pods', () => Select.pods(evil())],
    ['Peer.pods', () => Peer.pods(evil())],
    ['Peer.namespacesLabelled', () => Peer.namespacesLabelled(evil())],
    ['LabelSelector.labels', () => LabelSelector.labels(evil())],
    ['withPods', () => Peer.namespace('shop').withPods(evil())],
    ['inNamespacesLabelled', () => pods().inNamespacesLabelled(evil())],
  ])('%s', (where, f) => {
    expect(errorOf(f).message).toMatch(new RegExp(`^${where.replace('.', '\\.')}: (labels|matchLabels): Invalid value: "__proto__": name part must consist of alphanumeric characters`));
  });

  test.each([
    ['Select.pods', () => Select.pods({ app: 5 } as any), 'Select.pods: labels["app"]: Invalid value: 5: must be a string'],
    ['Peer.pods', () => Peer.pods({ app: { toString: () => 'web' } } as any), 'Peer.pods: labels["app"]: Invalid value: {}: must be a string'],
    ['Peer.pods null', () => Peer.pods(null as any), 'Peer.pods: labels: Invalid value: null: must be a map'],
    ['Select.pods array', () => Select.pods(['app=web'] as any), 'Select.pods: labels: Invalid value: ["app=web"]: must be a map'],
  ])('%s', (_, f, message) => {
    expect(errorOf(f).message).toContain(message);
  });
});

describe('positional arguments', () => {
  test.each([
    ['Port.tcp("80")', call(Port.tcp, '80'), 'Port.tcp: port: Invalid value: "80": must be a number (write the number unquoted: 80)'],
    ['Port.udpRange(1, "9")', call(Port.udpRange, 1, '9'), 'Port.udpRange: to: Invalid value: "9": must be a number'],
    ['Port.all("tcp")', call(Port.all, 'tcp'), 'Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP" (did you mean "TCP"?)'],
    ['Port.named(8080)', call(Port.named, 8080), 'Port.named: name: Invalid value: 8080: must be a string'],
    ['Peer.namespace(null)', call(Peer.namespace, null), 'Peer.namespace: names[0]: Invalid value: null: must be a string'],
    ['Peer.ipBlock(["10.0.0.0/8"])', call(Peer.ipBlock, ['10.0.0.0/8']), 'Peer.ipBlock: cidr: Invalid value: ["10.0.0.0/8"]: must be a string'],
    ['Peer.ip(167772161)', call(Peer.ip, 167772161), 'Peer.ip: address: Invalid value: 167772161: must be a string'],
    ['Peer.podsMatching({app})', call(Peer.podsMatching, { app: 'x' }), 'Peer.podsMatching: selector: Invalid value: {"app":"x"}: must be a LabelSelector'],
    ['Select.podsMatching({})', call(Select.podsMatching, {}), 'Select.podsMatching: selector: Invalid value: {}: must be a LabelSelector'],
    ['Workloads.select("web")', call(Workloads.select, 'web'), 'Workloads.select: workload: Invalid value: "web": must be a cdk8s-plus workload'],
    ['Workloads.namespace(null)', call(Workloads.namespace, null), 'Workloads.namespace: namespace: Invalid value: null: must be a cdk8s-plus Namespace'],
  ])('%s', (_, f, message) => {
    expect(errorOf(f).message).toContain(message);
  });
});

describe('Reachability entry points', () => {
  const r = () => Reachability.fromManifests([]);
  test.each([
    ['fromManifests objects', () => Reachability.fromManifests('x' as any), 'Reachability: objects: Invalid value: "x": must be an array of Kubernetes objects'],
    ['fromManifests options key', () => Reachability.fromManifests([], { external: ['1.2.3.4'] } as any), 'Reachability: options.external: unknown property (did you mean "externals"?)'],
    ['of', () => Reachability.of({} as any), 'Reachability.of: app: Invalid value: {}: must be a cdk8s App'],
    ['fromChart', () => Reachability.fromChart(null as any), 'Reachability.fromChart: chart: Invalid value: null: must be a cdk8s Chart'],
    ['port as a string', () => r().isAllowed('a/b', 'a/c', '80' as any), 'Reachability.isAllowed: port: Invalid value: "80": must be an integer from 1 to 65535 (write the number unquoted: 80)'],
    ['protocol not a member', () => r().assertDenied('a/b', 'a/c', 80, 'tcp' as any), 'Reachability.assertDenied: protocol: Invalid value: "tcp": must be one of "TCP", "UDP", "SCTP" (did you mean "TCP"?)'],
    ['sources not a list', () => r().assertOnlyReachableFrom('a/b', 'a/c' as any, 80), 'Reachability.assertOnlyReachableFrom: sources: Invalid value: "a/c": must be an array of endpoints (put it in a list: ["a/c"])'],
  ])('%s', (_, f, message) => {
    expect(errorOf(f).message).toContain(message);
  });
});
