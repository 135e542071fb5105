import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LINT_RULES } from '../../lib/lint';
import { run, shopFiles } from './fake-io';


const BROKEN_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: bad
  namespace: payments
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
  - from:
    - ipBlock:
        cidr: 10.0.0.1
`;

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('netpol (global)', () => {
  test('--version prints the version, exit 0', async () => {
    const r = await run(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: '9.9.9-test\n' });
  });

  test.each(['check', 'explain', 'matrix', 'probe', 'rules'])('%s --help shows its usage, exit 0', async (cmd) => {
    const r = await run([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: netpol ${cmd}`));
    expect(r.stdout).toMatch(/--format|--port/);
  });

  test('no arguments print the help (exit 2), --help prints it (exit 0)', async () => {
    expect((await run([])).code).toBe(2);
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['check', 'explain', 'matrix', 'probe', 'rules']) expect(r.stdout).toContain(cmd);
  });

  test.each([
    [['chekc', 'x.yaml'], /unknown command 'chekc'/],
    [['check', '--formt', 'json', 'x.yaml'], /unknown option '--formt'/],
    [['check', '--format', 'xml', 'x.yaml'], /xml/],
    [['check'], /name at least one file or directory, or -/],
    [['matrix', 'shop'], /give at least one --port/],
    [['matrix', 'shop', '--port', '80/ICMP'], /protocol must be TCP, UDP or SCTP/],
    [['matrix', 'shop', '--port', '0'], /between 1 and 65535/],
    [['matrix', 'shop', '--port', '80', '--external', '1.2.3'], /--external "1.2.3": not an IP address/],
    [['explain', 'shop', '--to', 'web/frontend', '--port', '80'], /--from is required/],
    [['explain', 'shop', '--from', 'web/nope', '--to', 'web/frontend', '--port', '80'], /unknown endpoint "web\/nope"/],
    [['explain', 'shop', '--from', 'nope', '--to', 'web/frontend', '--port', '80'], /"nope" is not an endpoint/],
    [['check', 'shop', '--suppress', 'dns-egress-missing'], /state the reason/],
    [['check', 'shop', '--suppress', 'no-such-rule=why'], /unknown rule "no-such-rule"/],
    [['rules', 'no-such-rule'], /unknown rule "no-such-rule"/],
  ])('usage mistake %j: exit 2, a clear message, no stack trace', async (args, message) => {
    const r = await run(args as string[], shopFiles());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr + r.stdout);
  });

  test('colour only on a terminal, and never with NO_COLOR', async () => {
    const files = { 'p.yaml': BROKEN_POLICY };
    expect((await run(['check', 'p.yaml'], files, { isTTY: true })).stdout).toContain('\u001b[31m');
    expect((await run(['check', 'p.yaml'], files, { isTTY: false })).stdout).not.toContain('\u001b[');
    expect((await run(['check', 'p.yaml'], files, { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await run(['check', 'p.yaml', '--no-color'], files, { isTTY: true })).stdout).not.toContain('\u001b[');
  });
});

describe('netpol check', () => {
  test('a clean directory (read recursively; README.md and hidden files skipped) exits 0', async () => {
    const r = await run(['check', 'shop'], shopFiles());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 errors, 0 warnings, 2 notes in 9 objects from 3 files/);
    expect(r.stdout).toMatch(/note check-workloads-partial: workloads of payments, web are taken as partial/);
    expect(r.stdout).toMatch(/shop\/cluster\.yaml:\d+: note read-kind-ignored: ConfigMap payments\/settings \(document \d+\): ignored: only NetworkPolicy/);
  });

  test('warnings only: exit 0; with --fail-on warning: exit 1', async () => {
    const files = { 'w.yaml': readFileSync(join(__dirname, '..', 'fixtures', 'seeds', 'ingress-only-baseline.yaml'), 'utf8') };
    expect((await run(['check', 'w.yaml'], files)).code).toBe(0);
    expect((await run(['check', 'w.yaml', '--fail-on', 'warning'], files)).code).toBe(1);
  });

  test('an API-server error: exit 1; the message names file, line, document, object and field', async () => {
    const r = await run(['check', 'p.yaml'], { 'p.yaml': `---\n${BROKEN_POLICY}` });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('p.yaml:13: error V-21: NetworkPolicy payments/bad (document 1) spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.1"');
    expect(r.stdout).toMatch(/fix: did you mean "10\.0\.0\.1\/32"\?/);
  });

  test.each([
    ['a missing file', ['check', 'nope.yaml'], {}, /nope.yaml: error input-unreadable: no such file or directory/],
    ['binary junk', ['check', 'junk.yaml'], { 'junk.yaml': '\u0000\u0001\u0002\u0003' }, /not a text file/],
    ['a YAML syntax error', ['check', 's.yaml'], { 's.yaml': 'kind: NetworkPolicy\nspec: {podSelector: [\n' }, /s\.yaml:\d+: error read-syntax/],
    ['an empty input', ['check', 'e.yaml'], { 'e.yaml': '# nothing\n' }, /0 errors/],
  ])('%s is unusable input: exit 2', async (_name, args, files, out) => {
    const r = await run(args as string[], files as { [p: string]: string });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(out);
    noStack(r.stdout + r.stderr);
  });

  test('an input over the size limit is refused up front, naming the file: exit 2', async () => {
    const big = 'kind: Namespace\nmetadata: {name: x}\n---\n'.repeat(40_000);
    const r = await run(['check', 'big.yaml'], { 'big.yaml': big }, { env: { NETPOL_MAX_INPUT_MB: '1' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^big\.yaml: error input-too-large: this input is 1\.\d MB; netpol reads at most 1 MB/m);
  });

  test('a misspelled kind is an error naming the kind meant (exit 2); a repeated policy name is an error (exit 1)', async () => {
    const policy = (kind: string, name: string) => `apiVersion: networking.k8s.io/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: shop}\nspec: {podSelector: {}}\n`;
    const misspelled = await run(['check', 'k.yaml'], { 'k.yaml': policy('networkPolicy', 'web') });
    expect(misspelled.code).toBe(2);
    expect(misspelled.stdout).toMatch(/k\.yaml:2: error read-kind-misspelled: .* kind: kind "networkPolicy" is not a Kubernetes kind .*did you mean "NetworkPolicy"\?/);
    const twice = await run(['check', 'd.yaml'], { 'd.yaml': `${policy('NetworkPolicy', 'web')}---\n${policy('NetworkPolicy', 'web')}` });
    expect(twice.code).toBe(1);
    expect(twice.stdout).toMatch(/d\.yaml:6: error read-duplicate: NetworkPolicy shop\/web \(document 2\)/);
  });

  test('reads standard input with -', async () => {
    const r = await run(['check', '-', '--format', 'json'], {}, { stdin: BROKEN_POLICY });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).issues[0]).toMatchObject({ file: '-', code: 'V-21' });
  });

  test('--format json: summary, issues with every location field, suppressed findings with their reason', async () => {
    const files = { 'm.yaml': readFileSync(join(__dirname, '..', 'fixtures', 'seeds', 'missing-dns.yaml'), 'utf8') };
    const r = await run(['check', 'm.yaml', '--format', 'json', '--suppress', 'dns-egress-missing@payments/api-server-traffic-rules=talks to IPs only'], files);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['summary', 'issues', 'suppressed']);
    expect(out.summary).toEqual({ errors: 0, warnings: 2, infos: 0, suppressed: 1, objects: 2, files: 1 });
    expect(out.issues).toEqual([{
      code: 'dns-egress-missing', severity: 'warning', field: 'spec.policyTypes', object: 'NetworkPolicy payments/default-deny-all-traffic',
      file: 'm.yaml', document: 1, line: 9, message: expect.stringMatching(/every pod of namespace payments/), hint: expect.stringMatching(/kube-dns/),
    }, expect.objectContaining({
      // postgres-primary is isolated for ingress by the default deny, and nothing lets the API in (issue 13)
      code: 'flow-half-open', field: 'spec.egress[0].to[0]', object: 'NetworkPolicy payments/api-server-traffic-rules', document: 2,
    })]);
    expect(out.suppressed).toEqual([expect.objectContaining({ code: 'dns-egress-missing', object: 'NetworkPolicy payments/api-server-traffic-rules', reason: 'talks to IPs only' })]);
  });

  test('--format json counts documents from 1 within their file, as the text output does', async () => {
    const files = { 'm.yaml': readFileSync(join(__dirname, '..', 'fixtures', 'seeds', 'missing-dns.yaml'), 'utf8') };
    const json = JSON.parse((await run(['check', 'm.yaml', '--format', 'json'], files)).stdout);
    const text = (await run(['check', 'm.yaml'], files)).stdout;
    expect(json.issues.length).toBeGreaterThan(1);
    for (const i of json.issues) expect(text).toContain(`${i.object} (document ${i.document})`);
  });

  test('--format sarif: SARIF 2.1.0 with rule descriptions, levels and physical locations', async () => {
    const r = await run(['check', 'p.yaml', '--format', 'sarif'], { 'p.yaml': BROKEN_POLICY + '  egress: [{}]\n' });
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const run0 = sarif.runs[0];
    expect(run0.tool.driver).toMatchObject({ name: 'netpol', version: '9.9.9-test' });
    const ids = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ids).toContain('V-21');
    expect(ids).toContain('half-isolated');
    const half = run0.tool.driver.rules.find((x: { id: string }) => x.id === 'half-isolated');
    expect(half.fullDescription.text).toBe(LINT_RULES.find((x) => x.id === 'half-isolated')!.description);
    for (const res of run0.results) {
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('p.yaml');
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
      expect(res.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^NetworkPolicy payments\/bad document 1 spec/);
    }
    expect(r.code).toBe(1);
  });

  test('--no-lint runs validation only', async () => {
    const files = { 'w.yaml': readFileSync(join(__dirname, '..', 'fixtures', 'seeds', 'ingress-only-baseline.yaml'), 'utf8') };
    const r = await run(['check', 'w.yaml', '--no-lint', '--format', 'json'], files);
    expect(JSON.parse(r.stdout).issues).toEqual([]);
  });
});

describe('--namespace for objects that name none', () => {
  test('explain and check use it, and say it was assumed', async () => {
    const files = { 'n.yaml': `apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: a}}
status: {podIP: 10.9.0.1}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny}
spec: {podSelector: {}}
` };
    const r = await run(['explain', 'n.yaml', '-n', 'team', '--from', '203.0.113.1', '--to', 'team/a', '--port', '80'], files);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ingress of team\/a: denied: isolated by team\/deny/);
    const c = await run(['check', 'n.yaml', '--namespace', 'team', '--format', 'json'], files);
    const assumed = JSON.parse(c.stdout).issues.filter((i: { code: string }) => i.code === 'read-namespace-assumed');
    expect(assumed.map((i: { message: string }) => i.message)).toEqual([expect.stringMatching(/assuming "team"/), expect.stringMatching(/assuming "team"/)]);
  });
});

describe('netpol explain', () => {
  test.each([
    { from: 'web/frontend', to: 'payments/api', port: '8080', allowed: true, says: /allowed by payments\/api-from-frontend spec\.ingress\[0\]\.from\[0\]: pods app=frontend in namespace web on http\/TCP \(shop\/policies\/api\.json:11\)/ },
    { from: 'payments/worker', to: 'payments/api', port: '8080/TCP', allowed: false, says: /egress of payments\/worker: denied: isolated by payments\/default-deny-all, payments\/allow-dns\n\s+no egress rule of these policies matches/ },
    { from: '203.0.113.9', to: 'payments/api', port: '8080', allowed: false, says: /egress of ip:203\.0\.113\.9: allowed: an address outside the pod network has no policies/ },
  ])('$from -> $to on $port', async ({ from, to, port, allowed, says }) => {
    const r = await run(['explain', 'shop', '--from', from, '--to', to, '--port', port], shopFiles());
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(allowed ? /: ALLOWED$/ : /: DENIED$/);
    expect(r.stdout).toMatch(says);
    const j = await run(['explain', 'shop', '--from', from, '--to', to, '--port', port, '--format', 'json'], shopFiles());
    expect(JSON.parse(j.stdout)).toMatchObject({ allowed, port: Number(port.split('/')[0]), protocol: 'TCP' });
  });
});

describe('netpol matrix', () => {
  test('--format json has exactly the documented shape', async () => {
    const r = await run(['matrix', 'shop', '--port', '8080/TCP', '--port', '53/udp', '--external', '203.0.113.9', '--format', 'json'], shopFiles());
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(Object.keys(m)).toEqual(['ports', 'endpoints', 'results']);
    expect(m.ports).toEqual([{ port: 8080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
    expect(m.endpoints).toEqual(['web/frontend', 'payments/api', 'payments/worker', 'ip:203.0.113.9']);
    expect(m.results).toHaveLength(4 * 3 * 2);
    for (const x of m.results) expect(Object.keys(x)).toEqual(['from', 'to', 'port', 'protocol', 'allowed']);
    const cell = (from: string, to: string, port: number) => m.results.find((x: { from: string; to: string; port: number }) => x.from === from && x.to === to && x.port === port).allowed;
    expect(cell('web/frontend', 'payments/api', 8080)).toBe(true);
    expect(cell('payments/worker', 'payments/api', 8080)).toBe(false);
    expect(cell('ip:203.0.113.9', 'web/frontend', 8080)).toBe(true);
  });

  test('csv, markdown and text carry the same verdicts', async () => {
    const args = ['matrix', 'shop', '--port', '8080'];
    const csv = (await run([...args, '--format', 'csv'], shopFiles())).stdout.trim().split('\n');
    expect(csv[0]).toBe('from,to,port,protocol,allowed');
    expect(csv).toContain('web/frontend,payments/api,8080,TCP,true');
    expect(csv).toContain('payments/worker,payments/api,8080,TCP,false');
    const md = (await run([...args, '--format', 'markdown'], shopFiles())).stdout;
    expect(md).toContain('### 8080/TCP');
    expect(md).toContain('| web/frontend | – | ✓ | ✗ |');
    expect(md).toContain('| payments/worker | ✗ | ✗ | – |');
    const text = (await run(args, shopFiles())).stdout;
    // One convention in every format: ✓ allowed, ✗ denied, – the endpoint itself.
    expect(text).toMatch(/^2 payments\/api\s+✗ – ✗$/m);
    expect(text).toMatch(/1 web\/frontend\s+– ✓ ✗/);
    expect(text).toMatch(/3 payments\/worker\s+✗ ✗ –/);
    expect(text).toMatch(/1 of 6 flows allowed \(3 endpoints, 1 port\)/);
  });
});

describe('netpol probe', () => {
  test('prints a bash script with allowed AND denied flows, a canary, and valid syntax', async () => {
    const r = await run(['probe', 'shop', '--port', '8080/TCP', '--port', '53/UDP'], shopFiles());
    expect(r.code).toBe(0);
    const script = r.stdout;
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toMatch(/^probe 'web\/frontend -> payments\/api 8080\/TCP' 'allow' /m);
    expect(script).toMatch(/^probe 'payments\/worker -> payments\/api 8080\/TCP' 'deny' /m);
    expect(script).toMatch(/^canary$/m);
    expect(script).toContain('kubectl');
    expect(script).toMatch(/53\/UDP: only TCP can be probed reliably/);
    expect(script).toMatch(/nc -z -w "\$T"/);
    const dir = mkdtempSync(join(tmpdir(), 'netpol-probe-'));
    writeFileSync(join(dir, 'probe.sh'), script);
    expect(() => execFileSync('bash', ['-n', join(dir, 'probe.sh')])).not.toThrow();
  });

  test('--no-canary leaves the canary out; --max-flows limits each side', async () => {
    const r = await run(['probe', 'shop', '--port', '8080', '--no-canary', '--max-flows', '1'], shopFiles());
    expect(r.stdout).not.toMatch(/^canary$/m);
    expect(r.stdout.match(/^probe .* 'allow' /gm)).toHaveLength(1);
    expect(r.stdout.match(/^probe .* 'deny' /gm)).toHaveLength(1);
  });
});

describe('netpol rules', () => {
  test('lists every rule with its severity and explanation', async () => {
    const r = await run(['rules']);
    expect(r.code).toBe(0);
    for (const rule of LINT_RULES) {
      expect(r.stdout).toContain(`${rule.id} (${rule.severity})`);
      expect(r.stdout).toContain(rule.summary);
    }
  });

  test('one rule, as json', async () => {
    const r = await run(['rules', 'and-or-suspect', '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ id: 'and-or-suspect', severity: 'warning' })]);
  });
});
