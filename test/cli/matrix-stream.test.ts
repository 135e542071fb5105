import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../lib/cli/main';
import { fakeIo } from './fake-io';

// `netpol matrix` on a matrix too large to build as one string in the case (hundreds of
// external addresses): every format is written in several chunks, and spot checks of the cells
// agree with the policies. `--external-ranges` gives one endpoint per range the ipBlocks cut.

const BLOCKS = 120; // 10.0.0.0/16 .. 10.119.0.0/16: 121 ranges in IPv4 (the last one to the top), 1 in IPv6
const objects = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  ...['web-0', 'web-1', 'db-0'].map((name, i) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', labels: { app: name.slice(0, -2) } },
    spec: { containers: [{ name: 'c', image: 'x' }] }, status: { podIP: `192.168.0.${i + 1}` },
  })),
  {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web-out', namespace: 'shop' },
    spec: {
      podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'],
      // Even-numbered blocks only: odd ones and the rest of the address space stay denied.
      egress: [{ to: Array.from({ length: BLOCKS }, (_, b) => ({ ipBlock: { cidr: `10.${b}.0.0/16` } })).filter((_, b) => b % 2 === 0), ports: [{ port: 443 }] }],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db-in', namespace: 'shop' },
    spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [{ from: Array.from({ length: BLOCKS }, (_, b) => ({ ipBlock: { cidr: `10.${b}.0.0/16` } })).filter((_, b) => b % 2 === 1) }] },
  },
];
const files = { 'cluster.yaml': objects.map((o) => stringify(o)).join('---\n') };
// 3 pods + 120 even/odd blocks' ranges: 10.0.0.0/16 .. 10.119.0.0/16, 0.0.0.0-9.255.255.255,
// 10.120.0.0-255.255.255.255, ::/0.
const RANGES = BLOCKS + 3;
const N = 3 + RANGES;
const ARGS = ['matrix', 'cluster.yaml', '--port', '443/TCP', '--port', '53/UDP', '--external-ranges'];

async function chunks(format: string): Promise<{ code: number; parts: string[]; stderr: string }> {
  const { io, output } = fakeIo(files);
  const parts: string[] = [];
  const code = await main([...ARGS, '--format', format], { ...io, stdout: (s) => { parts.push(s); io.stdout(s); } }, '9.9.9-test');
  return { code, parts, stderr: output().stderr };
}

describe('netpol matrix streams its output', () => {
  test('csv: every cell in chunks; ranges named as the policies cut them', async () => {
    const { code, parts, stderr } = await chunks('csv');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(parts.length).toBeGreaterThan(3);
    const lines = parts.join('').trimEnd().split('\n');
    expect(lines[0]).toBe('from,to,port,protocol,allowed');
    expect(lines.length - 1).toBe(N * (N - 1) * 2);
    const cells = new Set(lines);
    expect(cells).toContain('shop/web-0,ip:10.0.0.0/16,443,TCP,true');
    expect(cells).toContain('shop/web-0,ip:10.1.0.0/16,443,TCP,false');
    expect(cells).toContain('shop/web-1,ip:10.118.0.0/16,53,UDP,false');
    expect(cells).toContain('shop/web-1,ip:0.0.0.0-9.255.255.255,443,TCP,false');
    expect(cells).toContain('shop/web-0,ip:10.120.0.0-255.255.255.255,443,TCP,false');
    expect(cells).toContain('ip:10.1.0.0/16,shop/db-0,53,UDP,true');
    expect(cells).toContain('ip:10.2.0.0/16,shop/db-0,53,UDP,false');
    expect(cells).toContain('ip:::/0,shop/web-0,53,UDP,true');
    expect(cells).toContain('shop/db-0,ip:::/0,443,TCP,true');
  });

  test('json: one document in chunks, equal cell for cell to the csv', async () => {
    const json = await chunks('json');
    const csv = await chunks('csv');
    expect(json.parts.length).toBeGreaterThan(3);
    const doc = JSON.parse(json.parts.join(''));
    expect(doc.ports).toEqual([{ port: 443, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
    expect(doc.endpoints).toHaveLength(N);
    const rows = doc.results.map((r: { from: string; to: string; port: number; protocol: string; allowed: boolean }) => `${r.from},${r.to},${r.port},${r.protocol},${r.allowed}`);
    expect(['from,to,port,protocol,allowed', ...rows]).toEqual(csv.parts.join('').trimEnd().split('\n'));
  });

  test('text and markdown: a grid row per endpoint and port, in chunks', async () => {
    for (const format of ['text', 'markdown']) {
      const { code, parts } = await chunks(format);
      expect(code).toBe(0);
      expect(parts.length, format).toBeGreaterThan(1);
      const out = parts.join('');
      const rows = out.split('\n').filter((l) => (format === 'text' ? /^\s*\d+ (shop\/|ip:)/.test(l) : l.startsWith('| ') && !l.startsWith('| from')));
      expect(rows, format).toHaveLength(N * 2);
      // web-0 (the second endpoint) on 443: allowed to the first block, denied to the second.
      const web0 = rows[1].split(format === 'text' ? /\s+/ : ' | ').filter((c) => c !== '');
      const cells = web0.slice(format === 'text' ? 2 : 1);
      const to = (name: string) => 3 + ['ip:0.0.0.0-9.255.255.255', ...Array.from({ length: BLOCKS }, (_, b) => `ip:10.${b}.0.0/16`)].indexOf(name);
      expect(cells[to('ip:10.0.0.0/16')].replace(/\u001b\[\d+m/g, ''), format).toBe('✓');
      expect(cells[to('ip:10.1.0.0/16')].replace(/\u001b\[\d+m/g, ''), format).toBe('✗');
    }
  });
});
