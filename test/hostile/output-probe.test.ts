import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ProbeEndpoint, ProbeFlow, ProbeScriptError, ProbeScriptOptions, formatProbeScript, shq } from '../../lib/cli/format/probe-bash';
import { run } from '../cli/fake-io';

// The probe script is run by bash with kubectl credentials: no value from the input may become
// an option, a word or a command. Checked with bash itself and a fake kubectl that records argv.

const hasBash = spawnSync('bash', ['-c', 'command -v timeout']).status === 0;
const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const HOSTILE = [
  '--kubeconfig=/tmp/x',
  '$(touch pwned)',
  '`touch pwned`',
  "it's; touch pwned; '",
  '"; touch pwned; "',
  'a\nb',
  'a\rb',
  'esc\u001b[2J',
  'bel\u0007',
  'sep\u2028x',
  'rlo\u202ex',
  '\\',
  '-n',
  'Upper',
  'x'.repeat(300),
];

const web: ProbeEndpoint = { kind: 'Deployment', namespace: 'web', name: 'frontend', selector: 'app=frontend' };
const api: ProbeEndpoint = { kind: 'Pod', namespace: 'payments', name: 'api', selector: '' };
const flow = (from: ProbeEndpoint, to: ProbeEndpoint, port = 8080): ProbeFlow => ({ label: `${from.namespace}/${from.name} -> ${to.namespace}/${to.name} ${port}/TCP`, expect: 'allow', from, to, port });
const opts = (o: Partial<ProbeScriptOptions> = {}): ProbeScriptOptions => ({ version: '1.0.0', sources: ['in.yaml'], timeout: 3, canary: false, image: 'busybox:1.36', skipped: [], ...o });

function refusal(flows: ProbeFlow[], o = opts()): string {
  try {
    formatProbeScript(flows, o);
  } catch (e) {
    expect(e).toBeInstanceOf(ProbeScriptError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('the generator refuses what the API server would refuse', () => {
  test.each(HOSTILE)('a Pod named %j', (name) => {
    const m = refusal([flow(web, { ...api, name })]);
    expect(m).toMatch(/^refusing to write the script/);
    expect(m).toContain('metadata.name: Invalid value: ');
    expect(m).not.toMatch(RAW_UNSAFE);
  });

  test.each(HOSTILE)('a namespace named %j', (namespace) => {
    expect(refusal([flow({ ...web, namespace }, api)])).toContain('metadata.namespace: Invalid value: ');
  });

  test.each([
    ['a label value', 'app=$(touch pwned)'],
    ['a label key', '--kubeconfig=x'],
    ['a value holding =', 'app=a=b'],
    ['a pair without =', 'app'],
  ])('%s: selector %j', (_, selector) => {
    expect(refusal([flow({ ...web, selector }, api)])).toContain('Deployment "web/frontend"');
  });

  test.each([
    ['an IP', () => flow(web, { kind: 'IP', namespace: '', name: '$(touch pwned)', selector: '' })],
    ['a kind', () => flow({ ...web, kind: '--raw' }, api)],
    ['a port', () => flow(web, api, 0)],
  ])('%s', (_, f) => {
    expect(() => formatProbeScript([f()], opts())).toThrow(ProbeScriptError);
  });

  test.each(['', 'busybox latest', 'a\nb', 'x\u001b'])('--image %j', (image) => {
    expect(refusal([], opts({ image }))).toContain('--image');
  });

  test('end to end: a Pod named --kubeconfig=... gets no script, exit 2', async () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: "--kubeconfig=/tmp/x", namespace: ns, labels: {app: a}}\nspec: {containers: [{name: c, image: i}]}\n'
      + '---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: ns}\nspec: {containers: [{name: c, image: i}]}\n';
    const r = await run(['probe', 'in.yaml', '--port', '80'], { 'in.yaml': yaml });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--kubeconfig=/tmp/x');
  });
});

describe.skipIf(!hasBash)('shq: one bash word that expands to exactly the value', () => {
  test.each([...HOSTILE, '', "'", "''", '$HOME', '!!', '\t x *', 'é日本'])('%j', (s) => {
    const r = spawnSync('bash', ['-c', `printf '%s' ${shq(s)}`], { encoding: 'utf8' });
    expect(r.stdout).toBe(s);
  });

  test('a NUL cannot be carried: refused', () => {
    expect(() => shq('a\u0000b')).toThrow(ProbeScriptError);
  });
});

const RECORDING_KUBECTL = `#!/usr/bin/env bash
# Records each call's argv (NUL-separated) in call-NNN; answers like a tiny cluster.
n=$(cat "$FAKE_DIR/n" 2>/dev/null || echo 0); echo $((n + 1)) > "$FAKE_DIR/n"
printf '%s\\0' "$@" > "$FAKE_DIR/call-$(printf %03d "$n")"
case "$1 $2" in
  "get pods") echo web-pod-1 ;;
  "get pod") echo 10.0.0.9 ;;
  "apply -n") cat >/dev/null ;;
esac
case "$1" in exec) exit 10 ;; esac
exit 0
`;

describe.skipIf(!hasBash)('the script run by bash with a recording kubectl', () => {
  const image = "busybox';touch${IFS}pwned;'$(touch${IFS}pwned)`touch${IFS}pwned`";
  const sources = ['a\n$(touch pwned)\n.yaml', "it's `touch pwned`.yaml", 'b\r\u2028\u001b[2J.yaml'];
  const script = formatProbeScript([flow(web, api)], opts({ sources, image, canary: true, version: '1.0.0\n$(touch pwned)', skipped: ['x\n$(touch pwned)'] }));
  const dir = mkdtempSync(join(tmpdir(), 'netpol-hostile-'));
  writeFileSync(join(dir, 'kubectl'), RECORDING_KUBECTL);
  chmodSync(join(dir, 'kubectl'), 0o755);
  writeFileSync(join(dir, 'probe.sh'), script);

  test('the header comment stays one line; the script parses (bash -n)', () => {
    const lines = script.split('\n');
    expect(lines[1]).toMatch(/^# Generated by netpol probe '1\.0\.0\\n\$\(touch pwned\)' from: 'a\\n\$\(touch pwned\)\\n\.yaml' 'it'\\''s `touch pwned`\.yaml' 'b\\r\\u2028\\x1b\[2J\.yaml'$/);
    expect(lines[2]).toMatch(/^# Checks /);
    expect(script).not.toMatch(RAW_UNSAFE);
    expect(spawnSync('bash', ['-n', join(dir, 'probe.sh')]).status).toBe(0);
  });

  test('kubectl receives exactly the intended argv vectors and nothing injected runs', () => {
    const r = spawnSync('bash', [join(dir, 'probe.sh')], {
      cwd: dir, encoding: 'utf8', env: { PATH: `${dir}:${process.env.PATH}`, FAKE_DIR: dir, NETPOL_PROBE_TIMEOUT: '1', NETPOL_PROBE_SETTLE: '0' },
    });
    expect(r.stdout).toContain('SKIP  x\\n$(touch pwned)');
    expect(r.stdout).toMatch(/^PASS {2}web\/frontend -> payments\/api 8080\/TCP: expected allow, got allow$/m);
    const calls = readdirSync(dir).filter((f) => f.startsWith('call-')).sort()
      .map((f) => readFileSync(join(dir, f), 'utf8').split('\0').slice(0, -1));
    const runs = calls.filter((c) => c[0] === 'run');
    expect(runs).toHaveLength(2);
    for (const c of runs) expect(c[4]).toBe(`--image=${image}`);
    expect(calls).toContainEqual(['get', 'pods', '--namespace=web', '--selector=app=frontend', '--field-selector=status.phase=Running', '-o', 'jsonpath={.items[0].metadata.name}']);
    expect(calls).toContainEqual(['get', 'pod', '--namespace=payments', '-o', 'jsonpath={.status.podIP}', '--', 'api']);
    const exec = calls.find((c) => c[0] === 'exec' && c[1] === '--namespace=web')!;
    expect([...exec.slice(0, 6), ...exec.slice(7)]).toEqual(['exec', '--namespace=web', 'pod/web-pod-1', '--', 'sh', '-c', 'sh', '1', '10.0.0.9', '8080']);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });
});
