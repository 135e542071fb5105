import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LabelSelector, Peer, PolicySpec, PolicyType, Port, Rule } from '../../lib/model';
import { SUPPRESSION_CODE, lintPolicies, runLint } from '../../lib/lint';
import { buildWorkspace } from '../../lib/cli/workspace';

const baseline = PolicySpec.create({
  name: 'default-deny', namespace: 'shop', podSelector: LabelSelector.everything(),
  policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS],
});
const dnsRule = (...ports: Port[]) => Rule.allow({
  peers: [Peer.pods({ 'k8s-app': 'kube-dns' }).inNamespace('kube-system')], ports,
});
const allowDns = (...ports: Port[]) => PolicySpec.create({
  name: 'allow-dns', namespace: 'shop', podSelector: LabelSelector.everything(),
  policyTypes: [PolicyType.EGRESS], egress: [dnsRule(...ports)],
});

describe('lintPolicies: PolicySpecs alone, as at synth time', () => {
  test.each([
    { name: 'no DNS rule', specs: [baseline], expected: /UDP 53 or TCP 53/ },
    { name: 'UDP only', specs: [baseline, allowDns(Port.DNS_UDP)], expected: /on TCP 53 \(only UDP 53 is allowed/ },
    { name: 'TCP only', specs: [baseline, allowDns(Port.DNS_TCP)], expected: /on UDP 53 \(only TCP 53 is allowed/ },
  ])('dns-egress-missing: $name', ({ specs, expected }) => {
    const dns = lintPolicies(specs).filter((i) => i.code === 'dns-egress-missing');
    expect(dns).toHaveLength(1);
    expect(dns[0].message).toMatch(expected);
    expect(dns[0].file).toBeUndefined();
  });

  test('UDP and TCP 53 to kube-dns in kube-system satisfies the rule, also by named ports', () => {
    expect(lintPolicies([baseline, allowDns(Port.DNS_UDP, Port.DNS_TCP)]).filter((i) => i.code === 'dns-egress-missing')).toEqual([]);
    const named = allowDns(Port.named('dns', Port.DNS_UDP.protocol), Port.named('dns-tcp'));
    expect(lintPolicies([baseline, named]).filter((i) => i.code === 'dns-egress-missing')).toEqual([]);
  });

  test('rules reading the written YAML (unknown fields, omitted policyTypes) stay silent without it', () => {
    const issues = lintPolicies([baseline, allowDns(Port.DNS_UDP, Port.DNS_TCP)]);
    expect(issues.map((i) => i.code)).toEqual([]);
  });

  test('egress rules under a policy that does not list Egress are reported from the spec too', () => {
    const spec = PolicySpec.create({
      name: 'api', namespace: 'shop', podSelector: LabelSelector.labels({ app: 'api' }),
      policyTypes: [PolicyType.INGRESS], egress: [Rule.allow({ ports: [Port.HTTPS] })],
    });
    const half = lintPolicies([spec]).filter((i) => i.code === 'half-isolated');
    expect(half.map((i) => i.field)).toEqual(['spec.policyTypes']);
  });

  test('known pods and namespaces are used when given', () => {
    const spec = PolicySpec.create({
      name: 'api', namespace: 'shop', podSelector: LabelSelector.labels({ app: 'api' }), policyTypes: [PolicyType.INGRESS],
    });
    const issues = lintPolicies([spec], { pods: [{ kind: 'Deployment', namespace: 'shop', name: 'api', labels: { app: 'api-v2' } }] });
    expect(issues.find((i) => i.code === 'selector-matches-nothing')?.message).toMatch(/closest: Deployment shop\/api \(app=api-v2\)/);
  });
});

describe('selector-matches-nothing on the AND-for-OR slip', () => {
  test('pods app=frontend "in namespace monitoring" when the frontend lives next to the policy', () => {
    const spec = PolicySpec.create({
      name: 'api', namespace: 'payments', podSelector: LabelSelector.labels({ app: 'api' }), policyTypes: [PolicyType.INGRESS],
      ingress: [Rule.allow({ peers: [Peer.pods({ app: 'frontend' }).inNamespace('monitoring')] })],
    });
    const pods = [
      { kind: 'Pod', namespace: 'payments', name: 'api', labels: { app: 'api' } },
      { kind: 'Pod', namespace: 'payments', name: 'frontend', labels: { app: 'frontend' } },
      { kind: 'Pod', namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' } },
    ];
    const [issue] = lintPolicies([spec], { pods }).filter((i) => i.code === 'selector-matches-nothing');
    expect(issue.field).toBe('spec.ingress[0].from[0].podSelector');
    expect(issue.message).toMatch(/matches no pod or workload in the namespaces its namespaceSelector selects \(monitoring\), so this peer allows nothing; matching pods exist in payments, which this peer does not look in/);
  });
});

describe('and-or-suspect with pods known', () => {
  const spec = PolicySpec.create({
    name: 'api', namespace: 'payments', podSelector: LabelSelector.labels({ app: 'api' }), policyTypes: [PolicyType.INGRESS],
    ingress: [Rule.allow({ peers: [Peer.namespace('monitoring'), Peer.pods({ app: 'prometheus' })] })],
  });
  const api = { kind: 'Pod', namespace: 'payments', name: 'api', labels: { app: 'api' } };
  test.each([
    { where: 'only in the selected namespace', pods: [api, { kind: 'Pod', namespace: 'monitoring', name: 'prom', labels: { app: 'prometheus' } }], says: /almost certainly meant/ },
    { where: 'in both namespaces', pods: [api, { kind: 'Pod', namespace: 'payments', name: 'prom', labels: { app: 'prometheus' } }, { kind: 'Pod', namespace: 'monitoring', name: 'prom', labels: { app: 'prometheus' } }], says: /ORed(?!.*almost)/ },
    { where: 'only next to the policy (the OR is plausible)', pods: [api, { kind: 'Pod', namespace: 'payments', name: 'prom', labels: { app: 'prometheus' } }], says: undefined },
  ])('app=prometheus pods $where', ({ pods, says }) => {
    const found = lintPolicies([spec], { pods }).filter((i) => i.code === 'and-or-suspect');
    if (says === undefined) expect(found).toEqual([]);
    else expect(found.map((i) => i.message)).toEqual([expect.stringMatching(says)]);
  });
});

describe('suppressions', () => {
  const specs = [baseline];

  test('a suppression with a reason drops the finding and keeps it, with the reason, under suppressed', () => {
    const r = runLint({ policies: specs.map((spec) => ({ spec })) }, { suppressions: [{ ruleId: 'dns-egress-missing', reason: 'these pods use IPs only' }] });
    expect(r.issues.filter((i) => i.code === 'dns-egress-missing')).toEqual([]);
    expect(r.suppressed.map((s) => [s.issue.code, s.reason])).toEqual([['dns-egress-missing', 'these pods use IPs only']]);
  });

  test('a per-policy suppression applies to that policy only', () => {
    const other = PolicySpec.create({ name: 'deny', namespace: 'other', podSelector: LabelSelector.everything(), policyTypes: [PolicyType.EGRESS] });
    const r = runLint({ policies: [baseline, other].map((spec) => ({ spec })) }, {
      suppressions: [{ ruleId: 'dns-egress-missing', reason: 'no lookups', policy: 'shop/default-deny' }],
    });
    expect(r.issues.filter((i) => i.code === 'dns-egress-missing').map((i) => i.object)).toEqual(['NetworkPolicy other/deny']);
  });

  test.each([
    { s: { ruleId: 'dns-egress-missing', reason: '  ' }, says: /gives no reason/ },
    { s: { ruleId: 'dns-egres-missing', reason: 'typo' }, says: /unknown lint rule "dns-egres-missing"/ },
  ])('$s.ruleId with reason "$s.reason" is not applied and is reported', ({ s, says }) => {
    const r = runLint({ policies: specs.map((spec) => ({ spec })) }, { suppressions: [s] });
    expect(r.issues.filter((i) => i.code === 'dns-egress-missing')).toHaveLength(1);
    expect(r.issues.find((i) => i.code === SUPPRESSION_CODE)?.message).toMatch(says);
  });

  test('the suppress.netpol.cdk8s.io/<rule> annotation suppresses a rule on one policy read from YAML', () => {
    const yaml = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
  annotations:
    suppress.netpol.cdk8s.io/dns-egress-missing: "batch jobs here resolve nothing"
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;
    const ws = buildWorkspace([{ file: 'p.yaml', text: yaml }]);
    const r = runLint({ policies: ws.policies });
    expect(r.issues.map((i) => i.code)).not.toContain('dns-egress-missing');
    expect(r.suppressed[0]).toMatchObject({ reason: 'batch jobs here resolve nothing', issue: { code: 'dns-egress-missing', file: 'p.yaml', line: 10 } });
  });
});

describe('the lint layer is pure', () => {
  test('no file under lib/lint imports node:*, fs, cdk8s, constructs or the CLI', () => {
    const dir = join(__dirname, '..', '..', 'lib', 'lint');
    const files = [...readdirSync(dir).map((f) => join(dir, f)), ...readdirSync(join(dir, 'support')).map((f) => join(dir, 'support', f))]
      .filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(12);
    for (const f of files) {
      const imports = [...readFileSync(f, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const i of imports) expect(`${f}: ${i}`).not.toMatch(/: (node:|fs$|path$|cdk8s|constructs|.*\/cli\/|.*\/constructs\/)/);
    }
  });
});
