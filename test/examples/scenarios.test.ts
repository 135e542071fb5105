import { describe, expect, test } from 'vitest';
import { buildExample } from './example-apps';

// What each seed scenario must say, asserted on the synthesized objects (the snapshots show the
// rest). Policies are looked up by namespace/name.

async function policies(example: string): Promise<Map<string, any>> {
  const { objects } = await buildExample(example);
  return new Map(objects.map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]));
}

const KUBE_DNS = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

describe('payments', () => {
  test('default deny both ways for every pod, and DNS on UDP+TCP 53 to kube-dns', async () => {
    const p = await policies('payments');
    expect(p.get('payments/default-deny')!.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const dns = p.get('payments/allow-dns')!.spec;
    expect(dns.egress).toEqual([{ to: [KUBE_DNS], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }]);
  });

  test('frontend -> backend on TCP 8080 is ONE peer with namespaceSelector AND podSelector', async () => {
    const spec = (await policies('payments')).get('payments/allow-frontend-to-backend')!.spec;
    expect(spec.podSelector).toEqual({ matchLabels: { app: 'payments-backend' } });
    expect(spec.ingress).toEqual([{
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } },
        podSelector: { matchLabels: { app: 'payments-frontend' } },
      }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
  });

  test('Prometheus from the monitoring namespace may scrape every pod on 9090 and 8080', async () => {
    const spec = (await policies('payments')).get('payments/allow-prometheus-scrape')!.spec;
    expect(spec.podSelector).toEqual({});
    expect(spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
      podSelector: { matchLabels: { app: 'prometheus' } },
    }]);
    expect(spec.ingress[0].ports.map((x: any) => x.port)).toEqual([9090, 8080]);
  });

  test('postgres accepts only needs-db=true pods on 5432 and has no egress', async () => {
    const spec = (await policies('payments')).get('payments/postgres-allow-app')!.spec;
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { 'needs-db': 'true' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }]);
    expect(spec.egress).toBeUndefined();
  });

  test('the backend reaches Stripe (one /32 on 443), postgres on 5432 and redis on 6379 only', async () => {
    const p = await policies('payments');
    expect(p.get('payments/allow-backend-to-stripe')!.spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '54.187.174.169/32' } }], ports: [{ port: 443, protocol: 'TCP' }] },
    ]);
    expect(p.get('payments/backend-to-data-stores')!.spec.egress).toEqual([
      { to: [{ podSelector: { matchLabels: { app: 'postgres' } } }], ports: [{ port: 5432, protocol: 'TCP' }] },
      { to: [{ podSelector: { matchLabels: { app: 'redis' } } }], ports: [{ port: 6379, protocol: 'TCP' }] },
    ]);
  });
});

test('corporate VPN: ingress from 10.0.0.0/8 except 10.99.0.0/16 on 443', async () => {
  const spec = (await policies('corporate-vpn')).get('payments/allow-corporate-vpn')!.spec;
  expect(spec.ingress).toEqual([{
    from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.99.0.0/16'] } }],
    ports: [{ port: 443, protocol: 'TCP' }],
  }]);
});

test('port range: TCP 9090 to 9100 as port + endPort', async () => {
  const spec = (await policies('port-range')).get('observability/allow-metrics-port-range')!.spec;
  expect(spec.ingress[0].ports).toEqual([{ port: 9090, endPort: 9100, protocol: 'TCP' }]);
});

test('multi-protocol: TCP, UDP and SCTP in one policy', async () => {
  const spec = (await policies('multi-protocol')).get('custom/allow-custom-app-protocols')!.spec;
  expect(spec.ingress[0].ports).toEqual([
    { port: 80, protocol: 'TCP' },
    { port: 53, protocol: 'UDP' },
    { port: 3010, protocol: 'SCTP' },
  ]);
});

describe('tenant isolation', () => {
  test('each tenant gets the same policy names in its own namespace', async () => {
    const p = await policies('tenant-isolation');
    const names = (ns: string) => [...p.keys()].filter((k) => k.startsWith(`${ns}/`)).map((k) => k.slice(ns.length + 1)).sort();
    expect(names('tenant-a')).toEqual(names('tenant-b'));
    expect(names('tenant-a')).toEqual(expect.arrayContaining(['default-deny', 'allow-dns']));
  });

  test('no policy of one tenant names the other tenant or opens to other namespaces', async () => {
    const p = await policies('tenant-isolation');
    for (const [id, obj] of p) {
      const other = id.startsWith('tenant-a/') ? 'tenant-b' : 'tenant-a';
      expect(JSON.stringify(obj.spec), id).not.toContain(other);
      const peers = [...(obj.spec.ingress ?? []).flatMap((r: any) => r.from ?? []), ...(obj.spec.egress ?? []).flatMap((r: any) => r.to ?? [])];
      for (const peer of peers) {
        // only own-namespace pods, kube-dns, or the corporate network
        const ok = (peer.podSelector && !peer.namespaceSelector)
          || JSON.stringify(peer) === JSON.stringify(KUBE_DNS)
          || peer.ipBlock?.cidr === '10.0.0.0/8';
        expect(ok, `${id}: ${JSON.stringify(peer)}`).toBe(true);
      }
    }
  });
});
