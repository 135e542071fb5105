import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as kplus from 'cdk8s-plus-28';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, Direction, NamespaceBaseline, Peer, Port, Select, SynthLint } from '../../lib';
import { runLint } from '../../lib/lint';
import { readObjects } from '../../lib/manifest/read-objects';

// The lint rules run as construct validations: errors fail synthesis, warnings are printed with
// the construct path, and a construct silences a rule with a stated reason.

let warnings: string[] = [];
beforeEach(() => {
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => { warnings.push(args.join(' ')); });
});
afterEach(() => vi.restoreAllMocks());

function setup(): { app: App; chart: Chart } {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'payments', { namespace: 'payments' }) };
}

describe('lint at synth time', () => {
  test('a default deny without DNS synthesizes, with one warning naming the construct and the rule', () => {
    const { chart } = setup();
    new DefaultDeny(chart, 'deny');
    expect(Testing.synth(chart)).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[payments\/deny\] warning dns-egress-missing: spec\.policyTypes: every pod of namespace payments is isolated for egress and cannot reach the cluster DNS \(pods k8s-app=kube-dns in kube-system\) on UDP 53 or TCP 53 \(add an egress rule: /);
  });

  test('with AllowDns beside it there is nothing to say', () => {
    const { chart } = setup();
    new DefaultDeny(chart, 'deny');
    new AllowDns(chart, 'dns');
    Testing.synth(chart);
    expect(warnings).toEqual([]);
  });

  test('the whole App is linted once, and again only after a policy is added', () => {
    const { app, chart } = setup();
    new Chart(app, 'other', { namespace: 'other' });
    new DefaultDeny(chart, 'deny');
    app.synth();
    expect(warnings).toHaveLength(1); // cdk8s validates once per chart written; lint ran once
    new AllowDns(chart, 'dns');
    Testing.synth(chart);
    expect(warnings).toHaveLength(1);
  });

  test('warningsAsErrors fails synthesis, naming the construct, and writes nothing', () => {
    const { app, chart } = setup();
    SynthLint.configure(app, { warningsAsErrors: true });
    new DefaultDeny(chart, 'deny', { direction: Direction.EGRESS });
    expect(() => Testing.synth(chart)).toThrow(/\[payments\/deny\] dns-egress-missing: spec\.policyTypes: .*cannot reach the cluster DNS/);
  });

  test('enabled: false turns it off', () => {
    const { app, chart } = setup();
    SynthLint.configure(app, { enabled: false });
    new DefaultDeny(chart, 'deny');
    Testing.synth(chart);
    expect(warnings).toEqual([]);
  });

  test('the DNS a cluster really runs is configurable', () => {
    const { app, chart } = setup();
    new DefaultDeny(chart, 'deny');
    new AllowTo(chart, 'dns', {
      from: Select.allPods(),
      to: [Peer.pods({ 'app.kubernetes.io/name': 'coredns' }).inNamespace('dns-system')],
      ports: [Port.DNS_UDP, Port.DNS_TCP],
    });
    Testing.synth(chart);
    expect(warnings.join('\n')).toMatch(/dns-egress-missing/);
    warnings = [];
    SynthLint.configure(app, { dnsNamespace: 'dns-system', dnsLabels: { 'app.kubernetes.io/name': 'coredns' } });
    Testing.synth(chart);
    expect(warnings).toEqual([]);
  });

  test('options given again are merged: a library sets the DNS, the app the pod CIDR', () => {
    const { app, chart } = setup();
    SynthLint.configure(app, { dnsNamespace: 'dns-system', dnsLabels: { 'app.kubernetes.io/name': 'coredns' } });
    SynthLint.configure(chart, { podCidrs: ['100.64.0.0/16'] });
    new DefaultDeny(chart, 'deny');
    new AllowTo(chart, 'dns', { from: Select.allPods(), to: [Peer.pods({ 'app.kubernetes.io/name': 'coredns' }).inNamespace('dns-system')], ports: [Port.DNS_UDP, Port.DNS_TCP] });
    new AllowTo(chart, 'vpn', { from: Select.allPods(), to: [Peer.ipBlock('10.0.0.0/8')], ports: [Port.HTTPS] });
    Testing.synth(chart);
    expect(warnings).toEqual([]);
  });

  test('a bad pod CIDR is refused where it is given', () => {
    const { chart } = setup();
    expect(() => SynthLint.configure(chart, { podCidrs: ['10.0.0.0/33'] })).toThrow('[payments] SynthLint.configure: podCidrs: "10.0.0.0/33" is not a CIDR (e.g. "10.244.0.0/16")');
  });

  test.each([
    [{ dnsNamespace: 'DNS_System' }, /\[payments\] SynthLint\.configure: dnsNamespace: Invalid value: "DNS_System": /],
    [{ dnsLabels: {} }, /\[payments\] SynthLint\.configure: dnsLabels: give the labels of the DNS pods/],
    [{ dnsLabels: { 'bad key': 'x' } }, /\[payments\] SynthLint\.configure: dnsLabels: .*bad key/],
  ])('bad DNS settings are refused where they are given: %j', (options, message) => {
    const { chart } = setup();
    expect(() => SynthLint.configure(chart, options)).toThrow(message);
  });

  test('other NetworkPolicy objects in the App count for what they allow', () => {
    const { chart } = setup();
    new DefaultDeny(chart, 'deny');
    new ApiObject(chart, 'plus-dns', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'dns-by-hand', namespace: 'payments' },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        }],
      },
    });
    Testing.synth(chart);
    expect(warnings).toEqual([]);
  });
});

describe('suppressLint', () => {
  test('silences the rule for this policy and writes the reason where netpol check reads it', () => {
    const { chart } = setup();
    const deny = new DefaultDeny(chart, 'deny');
    deny.suppressLint('dns-egress-missing', 'these pods talk to IP addresses only');
    const [obj] = Testing.synth(chart);
    expect(warnings).toEqual([]);
    expect(obj.metadata.annotations['suppress.netpol.cdk8s.io/dns-egress-missing']).toBe('these pods talk to IP addresses only');
    // The same YAML under `netpol check`'s lint: the finding is suppressed, with its reason.
    const read = readObjects([obj]);
    const result = runLint({ policies: read.policies.map((spec) => ({ spec, json: obj })) });
    expect(result.issues).toEqual([]);
    expect(result.suppressed.map((s) => [s.issue.code, s.reason])).toEqual([['dns-egress-missing', 'these pods talk to IP addresses only']]);
  });

  test('a pattern passes the suppression to each of its policies', () => {
    const { chart } = setup();
    const baseline = new NamespaceBaseline(chart, 'baseline', { allowDns: false });
    baseline.suppressLint('dns-egress-missing', 'the namespace runs batch jobs that resolve nothing');
    const objs = Testing.synth(chart);
    expect(warnings).toEqual([]);
    expect(objs.length).toBeGreaterThan(0);
    for (const o of objs) expect(o.metadata.annotations['suppress.netpol.cdk8s.io/dns-egress-missing']).toBe('the namespace runs batch jobs that resolve nothing');
  });

  test.each([
    ['dns-egress-mising', 'x', /\[payments\/deny\] suppressLint: unknown lint rule "dns-egress-mising"; known rules: allow-all-peer, .*dns-egress-missing/],
    ['dns-egress-missing', '  ', /\[payments\/deny\] suppressLint\("dns-egress-missing"\): give the reason the rule does not apply here/],
  ])('refuses rule %j with reason %j', (rule, reason, message) => {
    const { chart } = setup();
    const deny = new DefaultDeny(chart, 'deny');
    expect(() => deny.suppressLint(rule, reason)).toThrow(message);
  });
});

describe('workloadsInApp: selectors checked against the App\'s own workloads', () => {
  function shop(label: string, workloadsInApp?: boolean): void {
    const app = Testing.app();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    if (workloadsInApp !== undefined) SynthLint.configure(app, { workloadsInApp });
    new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx', portNumber: 80 }], podMetadata: { labels: { app: 'web' } } });
    new kplus.Deployment(chart, 'api', { containers: [{ image: 'api', portNumber: 8080 }], podMetadata: { labels: { app: 'api' } } });
    new AllowFrom(chart, 'web-to-api', { to: Select.pods({ app: 'api' }), from: [Peer.pods({ app: label })], ports: [Port.tcp(8080)] });
    Testing.synth(chart);
  }

  test('a peer label no workload carries is reported, with the closest one', () => {
    shop('wbe', true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[shop\/web-to-api\] warning selector-matches-nothing: spec\.ingress\[0\]\.from\[0\]\.podSelector: .*app=wbe.*closest: .*app=web/);
  });

  test('the right label is quiet', () => {
    shop('web', true);
    expect(warnings).toEqual([]);
  });

  test('off by default: pods may live outside the App', () => {
    shop('wbe');
    expect(warnings).toEqual([]);
  });
});
