import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Testing } from 'cdk8s';

/** The repository's examples/ directory. */
export const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');

/** Names of the example apps: every examples/<name>/ with a cdk8s.yaml and an app.ts. */
export function exampleNames(): string[] {
  return fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'dist')
    .filter((d) => fs.existsSync(path.join(EXAMPLES_DIR, d.name, 'cdk8s.yaml')) && fs.existsSync(path.join(EXAMPLES_DIR, d.name, 'app.ts')))
    .map((d) => d.name)
    .sort();
}

/** An example app built in-process, as its main.ts would build it. */
export interface BuiltExample {
  readonly app: App;
  /** Every synthesized object, chart by chart, in synthesis order. */
  readonly objects: any[];
  /** The whole app as YAML, as `cdk8s synth` writes it (documents of all charts). */
  readonly yaml: string;
}

/** Builds examples/<name>/app.ts into a fresh test App. */
export async function buildExample(name: string): Promise<BuiltExample> {
  const mod = await import(path.join(EXAMPLES_DIR, name, 'app.ts'));
  if (typeof mod.build !== 'function') throw new Error(`examples/${name}/app.ts must export build(app: App)`);
  const app = Testing.app();
  mod.build(app);
  const yaml = app.synthYaml();
  const objects = app.charts.flatMap((chart) => Testing.synth(chart));
  return { app, objects, yaml };
}
