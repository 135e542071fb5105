import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import * as netpol from '../../lib';

// docs/org-library.md tells the truth about examples/org-library: its package.json is the
// example's, its code lines are the example's (in order), its names and ranges are ours; and the
// example consumes cdk8s-netpol as a published library would, by package name with peer ranges.

const REPO = path.join(__dirname, '..', '..');
const read = (...p: string[]) => fs.readFileSync(path.join(REPO, ...p), 'utf8');
const GUIDE = read('docs', 'org-library.md');
const section = (heading: string) => GUIDE.slice(GUIDE.indexOf(heading)).split(/\n## /)[0];
const blocks = (text: string, lang: string) => [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
const ours = JSON.parse(read('package.json'));
const example = JSON.parse(read('examples', 'org-library', 'package.json'));

/** Each non-blank, non-comment line of `shown` is a line of `file`, in the same order. */
function linesInOrder(shown: string, file: string): string[] {
  const target = file.split('\n').map((l) => l.trim());
  const missing: string[] = [];
  let at = 0;
  for (const line of shown.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//'))) {
    const found = target.indexOf(line, at);
    if (found < 0) missing.push(line);
    else at = found + 1;
  }
  return missing;
}

describe('the guide shows the example', () => {
  test('section 1: the package.json is examples/org-library/package.json', () => {
    expect(blocks(section('## 1. '), 'json').map((b) => JSON.parse(b))).toEqual([example]);
  });

  test('section 2: the code is examples/org-library/acme-namespace.ts, line for line and in order', () => {
    const [code] = blocks(section('## 2. '), 'ts');
    expect(code.split('\n').filter(Boolean).length).toBeGreaterThan(10);
    expect(linesInOrder(code, read('examples', 'org-library', 'acme-namespace.ts'))).toEqual([]);
  });

  test('section 3: the assertions are the org app\'s tests', () => {
    const [code] = blocks(section('## 3. '), 'ts');
    expect(linesInOrder(code, read('test', 'examples-patterns', 'org-app.test.ts'))).toEqual([]);
  });

  test('the cdk8s-plus types it names are exported by cdk8s-netpol', () => {
    const named = [...new Set([...GUIDE.matchAll(/`(IKplus\w+)`/g)].map((m) => m[1]))];
    expect(named).toEqual(expect.arrayContaining(['IKplusPodSelector', 'IKplusNamespace']));
    // Interfaces leave no value behind; the declaration file names them.
    const index = read('lib', 'constructs', 'interop', 'kplus-types.ts');
    for (const n of named) expect(index, n).toMatch(new RegExp(`export interface ${n}\\b`));
    expect(Object.keys(netpol)).not.toContain('IWorkloadLike');
    expect(GUIDE).not.toMatch(/IWorkloadLike/);
  });
});

describe('the example depends on cdk8s-netpol as a published library would', () => {
  test('peers are ranges: cdk8s and constructs those of cdk8s-netpol, the guide says so', () => {
    for (const peer of ['cdk8s', 'constructs']) {
      expect(example.peerDependencies[peer]).toBe(ours.peerDependencies[peer]);
      expect(GUIDE).toContain(`\`${peer} ${ours.peerDependencies[peer]}\``);
    }
    expect(example.peerDependencies['cdk8s-netpol']).toMatch(/^\^\d+\.\d+\.\d+$/);
  });

  test('dev dependencies are exact pins, cdk8s and constructs those cdk8s-netpol tests with', () => {
    for (const [name, version] of Object.entries(example.devDependencies)) expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    for (const dep of ['cdk8s', 'constructs', 'typescript']) expect(example.devDependencies[dep]).toBe(ours.devDependencies[dep]);
  });

  test.each(['org-library', 'org-app'])('examples/%s imports cdk8s-netpol by name, never lib/', (dir) => {
    const files = fs.readdirSync(path.join(REPO, 'examples', dir)).filter((f) => f.endsWith('.ts'));
    const sources = files.map((f) => read('examples', dir, f));
    for (const s of sources) expect(s).not.toMatch(/from '(\.\.\/)+lib(\/[^']*)?'/);
    expect(sources.some((s) => s.includes("from 'cdk8s-netpol'"))).toBe(true);
  });
});
