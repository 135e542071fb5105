import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

// Issue 12: what `npm pack` puts in the tarball, and the dependency ranges users install against.
// Needs the compiled package (build/, .jsii): `npm test` compiles first.

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let files: string[] = [];
let packedBytes = 0;
beforeAll(() => {
  if (!existsSync(join(root, '.jsii')) || !existsSync(join(root, 'build', 'index.js'))) {
    throw new Error('build/ and .jsii are missing: run `npx projen compile` first');
  }
  // The prepack script runs too, as it does on a real `npm pack` / `npm publish`.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: root, encoding: 'utf8' });
  const [report] = JSON.parse(out) as Array<{ size: number; files: Array<{ path: string }> }>;
  files = report.files.map((f) => f.path);
  packedBytes = report.size;
}, 120_000);

describe('npm pack', () => {
  test.each(['.jsii', 'build/index.js', 'build/index.d.ts', 'bin/netpol', 'package.json', 'README.md', 'API.md', 'LICENSE', 'docs/semantics.md',
    'node_modules/yaml/dist/index.js', 'node_modules/commander/index.js', 'node_modules/ipaddr.js/lib/ipaddr.js'])('ships %s', (file) => {
    expect(files).toContain(file);
  });

  test.each([
    ['TypeScript sources', (f: string) => f.endsWith('.ts') && !f.endsWith('.d.ts')],
    ['lib/', (f: string) => f.startsWith('lib/')],
    ['tests', (f: string) => f.startsWith('test/') || f.includes('.test.')],
    ['project config', (f: string) => f.startsWith('.projen/') || f.startsWith('projenrc') || f.startsWith('scripts/') || f.startsWith('tsconfig')],
    ['source maps', (f: string) => f.endsWith('.map')],
    ['the bundled yaml\'s browser build', (f: string) => f.startsWith('node_modules/yaml/browser/')],
    ['peer or dev dependencies', (f: string) => /^node_modules\/(cdk8s|constructs|cdk8s-plus-\d+|jsii|typescript|vitest)\//.test(f)],
  ])('ships no %s', (_what, isIt) => {
    expect(files.filter(isIt)).toEqual([]);
  });

  // API.md and .jsii (about 520 KB and 430 KB unpacked) grow with the public API; the budget is
  // there to catch what must never ship (yaml's browser build, inline source maps, dependencies).
  test('the tarball stays small (under 800 KB packed)', () => {
    expect(packedBytes).toBeGreaterThan(0);
    expect(packedBytes).toBeLessThan(800_000);
  });

  test('the built JavaScript carries no inline source map pointing at unshipped lib/*.ts', () => {
    for (const file of ['build/index.js', 'build/constructs/allow-from.js', 'build/cli/main.js']) {
      expect(readFileSync(join(root, file), 'utf8')).not.toContain('sourceMappingURL');
    }
  });
});

describe('.jsii assembly', () => {
  const assembly = () => JSON.parse(readFileSync(join(root, '.jsii'), 'utf8'));

  test('depends on cdk8s and constructs only: a jsii library using us needs no cdk8s-plus major', () => {
    expect(Object.keys(assembly().dependencies).sort()).toEqual(['cdk8s', 'constructs']);
    expect(Object.keys(assembly().dependencyClosure).sort()).toEqual(['cdk8s', 'constructs']);
  });

  test('no public type refers to a cdk8s-plus type', () => {
    expect(JSON.stringify(assembly().types)).not.toMatch(/"cdk8s-plus-\d+\./);
  });
});

describe('package.json dependencies', () => {
  const exact = /^\d+\.\d+\.\d+$/;

  test('peers are ranges: cdk8s 2.x, constructs 10.x, every cdk8s-plus major 28 to 33', () => {
    expect(pkg.peerDependencies.cdk8s).toMatch(/^\^2\./);
    expect(pkg.peerDependencies.constructs).toMatch(/^\^10\./);
    for (let major = 28; major <= 33; major++) expect(pkg.peerDependencies[`cdk8s-plus-${major}`]).toBe('^2.0.0');
  });

  test('cdk8s-plus peers are optional (an app keeps its one cdk8s-plus); cdk8s and constructs are not', () => {
    const meta = pkg.peerDependenciesMeta;
    for (const name of Object.keys(pkg.peerDependencies)) {
      expect(meta[name]?.optional === true).toBe(name.startsWith('cdk8s-plus-'));
    }
  });

  test('dev and bundled dependencies are pinned exactly', () => {
    const loose = Object.entries({ ...pkg.devDependencies, ...pkg.dependencies }).filter(([, v]) => !exact.test(String(v)));
    expect(loose).toEqual([]);
    for (const name of pkg.bundledDependencies) expect(pkg.dependencies[name]).toMatch(exact);
  });
});
