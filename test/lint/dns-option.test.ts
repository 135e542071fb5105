import { expect, test } from 'vitest';
import { run } from '../cli/fake-io';

// dns-egress-missing checks egress against the cluster DNS: kube-dns in kube-system unless
// `--dns NAMESPACE/LABELS` names the DNS the cluster really runs.

const YAML = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dns-system}}
          podSelector: {matchLabels: {app.kubernetes.io/name: coredns}}
      ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
`;

const dnsFindings = (stdout: string) =>
  JSON.parse(stdout).issues.filter((i: { code: string }) => i.code === 'dns-egress-missing').map((i: { message: string }) => i.message);

test('without --dns, a carve-out to another DNS does not count', async () => {
  const r = await run(['check', 'p.yaml', '--format', 'json'], { 'p.yaml': YAML });
  expect(r.code).toBe(0);
  expect(dnsFindings(r.stdout)).toEqual([
    'every pod of namespace shop is isolated for egress and cannot reach the cluster DNS (pods k8s-app=kube-dns in kube-system) on UDP 53 or TCP 53',
  ]);
});

test('--dns names the DNS the cluster runs, and the carve-out counts', async () => {
  const r = await run(['check', 'p.yaml', '--format', 'json', '--dns', 'dns-system/app.kubernetes.io/name=coredns'], { 'p.yaml': YAML });
  expect(r.code).toBe(0);
  expect(dnsFindings(r.stdout)).toEqual([]);
});

test.each([
  ['coredns', /--dns "coredns": write the namespace, a slash and the DNS pods' labels \(e\.g\. kube-system\/k8s-app=kube-dns\)/],
  ['dns-system/coredns', /--dns "dns-system\/coredns": "coredns" is not key=value/],
  ['dns-system/bad key=x', /--dns "dns-system\/bad key=x": .*bad key/],
])('--dns %j is a usage error (exit 2)', async (value, message) => {
  const r = await run(['check', 'p.yaml', '--dns', value], { 'p.yaml': YAML });
  expect(r.code).toBe(2);
  expect(r.stdout + r.stderr).toMatch(message);
});
