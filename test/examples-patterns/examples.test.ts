import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Testing } from 'cdk8s';
import { NetworkPolicy as K8sNetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { describe, expect, test } from 'vitest';
import { validateNetworkPolicyJson } from '../../lib/manifest';

// The pattern examples: their YAML (snapshot), their audit metadata, and the size promise.
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const APPS = ['patterns-payments', 'org-app'];

async function synth(name: string): Promise<{ yaml: string; objects: any[] }> {
  const { build } = await import(path.join(EXAMPLES, name, 'app.ts'));
  const app: App = Testing.app();
  build(app);
  return { yaml: app.synthYaml(), objects: app.charts.flatMap((c) => Testing.synth(c)) };
}

describe.each(APPS)('example %s', (name) => {
  test('synthesizes the YAML in the snapshot', async () => {
    expect((await synth(name)).yaml).toMatchSnapshot();
  });

  test('every NetworkPolicy passes the kubernetes-models schema and our API-server validator', async () => {
    const policies = (await synth(name)).objects.filter((o) => o.kind === 'NetworkPolicy');
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      expect(() => new K8sNetworkPolicy(p).validate(), p.metadata.name).not.toThrow();
      expect(validateNetworkPolicyJson(p, { requireNamespace: true, strictCidr: true }), p.metadata.name).toEqual([]);
    }
  });

  test('every pattern policy carries its audit labels and a one-sentence intent', async () => {
    const patterned = (await synth(name)).objects.filter((o) => o.metadata.labels?.['netpol.cdk8s.io/pattern']);
    expect(patterned.length).toBeGreaterThan(0);
    for (const p of patterned) {
      expect(p.metadata.labels['app.kubernetes.io/managed-by'], p.metadata.name).toBe('cdk8s-netpol');
      const intent: string = p.metadata.annotations['netpol.cdk8s.io/intent'];
      expect(intent, p.metadata.name).toMatch(/^[a-z][^\n]*[^.]$/); // one line, no trailing period
      expect(intent, p.metadata.name).not.toMatch(/\.\s/); // one sentence
    }
  });
});

test('the payments namespace is rebuilt from patterns in under 40 lines of TypeScript', () => {
  const lines = ['app.ts', 'main.ts']
    .map((f) => fs.readFileSync(path.join(EXAMPLES, 'patterns-payments', f), 'utf8').trimEnd().split('\n').length)
    .reduce((a, b) => a + b, 0);
  expect(lines).toBeLessThan(40);
});

test('the org app is a separate app that reuses the org library by import', () => {
  const source = fs.readFileSync(path.join(EXAMPLES, 'org-app', 'app.ts'), 'utf8');
  expect(source).toMatch(/from '\.\.\/org-library'/);
  expect(fs.existsSync(path.join(EXAMPLES, 'org-library', 'cdk8s.yaml'))).toBe(false);
});
