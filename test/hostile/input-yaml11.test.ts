import { describe, expect, test } from 'vitest';
import { run } from '../cli/fake-io';

// netpol reads YAML as kubectl does (sigs.k8s.io/yaml: YAML 1.1 as go-yaml v2 reads it), so its
// verdict is about what the cluster gets; it warns where a YAML 1.2 reader would differ, and its
// fix hints quote the text as written.

const cluster = (port: string, extra = '') => `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
status: {podIP: 10.0.0.2}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - ports:
    - port: ${port}
${extra}`;

async function verdict(text: string, port: string) {
  const r = await run(['explain', 'c.yaml', '--from', '203.0.113.9', '--to', 'shop/api', '--port', port, '--format', 'json'], { 'c.yaml': text });
  expect(r.code).toBe(0);
  return { allowed: JSON.parse(r.stdout).allowed as boolean, stderr: r.stderr };
}

describe('YAML read as kubectl reads it', () => {
  test.each([
    // [written port, port asked, allowed]: kubectl reads 0443 as octal 291
    ['0443', '291', true],
    ['0443', '443', false],
    ['8_080', '8080', true],
    ['"0443"', '443', false], // quoted: the string "0443" is a (bad) port name, never 443
    ['443', '443', true],
  ])('port: %s, explain --port %s: allowed %s', async (written, asked, allowed) => {
    expect((await verdict(cluster(written), asked)).allowed).toBe(allowed);
  });

  test('port: 0443 is warned about: the two readings (291 here and in kubectl, 443 in YAML 1.2) and a fix', async () => {
    const r = await run(['check', 'c.yaml'], { 'c.yaml': cluster('0443') });
    expect(r.stdout).toContain('c.yaml:17: warning read-yaml11-number: NetworkPolicy shop/api (document 3) spec.ingress[0].ports[0].port: the unquoted value 0443 is read by Kubernetes (YAML 1.1) as the number 291, and so by netpol; a YAML 1.2 reader (cdk8s, most editors) reads the number 443');
    expect(r.stdout).toContain('fix: write 291 or 443, whichever is meant, so every reader agrees');
  });

  test('<< merge keys work as in kubectl: a merged podSelector selects', async () => {
    const text = cluster('80').replace('  podSelector: {matchLabels: {app: api}}', '  base: &sel {matchLabels: {app: api}}\n  podSelector:\n    <<: *sel');
    const r = await run(['check', 'c.yaml'], { 'c.yaml': text });
    expect(r.stdout).not.toMatch(/podSelector[^\n]*(unknown field|Invalid)/);
    expect(r.stdout).not.toMatch(/"<<"/);
    expect((await verdict(text, '80')).allowed).toBe(true);
  });

  test.each([
    ['version: 1.10', '"1.10"'],
    ['enabled: yes', '"yes"'],
    ['build: 0755', '"0755"'],
  ])('a label written %s gets a fix hint quoting the source text (%s), not its number or boolean', async (label, quoted) => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: shop\n  labels:\n    ${label}\n`;
    const r = await run(['check', 'p.yaml'], { 'p.yaml': text });
    const hints = r.stdout.split('\n').filter((l) => l.includes('fix:') && l.includes('quote it'));
    expect(hints.length).toBeGreaterThan(0);
    for (const h of hints) expect(h).toContain(quoted);
  });
});
