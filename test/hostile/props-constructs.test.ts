import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, test } from 'vitest';
import {
  AllowDns, AllowFlow, AllowFrom, AllowFromIngressController, AllowInternetEgress, AllowMonitoringScrape, AllowSameNamespace, AllowTo,
  ClusterBaseline, DatabaseTier, DefaultDeny, NamespaceBaseline, NetworkPolicy, Peer, Port, Rule, Select, SynthLint, TenantIsolation,
} from '../../lib';

// Every construct given props as plain JavaScript would: each mistake is a synth error naming the
// construct path, the prop and the value, and nothing is written.

type Make = (scope: Construct, id: string, props: unknown) => unknown;
const any = (f: (s: Construct, id: string, p: any) => unknown): Make => f;

const web = () => Select.pods({ app: 'web' });
const api = () => Peer.pods({ app: 'api' });

interface Case {
  readonly name: string;
  readonly make: Make;
  /** Valid props: each case below changes one thing. */
  readonly valid: () => { [key: string]: unknown };
  /** A key the construct does not have and the key it most likely meant. */
  readonly unknown: [string, string | undefined];
  /** A prop given a value of the wrong kind. */
  readonly wrongType: [string, unknown];
  /** A prop that takes a label map, if any. */
  readonly labels: string;
}

const CASES: Case[] = [
  { name: 'DefaultDeny', make: any((s, id, p) => new DefaultDeny(s, id, p)), valid: () => ({}), unknown: ['directions', 'direction'], wrongType: ['pods', 'app=web'], labels: 'labels' },
  { name: 'AllowDns', make: any((s, id, p) => new AllowDns(s, id, p)), valid: () => ({}), unknown: ['dnsNamspace', 'dnsNamespace'], wrongType: ['dnsNamespace', 5], labels: 'dnsLabels' },
  { name: 'AllowFrom', make: any((s, id, p) => new AllowFrom(s, id, p)), valid: () => ({ to: web(), from: [api()] }), unknown: ['peers', 'from'], wrongType: ['ports', Port.HTTP], labels: 'labels' },
  { name: 'AllowTo', make: any((s, id, p) => new AllowTo(s, id, p)), valid: () => ({ from: web(), to: [api()] }), unknown: ['port', 'ports'], wrongType: ['to', api()], labels: 'labels' },
  {
    name: 'NetworkPolicy', make: any((s, id, p) => new NetworkPolicy(s, id, p)), valid: () => ({ podSelector: web(), ingress: [Rule.allow({ peers: [api()] })] }),
    unknown: ['podSelecter', 'podSelector'], wrongType: ['ingress', Rule.allow({ peers: [api()] })], labels: 'annotations',
  },
  { name: 'DatabaseTier', make: any((s, id, p) => new DatabaseTier(s, id, p)), valid: () => ({ database: web(), clients: [api()] }), unknown: ['ports', 'port'], wrongType: ['allowDns', 'yes'], labels: 'dnsLabels' },
  { name: 'AllowMonitoringScrape', make: any((s, id, p) => new AllowMonitoringScrape(s, id, p)), valid: () => ({}), unknown: ['target', 'targets'], wrongType: ['scrapers', 'prometheus'], labels: 'labels' },
  {
    name: 'AllowFromIngressController', make: any((s, id, p) => new AllowFromIngressController(s, id, p)), valid: () => ({ backends: web() }),
    unknown: ['controllerNamespaces', 'controllerNamespace'], wrongType: ['ports', [80]], labels: 'controllerLabels',
  },
  { name: 'AllowSameNamespace', make: any((s, id, p) => new AllowSameNamespace(s, id, p)), valid: () => ({}), unknown: ['Direction', 'direction'], wrongType: ['direction', 1], labels: 'labels' },
  { name: 'AllowInternetEgress', make: any((s, id, p) => new AllowInternetEgress(s, id, p)), valid: () => ({}), unknown: ['ipV6', 'ipv6'], wrongType: ['ipv6', 'true'], labels: 'labels' },
  { name: 'TenantIsolation', make: any((s, id, p) => new TenantIsolation(s, id, p)), valid: () => ({ tenants: ['a', 'b'] }), unknown: ['tenant', 'tenants'], wrongType: ['tenants', 'a'], labels: 'labels' },
  { name: 'NamespaceBaseline', make: any((s, id, p) => new NamespaceBaseline(s, id, p)), valid: () => ({}), unknown: ['allowDNS', 'allowDns'], wrongType: ['allowSameNamespace', 0], labels: 'dnsLabels' },
  { name: 'AllowFlow', make: any((s, id, p) => new AllowFlow(s, id, p)), valid: () => ({ from: web(), to: Select.pods({ app: 'db' }) }), unknown: ['client', undefined], wrongType: ['ports', Port.HTTP], labels: 'labels' },
  { name: 'ClusterBaseline', make: any((s, id, p) => new ClusterBaseline(s, id, p)), valid: () => ({ namespaces: ['shop'] }), unknown: ['namespace', 'namespaces'], wrongType: ['exclude', 'kube-system'], labels: 'labels' },
];

function world(): { app: App; chart: Chart } {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'payments', { namespace: 'payments' }) };
}

/** The synth error text, or fails when synthesis succeeds (something would have been written). */
function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    expect(e).not.toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
  throw new Error('synthesis succeeded');
}

describe.each(CASES)('$name given props from plain JavaScript', (c) => {
  test('the valid props synthesize (the baseline the cases below break)', () => {
    const { app, chart } = world();
    c.make(chart, 'x', c.valid());
    expect(() => app.synth()).not.toThrow();
  });

  test('an unknown key is a synth error with the nearest known key', () => {
    const { app, chart } = world();
    const [key, meant] = c.unknown;
    c.make(chart, 'x', { ...c.valid(), [key]: 'whatever' });
    const message = synthError(app);
    expect(message).toContain(`[payments/x] props.${key}: unknown property`);
    if (meant) expect(message).toContain(`did you mean "${meant}"?`);
  });

  test('a value of the wrong kind is a synth error quoting it', () => {
    const { app, chart } = world();
    const [key, value] = c.wrongType;
    c.make(chart, 'x', { ...c.valid(), [key]: value });
    const message = synthError(app);
    expect(message).toMatch(new RegExp(`\\[payments/x\\] props\\.${key}(\\[\\d+\\])?: Invalid value: `));
  });

  test('a label value that is not a string is a synth error', () => {
    const { app, chart } = world();
    c.make(chart, 'x', { ...c.valid(), [c.labels]: { tier: 3 } });
    expect(synthError(app)).toContain(`[payments/x] props.${c.labels}["tier"]: Invalid value: 3: must be a string`);
  });

  test('an own __proto__ key in a label map is refused as the API server refuses the key', () => {
    const { app, chart } = world();
    c.make(chart, 'x', { ...c.valid(), [c.labels]: { ['__proto__']: { app: 'web' } } });
    const message = synthError(app);
    expect(message).toContain(`[payments/x] props.${c.labels}: Invalid value: "__proto__": name part must consist of alphanumeric characters`);
  });

  test.each([
    ['null', null],
    ['an array', [{}]],
    ['a string', 'props'],
  ])('props that are %s are a synth error', (_, props) => {
    const { app, chart } = world();
    c.make(chart, 'x', props);
    expect(synthError(app)).toMatch(/\[payments\/x\] props: Invalid value: .*: must be an object/);
  });
});

describe('enum props: a string that is not a member never falls back to a default', () => {
  test.each([
    ['DefaultDeny', any((s, id, p) => new DefaultDeny(s, id, p))],
    ['AllowSameNamespace', any((s, id, p) => new AllowSameNamespace(s, id, p))],
  ])('%s direction: "ingress" names the members and the one meant', (_, make) => {
    const { app, chart } = world();
    make(chart, 'x', { direction: 'ingress' });
    expect(synthError(app)).toContain('[payments/x] props.direction: Invalid value: "ingress": must be one of "Ingress", "Egress", "Both" (did you mean "Ingress"?)');
  });

  test.each([
    ['DatabaseTier', any((s, id, p) => new DatabaseTier(s, id, { database: web(), ...p }))],
    ['AllowMonitoringScrape', any((s, id, p) => new AllowMonitoringScrape(s, id, p))],
    ['AllowFromIngressController', any((s, id, p) => new AllowFromIngressController(s, id, { backends: web(), ...p }))],
  ])('%s sides: "both" names the members', (_, make) => {
    const { app, chart } = world();
    make(chart, 'x', { sides: 'both' });
    expect(synthError(app)).toMatch(/\[payments\/x\] props\.sides: Invalid value: "both": must be one of .*"Both"/);
  });

  test('NetworkPolicy policyTypes members', () => {
    const { app, chart } = world();
    new NetworkPolicy(chart, 'x', { podSelector: web(), policyTypes: ['egress'] } as any);
    expect(synthError(app)).toContain('[payments/x] props.policyTypes[0]: Invalid value: "egress": must be one of "Ingress", "Egress" (did you mean "Egress"?)');
  });
});

describe('required props', () => {
  test.each([
    ['AllowFrom', any((s, id, p) => new AllowFrom(s, id, p)), { from: [Peer.pods({ app: 'a' })] }, 'to'],
    ['AllowTo', any((s, id, p) => new AllowTo(s, id, p)), { from: Select.pods({ app: 'a' }) }, 'to'],
    ['NetworkPolicy', any((s, id, p) => new NetworkPolicy(s, id, p)), { ingress: [] }, 'podSelector'],
    ['DatabaseTier', any((s, id, p) => new DatabaseTier(s, id, p)), {}, 'database'],
    ['TenantIsolation', any((s, id, p) => new TenantIsolation(s, id, p)), {}, 'tenants'],
  ])('%s without %s', (_, make, props, missing) => {
    const { app, chart } = world();
    make(chart, 'x', props);
    expect(synthError(app)).toContain(`[payments/x] props.${missing}: Required value`);
  });

  test('nested props are checked with their path (NamespaceBaseline monitoring)', () => {
    const { app, chart } = world();
    new NamespaceBaseline(chart, 'x', { monitoring: { scraper: [] } } as any);
    expect(synthError(app)).toContain('[payments/x] props.monitoring.scraper: unknown property (did you mean "scrapers"?)');
  });
});

describe('SynthLint.configure checks its options when called', () => {
  test.each([
    [{ enable: false }, 'options.enable: unknown property (did you mean "enabled"?)'],
    [{ warningsAsErrors: 'yes' }, 'options.warningsAsErrors: Invalid value: "yes": must be true or false'],
    [{ dnsLabels: { ['__proto__']: 'x' } }, 'options.dnsLabels: Invalid value: "__proto__"'],
    [null, 'options: Invalid value: null: must be an object'],
    [undefined, 'options: Required value'],
  ])('%j', (options, message) => {
    const { app } = world();
    expect(() => SynthLint.configure(app, options as any)).toThrow(`[<app>] SynthLint.configure: ${message}`);
  });

  test('a scope that is not a construct', () => {
    expect(() => SynthLint.configure('app' as any, {})).toThrow('SynthLint.configure: scope: Invalid value: "app": must be a construct');
  });
});
