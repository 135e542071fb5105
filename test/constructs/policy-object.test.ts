import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, test } from 'vitest';
import { AllowDns, AllowFrom, DefaultDeny, NetworkPolicy, Peer, Port, Rule, Select } from '../../lib';

// Behaviour every policy construct shares through the internal PolicyObject base.

describe('namespace', () => {
  test('comes from the props first, then from the chart', () => {
    // GIVEN
    const c = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
    // WHEN
    new DefaultDeny(c, 'here');
    new DefaultDeny(c, 'there', { namespace: 'billing' });
    // THEN
    expect(Testing.synth(c).map((o) => o.metadata.namespace)).toEqual(['payments', 'billing']);
  });

  test('none resolvable is a synth error naming the construct path, never a silent "default"', () => {
    // GIVEN a chart without a namespace
    const app = Testing.app();
    const c = new Chart(app, 'nowhere');
    const group = new Construct(c, 'team');
    // WHEN
    new AllowDns(group, 'dns');
    // THEN
    expect(() => app.synthYaml()).toThrow(/\[nowhere\/team\/dns\] metadata\.namespace: no namespace for NetworkPolicy "allow-dns": set `namespace` in its props or give its chart one/);
  });

  test('an invalid namespace fails with the construct path and the value', () => {
    const c = new Chart(Testing.app(), 'c');
    new DefaultDeny(c, 'deny', { namespace: 'Team.A' });
    expect(() => Testing.synth(c)).toThrow(/\[c\/deny\] metadata\.namespace: Invalid value: "Team\.A"/);
  });
});

describe('names', () => {
  test('are derived from the construct id and overridable with `name`', () => {
    const c = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
    new DefaultDeny(c, 'DefaultDeny');
    new AllowDns(c, 'dns');
    new AllowFrom(c, 'frontend-to-api', { to: Select.pods({ app: 'api' }), from: [Peer.pods({ app: 'frontend' })] });
    new AllowFrom(c, 'x', { name: 'custom-name', to: Select.pods({ app: 'api' }), from: [Peer.pods({ app: 'frontend' })] });
    expect(Testing.synth(c).map((o) => o.metadata.name)).toEqual(['default-deny', 'allow-dns', 'allow-frontend-to-api', 'custom-name']);
  });

  test('a clash in one namespace is a synth error naming both construct paths', () => {
    // GIVEN two charts of one app writing into the same namespace
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'payments' });
    const b = new Chart(app, 'b', { namespace: 'payments' });
    // WHEN both derive the name allow-dns
    new AllowDns(a, 'dns');
    new AllowDns(b, 'allow-dns');
    // THEN
    expect(() => app.synthYaml()).toThrow(
      /\[b\/allow-dns\] metadata\.name: NetworkPolicy "allow-dns" in namespace "payments" is already defined by \[a\/dns\]; give one of them another construct id or a `name` prop/,
    );
  });

  test('the same name in two namespaces is fine', () => {
    const app = Testing.app();
    new DefaultDeny(new Chart(app, 'tenant-a', { namespace: 'tenant-a' }), 'default-deny');
    new DefaultDeny(new Chart(app, 'tenant-b', { namespace: 'tenant-b' }), 'default-deny');
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('separate apps do not share names', () => {
    for (let i = 0; i < 2; i++) {
      const c = new Chart(Testing.app(), 'c', { namespace: 'n' });
      new DefaultDeny(c, 'default-deny');
      expect(() => Testing.synth(c)).not.toThrow();
    }
  });

  test('an invalid explicit name fails with the construct path and the API server message', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'n' });
    new DefaultDeny(c, 'deny', { name: 'Allow_DB' });
    expect(() => Testing.synth(c)).toThrow(/\[c\/deny\] metadata\.name: Invalid value: "Allow_DB": a lowercase RFC 1123 subdomain/);
  });

  test('an id that gives no name asks for `name`', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'n' });
    new NetworkPolicy(c, '___', { podSelector: Select.allPods(), ingress: [] });
    expect(() => Testing.synth(c)).toThrow(/\[c\/___\] metadata\.name: the construct id "___" gives no usable name; pass `name`/);
  });
});

describe('validation at synth time', () => {
  test('values that bypassed their factories fail with the construct path, field and value; nothing is written', () => {
    // GIVEN values read from JSON without validation (as the manifest reader makes them)
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-synth-'));
    const app = new App({ outdir });
    const c = new Chart(app, 'payments', { namespace: 'payments' });
    // WHEN
    new NetworkPolicy(c, 'bad', {
      podSelector: Select.allPods(),
      ingress: [Rule.allow({ peers: [Peer._fromJson({ ipBlock: { cidr: '10.0.0.1/8' } })], ports: [Port._fromJson({ port: 0 })] })],
    });
    // THEN every error is listed, each with the construct path, field, value and hint
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = String(e);
    }
    expect(message).toContain('[payments/bad] spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.1/8": must not have bits set beyond the prefix length (did you mean "10.0.0.0/8" or "10.0.0.1/32"?)');
    expect(message).toContain('[payments/bad] spec.ingress[0].ports[0].port: Invalid value: 0');
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('invalid labels and annotations fail with the construct path', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'n' });
    new DefaultDeny(c, 'deny', { labels: { 'bad key!': 'x' } });
    expect(() => Testing.synth(c)).toThrow(/\[c\/deny\] metadata\.labels: Invalid value: "bad key!"/);
  });

  test('errors from building the policy are reported at synth with the path, not thrown by the constructor', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'n' });
    expect(() => new AllowFrom(c, 'nobody', { to: Select.allPods(), from: [] })).not.toThrow();
    expect(() => Testing.synth(c)).toThrow(/\[c\/nobody\] from: an empty list/);
  });

  test('the spec of a construct that could not build one explains why', () => {
    const c = new Chart(Testing.app(), 'c');
    const deny = new DefaultDeny(c, 'deny');
    expect(() => deny.spec).toThrow(/\[c\/deny\] has no policy: metadata\.namespace: no namespace/);
  });
});

describe('metadata', () => {
  test('labels and annotations are written; the chart labels are added', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'n', labels: { team: 'payments' } });
    const deny = new DefaultDeny(c, 'deny', { labels: { tier: 'baseline' }, annotations: { 'example.com/why': 'zero trust' } });
    const [obj] = Testing.synth(c);
    expect(obj.metadata).toEqual({
      name: 'default-deny',
      namespace: 'n',
      labels: { team: 'payments', tier: 'baseline', 'app.kubernetes.io/managed-by': 'cdk8s-netpol' },
      annotations: { 'example.com/why': 'zero trust', 'netpol.cdk8s.io/intent': 'every pod in namespace n is isolated both ways: nothing in or out unless another policy allows it' },
    });
    expect(deny.spec.labels).toEqual({ team: 'payments', tier: 'baseline', 'app.kubernetes.io/managed-by': 'cdk8s-netpol' });
  });

  test('each policy is exactly one construct, an ApiObject, so escape hatches work', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'n' });
    const deny = new DefaultDeny(c, 'deny');
    expect(deny.node.children).toHaveLength(0);
    deny.addJsonPatch(JsonPatch.add('/metadata/annotations', { note: 'patched' }));
    expect(Testing.synth(c)[0].metadata.annotations).toEqual({ note: 'patched' });
  });
});
