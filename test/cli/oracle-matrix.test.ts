import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as ipaddr from 'ipaddr.js';
import { stringify } from 'yaml';
import { run } from './fake-io';

// Every oracle case, written as Kubernetes objects (Namespaces, Pods with status.podIP and
// container ports, NetworkPolicies) and fed to `netpol matrix --format json` on stdin.

const CASES = process.env.NETPOL_ORACLE_CASES ?? join(__dirname, '..', 'fixtures', 'oracle', 'cases');

interface OracleCase {
  name: string;
  cluster: {
    namespaces: { [name: string]: { [k: string]: string } };
    pods: Array<{ namespace: string; name: string; labels?: { [k: string]: string }; ip?: string; ports?: Array<{ name?: string; port: number; protocol?: string }> }>;
  };
  policies: unknown[];
  expect: Array<{ from: string | { ip: string }; to: string | { ip: string }; port: number; protocol?: string; allowed: boolean }>;
}

function toObjects(c: OracleCase): unknown[] {
  const namespaces = Object.entries(c.cluster.namespaces).map(([name, labels]) => ({
    apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels },
  }));
  const pods = c.cluster.pods.map((p) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.namespace, labels: p.labels ?? {} },
    spec: { containers: [{ name: 'c', image: 'agnhost', ports: (p.ports ?? []).map((x) => ({ ...(x.name ? { name: x.name } : {}), containerPort: x.port, protocol: x.protocol ?? 'TCP' })) }] },
    // A pod without an IP (not scheduled yet) has no status.podIP.
    ...(p.ip ? { status: { podIP: p.ip, podIPs: [{ ip: p.ip }] } } : {}),
  }));
  return [...namespaces, ...pods, ...c.policies];
}

/** How netpol names an endpoint: `ns/name`, or `ip:` and the address in its canonical form. */
const endpointName = (e: string | { ip: string }) => (typeof e === 'string' ? e : `ip:${ipaddr.parse(e.ip).toString()}`);
/** Expected verdicts name the protocol; TCP when a case leaves it out, as Kubernetes does. */
const protocolOf = (e: { protocol?: string }) => (e.protocol ?? 'TCP').toUpperCase();

const files = existsDir(CASES) ? readdirSync(CASES).filter((f) => f.endsWith('.json')).sort() : [];

function existsDir(p: string): boolean {
  try {
    return readdirSync(p).length > 0;
  } catch {
    return false;
  }
}

describe.skipIf(files.length === 0)('oracle cases through netpol matrix', () => {
  test.each(files)('%s', async (file) => {
    const c = JSON.parse(readFileSync(join(CASES, file), 'utf8')) as OracleCase;
    const yaml = toObjects(c).map((o) => stringify(o, { version: '1.1' })).join('---\n');
    const ports = [...new Set(c.expect.map((e) => `${e.port}/${protocolOf(e)}`))].sort();
    const externals = [...new Set(c.expect.flatMap((e) => [e.from, e.to]).filter((e): e is { ip: string } => typeof e !== 'string').map((e) => e.ip))].sort();
    const args = ['matrix', '-', '--format', 'json', ...ports.flatMap((p) => ['--port', p]), ...externals.flatMap((ip) => ['--external', ip])];
    const r = await run(args, {}, { stdin: yaml });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { results: Array<{ from: string; to: string; port: number; protocol: string; allowed: boolean }> };
    const got = new Map(out.results.map((x) => [`${x.from} ${x.to} ${x.port}/${x.protocol}`, x.allowed]));
    const mismatches = c.expect
      .map((e) => ({ key: `${endpointName(e.from)} ${endpointName(e.to)} ${e.port}/${protocolOf(e)}`, want: e.allowed }))
      .filter((e) => got.get(e.key) !== e.want)
      .map((e) => `${e.key}: expected ${e.want ? 'allowed' : 'denied'}, got ${got.get(e.key) === undefined ? 'no result' : got.get(e.key) ? 'allowed' : 'denied'}`);
    expect(mismatches).toEqual([]);
  });
});
