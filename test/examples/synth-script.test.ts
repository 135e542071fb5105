import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { expect, test } from 'vitest';
import { EXAMPLES_DIR, buildExample, exampleNames } from './example-apps';

// `npm run synth` end to end: the script runs `cdk8s synth` for every example and the files it
// writes under examples/dist/ hold exactly what the apps synthesize in-process.

test('scripts/synth-examples.sh writes every example into examples/dist/<name>/', async () => {
  // WHEN
  const run = spawnSync('bash', [path.join(EXAMPLES_DIR, '..', 'scripts', 'synth-examples.sh')], {
    encoding: 'utf8',
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    timeout: 110_000,
  });
  // THEN
  expect(run.status, run.stderr).toBe(0);
  // The examples teach: none of them synthesizes with a lint warning.
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\] warning /);
  const names = exampleNames();
  expect(run.stdout).toContain(`${names.length} example apps synthesized; the YAML is in examples/dist/`);
  for (const name of names) {
    expect(run.stdout).toContain(`synthesized ${name} -> examples/dist/${name}/`);
    const dir = path.join(EXAMPLES_DIR, 'dist', name);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.k8s.yaml')).sort();
    expect(files.length, name).toBeGreaterThan(0);
    const written = files.flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()));
    const { objects } = await buildExample(name);
    // cdk8s writes one file per chart, read back here in file-name order, not declaration order.
    const byText = (list: unknown[]) => list.map((o) => JSON.stringify(o)).sort();
    expect(byText(written), name).toEqual(byText(objects));
  }
  // nothing is written inside the example directories themselves
  for (const name of names) expect(fs.existsSync(path.join(EXAMPLES_DIR, name, 'dist')), name).toBe(false);
}, 120_000);
