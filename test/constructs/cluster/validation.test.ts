import { Chart } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import {
  ClusterAllowDns, ClusterDefaultDeny, ClusterNetworkPolicy, ClusterNetworkPolicyProps, DelegateToNamespaceOwners, ClusterPeer, ClusterPolicyAction, ClusterPolicyChannel, ClusterPolicyTier,
  ClusterSubject, ClusterTenantIsolation, DenyMetadataService, LabelSelector, Port,
} from '../../../lib';
import { cluster, synthErrors } from './helpers';

// Validation before YAML is written: run-time props checks, then the rendered object read back
// through readClusterPolicy (the CRD's schema and CEL rules, with the API server's messages),
// each a synth error naming the construct path and the field. Nothing is written.

const ALL = ClusterSubject.allNamespaces();
const deny = (...peers: ClusterPeer[]) => ({ action: ClusterPolicyAction.DENY, peers });
const base: ClusterNetworkPolicyProps = { tier: ClusterPolicyTier.ADMIN, subject: ALL };

function errorsOf(props: unknown, channel = ClusterPolicyChannel.EXPERIMENTAL): string[] {
  const { chart } = cluster(channel);
  new ClusterNetworkPolicy(chart, 'bad', props as ClusterNetworkPolicyProps);
  return synthErrors(chart);
}

describe('props checked at run time', () => {
  test.each([
    ['tier as a free string', { ...base, tier: 'admin' }, ['props.tier: Invalid value: "admin": must be one of "Admin", "Baseline" (did you mean "Admin"?)']],
    ['action as a free string', { ...base, egress: [{ action: 'Allow', peers: [ClusterPeer.allNamespaces()] }] },
      ['props.egress[0].action: Invalid value: "Allow": must be one of "Accept", "Deny", "Pass"']],
    ['the JSON name for peers', { ...base, ingress: [{ action: ClusterPolicyAction.DENY, from: [ClusterPeer.allNamespaces()] }] },
      ['props.ingress[0].from: unknown property (did you mean "peers"?)', 'props.ingress[0].peers: Required value']],
    ['priority out of range', { ...base, priority: 1001 }, ['props.priority: Invalid value: 1001: must be between 0 and 1000, inclusive']],
    ['priority as a string', { ...base, priority: '5' }, ['props.priority: Invalid value: "5": must be an integer from 0 to 1000 (write the number unquoted: 5)']],
    ['a subject that is not one', { ...base, subject: { namespaces: {} } }, ['props.subject: Invalid value: {"namespaces":{}}: must be a ClusterSubject (ClusterSubject.allNamespaces(), ClusterSubject.namespaces(...))']],
    ['no subject', { tier: ClusterPolicyTier.ADMIN }, ['props.subject: Required value']],
    ['a NetworkPolicy Peer', { ...base, egress: [{ action: ClusterPolicyAction.DENY, peers: [{}] }] },
      ['props.egress[0].peers[0]: Invalid value: {}: must be a ClusterPeer (ClusterPeer.namespaces(...), ClusterPeer.networks(...))']],
  ])('%s', (_, props, errors) => {
    expect(errorsOf(props)).toEqual(errors.map((e) => `[guardrails/bad] ${e}`));
  });
});

const peers = (n: number) => Array.from({ length: n }, (_, i) => ClusterPeer.namespaces(`ns-${i}`));

describe('what the CRD and its CEL rules reject, at synth time', () => {
  test.each([
    ['a CIDR that is not one', { ...base, egress: [deny(ClusterPeer.networks('10.0.0.0/33'))] },
      ['spec.egress[0].to[0].networks[0]: Invalid value: "string": Invalid CIDR format provided']],
    ['an address without a prefix', { ...base, egress: [deny(ClusterPeer.networks('10.1.2.3'))] },
      ['spec.egress[0].to[0].networks[0]: Invalid value: "string": Invalid CIDR format provided (a network is a CIDR: 10.1.2.3/32)']],
    ['networks on ingress', { ...base, ingress: [deny(ClusterPeer.networks('10.0.0.0/8'))] },
      ['spec.ingress[0].from[0]: Invalid value: "networks": networks peers are egress only: ingress from addresses cannot be written in a ClusterNetworkPolicy (a NetworkPolicy ipBlock can allow it)']],
    ['26 peers', { ...base, ingress: [deny(...peers(26))] }, ['spec.ingress[0].from: Too many: 26: must have at most 25 items']],
    ['no peers', { ...base, ingress: [deny()] }, ['spec.ingress[0].from: Required value: must have at least 1 items']],
    ['26 rules', { ...base, ingress: Array.from({ length: 26 }, () => deny(ClusterPeer.allNamespaces())) }, ['spec.ingress: Too many: 26: must have at most 25 items']],
    ['empty ports', { ...base, ingress: [{ ...deny(ClusterPeer.allNamespaces()), ports: [] }] }, ['spec.ingress[0].protocols: Required value: must have at least 1 items']],
    ['a rule name over 100 characters', { ...base, ingress: [{ ...deny(ClusterPeer.allNamespaces()), name: 'x'.repeat(101) }] }, ['spec.ingress[0].name: Too long: may not be more than 100 bytes']],
    ['a named port with a networks peer', { ...base, egress: [{ ...deny(ClusterPeer.networks('10.0.0.0/8')), ports: [Port.named('http')] }] },
      ['spec.egress[0].protocols: Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames']],
  ])('%s', (_, props, errors) => {
    expect(errorsOf(props)).toEqual(errors.map((e) => `[guardrails/bad] ${e}`));
  });
});

describe('what the construct refuses rather than approximate', () => {
  test.each([
    ['a named UDP port (the CRD takes the container port\'s protocol)', { ...base, ingress: [{ ...deny(ClusterPeer.allNamespaces()), ports: [Port.named('dns', 'UDP' as never)] }] },
      ['spec.ingress[0].ports[0]: Invalid value: "named dns/UDP": a ClusterNetworkPolicy named port takes the protocol of the destination\'s container port (write Port.named("dns"))']],
    ['domain names in a Deny rule', { ...base, egress: [deny(ClusterPeer.domainNames('example.com'))] },
      ['spec.egress[0].to[0].domainNames: Invalid value: "Deny": domain names are only supported in Accept rules (accept the names, then deny the rest in a later rule)']],
    ['a domain name with a wildcard inside', { ...base, egress: [{ action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.domainNames('www.*.example.com')] }] },
      ['spec.egress[0].to[0].domainNames[0]: Invalid value: "www.*.example.com": spec.egress[0].to[0].domainNames[0] in body should match \'^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$\' (\'*\' only as a whole first label: *.example.com)']],
    ['no domain names', { ...base, egress: [{ action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.domainNames()] }] },
      ['spec.egress[0].to[0].domainNames: Required value: must have at least 1 items']],
    ['a name that is not a DNS subdomain', { ...base, name: 'Deny_All' },
      ['metadata.name: Invalid value: "Deny_All": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\') (did you mean "deny-all"?)']],
  ])('%s', (_, props, errors) => {
    expect(errorsOf(props)).toEqual(errors.map((e) => `[guardrails/bad] ${e}`));
  });

  test('a port range of one port is written as that number, a whole protocol as 1-65535', () => {
    const { chart } = cluster();
    new ClusterNetworkPolicy(chart, 'ports', { ...base, ingress: [{ ...deny(ClusterPeer.allNamespaces()), ports: [Port.tcpRange(80, 80), Port.udpRange(9000, 9100), Port.allSctp(), Port.named('http')] }] });
    expect(synthErrors(chart)).toEqual([]);
  });

  test('two constructs with one name: a synth error naming the first', () => {
    const { app, chart } = cluster();
    new DenyMetadataService(chart, 'metadata-service');
    const other = new Chart(app, 'other');
    new DenyMetadataService(other, 'metadata-service', { priority: 5 });
    expect(synthErrors(other)).toEqual([
      '[other/metadata-service] metadata.name: ClusterNetworkPolicy "deny-metadata-service" is already defined by [guardrails/metadata-service]; give one of them another construct id or a `name` prop',
    ]);
  });
});

describe('argument checks of the factories and intents', () => {
  test.each([
    ['a namespace name in capitals', () => ClusterSubject.namespaces('Payments'), 'ClusterSubject.namespaces: names[0]: Invalid value: "Payments": '],
    ['no namespace names', () => ClusterPeer.namespaces(), 'ClusterPeer.namespaces: names: Required value: give at least one namespace name (all namespaces: ClusterPeer.allNamespaces())'],
    ['a selector that is not one', () => ClusterPeer.pods({ app: 'web' } as never), 'ClusterPeer.pods: pods: Invalid value: {"app":"web"}: must be a LabelSelector'],
    ['a CIDR that is not a string', () => ClusterPeer.networks(10 as never), 'ClusterPeer.networks: cidrs[0]: Invalid value: 10: must be a string'],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(message);
  });

  test.each([
    ['no tenants', { tenants: [] }, ['[guardrails/tenants] props.tenants: Required value: give at least one tenant']],
    ['a tenant that is not a label value', { tenants: ['a b'] }, ['[guardrails/tenants] props.tenants[0]: Invalid value: "a b": a valid label must be']],
    ['a tenant label that is not a label key', { tenants: ['a'], tenantLabel: 'tenant/' }, ['[guardrails/tenants] props.tenantLabel: Invalid value: "tenant/": ']],
  ])('ClusterTenantIsolation: %s', (_, props, errors) => {
    const { chart } = cluster();
    new ClusterTenantIsolation(chart, 'tenants', props);
    const got = synthErrors(chart);
    expect(got.length).toBeGreaterThan(0);
    got.forEach((g) => expect(g.startsWith(errors[0]), g).toBe(true));
  });

  test('ClusterDefaultDeny: a bad DNS namespace names the prop', () => {
    const { chart } = cluster();
    new ClusterDefaultDeny(chart, 'cluster', { dnsNamespace: 'Kube-System' });
    expect(synthErrors(chart)[0]).toMatch(/^\[guardrails\/cluster\] dnsNamespace: Invalid value: "Kube-System": .*did you mean "kube-system"/);
  });

  test('DenyMetadataService: an unknown prop', () => {
    const { chart } = cluster();
    new DenyMetadataService(chart, 'metadata', { cidrs: ['1.2.3.4/32'] } as never);
    expect(synthErrors(chart)).toEqual(['[guardrails/metadata] props.cidrs: unknown property (did you mean "addresses"?)']);
  });
});

test('a pod subject with its namespaces is written as one pods field', () => {
  const s = ClusterSubject.pods(LabelSelector.labels({ app: 'web' }), LabelSelector.labels({ team: 'a' }));
  expect(s._toJson()).toEqual({ pods: { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'web' } } } });
  expect(ClusterSubject.pods(LabelSelector.labels({ app: 'web' }))._toJson()).toEqual({ pods: { podSelector: { matchLabels: { app: 'web' } } } });
  expect(String(s)).toBe('pods app=web in namespaces team=a');
  expect(String(ClusterPeer.namespaces('b', 'a'))).toBe('every pod of namespaces b, a');
  expect(ClusterPeer.namespaces('b', 'a')._json).toEqual({ namespaces: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] }] } });
});

void Chart;

describe('every intent checks its props as plain JavaScript would give them', () => {
  type Make = (chart: Chart, props: any) => unknown;
  test.each<[string, Make, object, string, string]>([
    ['DenyMetadataService', (c, p) => new DenyMetadataService(c, 'x', p), { addresses: '169.254.169.254/32' },
      'props.addresses: Invalid value: "169.254.169.254/32": must be an array of strings (put it in a list: ["169.254.169.254/32"])', 'priorty'],
    ['ClusterAllowDns', (c, p) => new ClusterAllowDns(c, 'x', p), { tier: 'admin' }, 'props.tier: Invalid value: "admin": must be one of "Admin", "Baseline" (did you mean "Admin"?)', 'dnsNamspace'],
    ['ClusterDefaultDeny', (c, p) => new ClusterDefaultDeny(c, 'x', p), { exceptNamespaces: 'kube-system' },
      'props.exceptNamespaces: Invalid value: "kube-system": must be an array of strings (put it in a list: ["kube-system"])', 'exceptNamespace'],
    ['DelegateToNamespaceOwners', (c, p) => new DelegateToNamespaceOwners(c, 'x', p), { subject: 'shared' },
      'props.subject: Invalid value: "shared": must be a ClusterSubject (ClusterSubject.allNamespaces(), ClusterSubject.namespaces(...))', 'subjects'],
    ['ClusterTenantIsolation', (c, p) => new ClusterTenantIsolation(c, 'x', { tenants: ['a'], ...p }), { tenantLabel: 5 }, 'props.tenantLabel: Invalid value: 5: must be a string (quote it: "5")', 'tenant'],
  ])('%s', (_, make, wrong, message, unknownKey) => {
    const { chart } = cluster();
    make(chart, wrong);
    expect(synthErrors(chart)).toEqual([`[guardrails/x] ${message}`]);
    const second = cluster().chart;
    make(second, { [unknownKey]: 1 });
    expect(synthErrors(second)[0]).toMatch(new RegExp(`^\\[guardrails/x\\] props\\.${unknownKey}: unknown property \\(did you mean "[a-zA-Z]+"\\?\\)$`));
  });
});
