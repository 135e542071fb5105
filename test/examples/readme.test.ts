import * as fs from 'node:fs';
import * as path from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import { NetworkPolicy, Peer, Rule, Select } from '../../lib';
import { EXAMPLES_DIR, buildExample } from './example-apps';

// The README's code is real: its tour is examples/tour/app.ts, its YAML is what that app
// synthesizes, its error line is what synthesis prints. Edit them together.

const README = fs.readFileSync(path.join(EXAMPLES_DIR, '..', 'README.md'), 'utf8');

function blocks(lang: string): string[] {
  const re = new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g');
  return [...README.matchAll(re)].map((m) => m[1]);
}

test('the README gives a user\'s commands first and exactly two contributor set-up commands last', () => {
  expect(blocks('sh').map((b) => b.trim())).toEqual([
    'npm install cdk8s-netpol',
    'npx cdk8s synth --no-check-upgrade\nnpx netpol check dist/',
    'npm ci && npm run synth',
    'npm ci && npm test',
  ]);
  expect(README.indexOf('## Working on cdk8s-netpol')).toBeGreaterThan(README.indexOf('## A 5-minute tour'));
  expect(blocks('(?:bash|shell|console)')).toEqual([]);
});

test('the tour is examples/tour/app.ts, line for line', () => {
  const tour = README.slice(README.indexOf('## A 5-minute tour')).match(/```ts\n([\s\S]*?)```/)![1];
  const example = fs.readFileSync(path.join(EXAMPLES_DIR, 'tour', 'app.ts'), 'utf8').split('\n').map((l) => l.trim());
  const lines = tour.split('\n').map((l) => l.trim())
    .filter((l) => l && !l.startsWith('import ') && l !== 'const app = new App();' && l !== 'app.synth();');
  let at = 0;
  for (const line of lines) {
    const found = example.indexOf(line, at);
    expect(found, `README tour line not in examples/tour/app.ts (in order): ${line}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
});

test('the YAML shown is what the tour synthesizes', async () => {
  const shown = parse(blocks('yaml')[0]);
  const { objects } = await buildExample('tour');
  expect(objects.find((o) => o.metadata.name === shown.metadata.name)).toEqual(shown);
});

test('the error shown is what synthesis prints', () => {
  const [line] = blocks('text').filter((b) => b.startsWith('[')).map((b) => b.trim());
  const chart = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
  new NetworkPolicy(chart, 'bad', {
    podSelector: Select.allPods(),
    ingress: [Rule.allow({ peers: [Peer._fromJson({ ipBlock: { cidr: '10.0.0.1/8' } })] })],
  });
  expect(() => Testing.synth(chart)).toThrow(line);
});
