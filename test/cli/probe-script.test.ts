import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, shopFiles } from './fake-io';

// The generated probe script, run against a fake kubectl and a fake nc: the fake cluster lets
// through exactly the flows listed in FAKE_ALLOWED, and enforces the canary's deny-all unless
// FAKE_NO_ENFORCE is set (a Flannel-like cluster).

const IPS: { [pod: string]: string } = { 'web/frontend': '10.1.0.10', 'payments/api': '10.1.1.10', 'payments/worker-7d9f': '10.1.1.20' };

const FAKE_KUBECTL = `#!/usr/bin/env bash
# get pods --namespace=NS --selector=SEL ...          -> a pod name for the selector
# get pod --namespace=NS -o jsonpath=... -- NAME       -> its IP
# exec --namespace=NS pod/POD -- CMD...                -> runs CMD here, with FAKE_SRC=NS/POD
case "$1" in
  get)
    if [ "$2" = pods ]; then
      case "\${4#--selector=}" in app=worker) echo worker-7d9f ;; app=netpol-canary-*) echo canary ;; *) echo "" ;; esac
    else
      key="\${3#--namespace=}/$7"
      case "$key" in netpol-probe-canary-*) echo 10.9.9.9 ;; *) grep -F "$key=" "$FAKE_DIR/ips" | head -1 | cut -d= -f2 ;; esac
    fi ;;
  exec) ns=\${2#--namespace=}; pod=\${3#pod/}; shift 4; FAKE_SRC="$ns/$pod" "$@" ;;
  apply) cat >/dev/null; touch "$FAKE_DIR/deny-all" ;;
  *) exit 0 ;;
esac
`;

const FAKE_NC = `#!/usr/bin/env bash
# nc -z -w T HOST PORT
host=$4; port=$5
case "$FAKE_SRC" in
  netpol-probe-canary-*)
    if [ -e "$FAKE_DIR/deny-all" ] && [ -z "\${FAKE_NO_ENFORCE:-}" ]; then exit 1; fi; exit 0 ;;
esac
grep -qxF "$FAKE_SRC>$host:$port" "$FAKE_DIR/allowed"
`;


async function probeRun(allowed: string[], env: { [k: string]: string } = {}) {
  const script = (await run(['probe', 'shop', '--port', '8080', '--timeout', '1'], shopFiles())).stdout;
  const dir = mkdtempSync(join(tmpdir(), 'netpol-fake-'));
  for (const [name, text] of [['kubectl', FAKE_KUBECTL], ['nc', FAKE_NC]]) {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o755);
  }
  writeFileSync(join(dir, 'ips'), Object.entries(IPS).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  writeFileSync(join(dir, 'allowed'), allowed.join('\n') + '\n');
  writeFileSync(join(dir, 'probe.sh'), script);
  const r = spawnSync('bash', [join(dir, 'probe.sh')], {
    encoding: 'utf8', env: { PATH: `${dir}:${process.env.PATH}`, FAKE_DIR: dir, NETPOL_PROBE_TIMEOUT: '1', NETPOL_PROBE_SETTLE: '0', ...env },
  });
  return { code: r.status, out: r.stdout };
}

// What the policies allow on 8080 between the shop's pods: frontend -> api only.
const TRUTH = ['web/frontend>10.1.1.10:8080'];

describe.skipIf(spawnSync('bash', ['-c', 'command -v timeout']).status !== 0)('netpol probe script against a fake cluster', () => {
  test('a cluster that enforces the policies: canary and every flow PASS, exit 0', async () => {
    const r = await probeRun(TRUTH);
    expect(r.out).toMatch(/^PASS {2}canary: a deny-all policy blocks traffic/m);
    expect(r.out).toMatch(/^PASS {2}web\/frontend -> payments\/api 8080\/TCP: expected allow, got allow$/m);
    expect(r.out).toMatch(/^PASS {2}payments\/worker -> payments\/api 8080\/TCP: expected deny, got deny$/m);
    expect(r.out).not.toMatch(/^FAIL/m);
    expect(r.out).toMatch(/^\d+ passed, 0 failed, 0 skipped$/m);
    expect(r.code).toBe(0);
  });

  test('a flow the policies deny gets through: FAIL, exit 1', async () => {
    const r = await probeRun([...TRUTH, 'payments/worker-7d9f>10.1.1.10:8080']);
    expect(r.out).toMatch(/^FAIL {2}payments\/worker -> payments\/api 8080\/TCP: expected deny, got allow$/m);
    expect(r.code).toBe(1);
  });

  test('a plugin that enforces nothing: the canary FAILs even though the allowed flows pass', async () => {
    const r = await probeRun(TRUTH, { FAKE_NO_ENFORCE: '1' });
    expect(r.out).toMatch(/^FAIL {2}canary: traffic still flows under a deny-all policy/m);
    expect(r.code).toBe(1);
  });
});
