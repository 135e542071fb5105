import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LintOptions, LintResult, runLint } from '../../lib/lint';
import { buildWorkspace } from '../../lib/cli/workspace';

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** Reads a fixture as the CLI does (YAML reader, object reader) and lints it. */
export function lintFixture(path: string, options: LintOptions = {}): LintResult {
  const file = join(FIXTURES, path);
  const ws = buildWorkspace([{ file: path, text: readFileSync(file, 'utf8') }]);
  return runLint({ policies: ws.policies, clusterPolicies: ws.clusterPolicies, namespaces: ws.namespaces, pods: ws.pods }, options);
}
