import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AllowDns, AllowFlow, AllowFrom, DefaultDeny, Peer, Port, Select } from '../../lib';
import { LintPod, lintPolicies } from '../../lib/lint';
import { LabelSelector, PolicySpec, PolicyType, Rule } from '../../lib/model';
import { FIXTURES, lintFixture } from './load-fixture';
import { run } from '../cli/fake-io';

// flow-half-open (issue 13): a flow opened at one end, closed at the other.

const deny = (ns: string, types = [PolicyType.INGRESS, PolicyType.EGRESS]) =>
  PolicySpec.create({ name: 'default-deny', namespace: ns, podSelector: LabelSelector.everything(), policyTypes: types });
const apiFromFrontend = PolicySpec.create({
  name: 'api-from-frontend', namespace: 'shop', podSelector: LabelSelector.labels({ app: 'api' }), policyTypes: [PolicyType.INGRESS],
  ingress: [Rule.allow({ peers: [Peer.pods({ app: 'frontend' }).inNamespace('web')], ports: [Port.tcp(8080)] })],
});
const frontendEgress = (port: number) => PolicySpec.create({
  name: 'frontend-out', namespace: 'web', podSelector: LabelSelector.labels({ app: 'frontend' }), policyTypes: [PolicyType.EGRESS],
  egress: [Rule.allow({ peers: [Peer.pods({ app: 'api' }).inNamespace('shop')], ports: [Port.tcp(port)] })],
});
const found = (specs: PolicySpec[], pods?: LintPod[]) => lintPolicies(specs, { pods }).filter((i) => i.code === 'flow-half-open');

describe('flow-half-open', () => {
  test('names the policy that opens one end, the policy that isolates the other, and the fix', () => {
    const [issue] = found([apiFromFrontend, deny('shop'), deny('web')]);
    expect(issue.object).toBe('NetworkPolicy shop/api-from-frontend');
    expect(issue.field).toBe('spec.ingress[0].from[0]');
    expect(issue.message).toBe('from[0] lets the pods app=frontend of namespace web in to the pods app=api of namespace shop on 8080/TCP, '
      + 'but the pods app=frontend of namespace web are isolated for egress by NetworkPolicy web/default-deny and no policy of namespace web '
      + 'allows egress to the pods app=api of namespace shop there: the flow is closed at the other end');
    expect(issue.hint).toBe('open both ends: AllowFlow instead of AllowFrom (or sides: FlowSides.BOTH on the pattern), or add in namespace web a policy '
      + 'with podSelector {matchLabels: {app: frontend}}, policyTypes: [Egress] and egress: [{to: [{namespaceSelector: {matchLabels: '
      + '{kubernetes.io/metadata.name: shop}}, podSelector: {matchLabels: {app: api}}}], ports: [{protocol: TCP, port: 8080}]}]');
  });

  test.each([
    { name: 'the other end is not isolated for egress', specs: [apiFromFrontend, deny('shop'), deny('web', [PolicyType.INGRESS])] },
    { name: 'a policy of the other end allows it', specs: [apiFromFrontend, deny('shop'), deny('web'), frontendEgress(8080)] },
    { name: 'the other end\'s namespace has no policy in the input', specs: [apiFromFrontend, deny('shop')] },
  ])('silent when $name', ({ specs }) => {
    expect(found(specs)).toEqual([]);
  });

  test('flags the port the other end leaves closed', () => {
    const [issue] = found([apiFromFrontend, deny('shop'), deny('web'), frontendEgress(9090)]);
    expect(issue.message).toMatch(/on 8080\/TCP, but .* isolated for egress by NetworkPolicy web\/default-deny, NetworkPolicy web\/frontend-out/);
  });

  test('with pods known, the real pods are checked and named; none matching means nothing to say', () => {
    const pods: LintPod[] = [
      { kind: 'Deployment', namespace: 'web', name: 'frontend', labels: { app: 'frontend' } },
      { kind: 'Deployment', namespace: 'shop', name: 'api', labels: { app: 'api' } },
    ];
    expect(found([apiFromFrontend, deny('shop'), deny('web')], pods).map((i) => i.message)).toEqual([
      expect.stringMatching(/^from\[0\] lets Deployment web\/frontend in to Deployment shop\/api on 8080\/TCP, but Deployment web\/frontend is isolated for egress/),
    ]);
    expect(found([apiFromFrontend, deny('shop'), deny('web')], [pods[1], { kind: 'Deployment', namespace: 'web', name: 'x', labels: { app: 'x' } }])).toEqual([]);
  });

  test('ipBlock peers and peers of every namespace are not checked', () => {
    const open = PolicySpec.create({
      name: 'api-open', namespace: 'shop', podSelector: LabelSelector.labels({ app: 'api' }), policyTypes: [PolicyType.INGRESS],
      ingress: [Rule.allow({ peers: [Peer.ipBlock('10.0.0.0/8'), Peer.pods({ app: 'frontend' }).inAnyNamespace()], ports: [Port.tcp(8080)] })],
    });
    expect(found([open, deny('shop'), deny('web')])).toEqual([]);
  });

  test('the failing fixture names both policies', () => {
    const messages = lintFixture('lint/flow-half-open/fail.yaml').issues.filter((i) => i.code === 'flow-half-open').map((i) => `${i.object}: ${i.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^NetworkPolicy shop\/api-from-frontend: .* isolated for egress by NetworkPolicy web\/default-deny /),
      expect.stringMatching(/^NetworkPolicy shop\/api-to-postgres: to\[0\] lets the pods app=api of namespace shop out to the pods app=postgres of namespace shop on 5432\/TCP, but .* isolated for ingress by NetworkPolicy shop\/default-deny /),
    ]);
  });
});

describe('flow-half-open at synth time, across the charts of one App', () => {
  afterEach(() => vi.restoreAllMocks());
  function app(open: (shop: Chart) => void): string[] {
    const printed: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
    const a = Testing.app();
    const shop = new Chart(a, 'shop', { namespace: 'shop' });
    const web = new Chart(a, 'web', { namespace: 'web' });
    for (const c of [shop, web]) {
      new DefaultDeny(c, 'default-deny');
      new AllowDns(c, 'dns');
    }
    open(shop);
    Testing.synth(shop);
    return printed.filter((l) => l.includes('flow-half-open'));
  }

  test('AllowFrom under a deny of the client\'s namespace is reported; AllowFlow is not', () => {
    const props = { to: Select.pods({ app: 'api' }), ports: [Port.tcp(8080)] };
    expect(app((shop) => new AllowFrom(shop, 'frontend-to-api', { ...props, from: [Peer.pods({ app: 'frontend' }).inNamespace('web')] }))).toEqual([
      expect.stringMatching(/^\[shop\/frontend-to-api\] warning flow-half-open: spec.ingress\[0\].from\[0\]: .*NetworkPolicy web\/default-deny/),
    ]);
    expect(app((shop) => new AllowFlow(shop, 'frontend-to-api', { ...props, from: Select.pods({ app: 'frontend' }), fromNamespace: 'web' }))).toEqual([]);
  });
});

test('`netpol rules` lists it, and `netpol check` reports it on the fixture', async () => {
  const rules = await run(['rules']);
  expect(rules.stdout).toMatch(/flow-half-open/);
  const fail = readFileSync(join(FIXTURES, 'lint', 'flow-half-open', 'fail.yaml'), 'utf8');
  const check = await run(['check', 'f.yaml'], { 'f.yaml': fail });
  expect(check.stdout).toMatch(/f\.yaml:\d+: warning flow-half-open: .*NetworkPolicy web\/default-deny/);
});
