import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ipaddr from 'ipaddr.js';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { CaseCluster } from '../reference/case-cluster';
import { run } from './fake-io';

// The cluster-policy truth tables (test/fixtures/cnp-cases, or NETPOL_CNP_CASES) through the CLI:
// the case written as Kubernetes objects on standard input, `netpol matrix --format json` for
// pairs of two endpoints and `netpol explain --format json` for a pod to itself (the matrix
// leaves those out).

const DIR = process.env.NETPOL_CNP_CASES ?? join(__dirname, '..', 'fixtures', 'cnp-cases');
type End = string | { ip: string };
interface Case { name: string; cluster: CaseCluster; policies: unknown[]; expect: Array<{ from: End; to: End; port: number; protocol: string; allowed: boolean }> }

const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const endpointName = (e: End) => (typeof e === 'string' ? e : `ip:${ipaddr.parse(e.ip).toString()}`);

function yamlOf(c: Case): string {
  const objects = [
    ...Object.entries(c.cluster.namespaces).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })),
    ...c.cluster.pods.map((p) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: p.name, namespace: p.namespace, labels: p.labels ?? {} },
      spec: {
        ...(p.hostNetwork ? { hostNetwork: true } : {}), ...(p.node ? { nodeName: p.node } : {}),
        containers: [{ name: 'c', image: 'agnhost', ports: (p.ports ?? []).map((x) => ({ ...(x.name ? { name: x.name } : {}), containerPort: x.port, protocol: x.protocol ?? 'TCP' })) }],
      },
      ...(p.ip ? { status: { podIP: p.ip } } : {}),
    })),
    ...c.policies,
  ];
  return objects.map((o) => stringify(o, { version: '1.1' })).join('---\n');
}

describe('cluster-policy cases through netpol matrix and explain', () => {
  test.each(files)('%s', async (file) => {
    const c = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Case;
    const stdin = yamlOf(c);
    const pairs = c.expect.filter((e) => endpointName(e.from) !== endpointName(e.to));
    const ports = [...new Set(pairs.map((e) => `${e.port}/${e.protocol}`))].sort();
    const externals = [...new Set(pairs.flatMap((e) => [e.from, e.to]).filter((e): e is { ip: string } => typeof e !== 'string').map((e) => e.ip))].sort();
    const got = new Map<string, boolean>();
    if (pairs.length > 0) {
      const r = await run(['matrix', '-', '--format', 'json', ...ports.flatMap((p) => ['--port', p]), ...externals.flatMap((ip) => ['--external', ip])], {}, { stdin });
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      for (const x of (JSON.parse(r.stdout) as { results: Array<{ from: string; to: string; port: number; protocol: string; allowed: boolean }> }).results) {
        got.set(`${x.from} ${x.to} ${x.port}/${x.protocol}`, x.allowed);
      }
    }
    for (const e of c.expect.filter((x) => endpointName(x.from) === endpointName(x.to))) {
      const r = await run(['explain', '-', '--from', endpointName(e.from), '--to', endpointName(e.to), '--port', `${e.port}/${e.protocol}`, '--format', 'json'], {}, { stdin });
      got.set(`${endpointName(e.from)} ${endpointName(e.to)} ${e.port}/${e.protocol}`, JSON.parse(r.stdout).allowed);
    }
    const wrong = c.expect
      .map((e) => ({ key: `${endpointName(e.from)} ${endpointName(e.to)} ${e.port}/${e.protocol}`, want: e.allowed }))
      .filter((e) => got.get(e.key) !== e.want)
      .map((e) => `${e.key}: expected ${e.want ? 'allowed' : 'denied'}, got ${got.get(e.key) === undefined ? 'no result' : got.get(e.key) ? 'allowed' : 'denied'}`);
    expect(wrong).toEqual([]);
  });
});
