import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

// ARCHITECTURE.md: the core layers are pure (no cdk8s, no node:*, no I/O); constructs/ and cli/
// never import each other, so the CLI runs on any YAML without cdk8s.

const LIB = join(__dirname, '..', '..', 'lib');
const PURE = ['model', 'manifest', 'dialects', 'analysis', 'lint', 'patterns', 'import', 'graph'];
const CDK8S_MODULES = /^(cdk8s|cdk8s-plus-\d+|constructs)(\/|$)/;

function sources(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push(m[1] ?? m[2] ?? m[3]);
  }
  return found;
}

/** The file without comment lines. */
function code(file: string): string {
  return readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join('\n');
}

function layerOf(file: string): string {
  return relative(LIB, file).split(/[\\/]/)[0];
}

function resolveLayer(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = relative(LIB, join(file, '..', spec));
  return target.startsWith('..') ? undefined : target.split(/[\\/]/)[0];
}

const existing = (layers: string[]) => layers.filter((l) => { try { return statSync(join(LIB, l)).isDirectory(); } catch { return false; } });

describe('layer rules', () => {
  for (const layer of existing(PURE)) {
    test(`lib/${layer} is pure: no cdk8s, constructs or node:* imports`, () => {
      const offending = sources(join(LIB, layer)).flatMap((f) =>
        imports(f)
          .filter((s) => CDK8S_MODULES.test(s) || s.startsWith('node:') || ['fs', 'path', 'child_process', 'os', 'process'].includes(s))
          .map((s) => `${relative(LIB, f)} imports ${s}`),
      );
      expect(offending).toEqual([]);
    });
    test(`lib/${layer} imports no adapter layer (constructs, cli, testing)`, () => {
      const offending = sources(join(LIB, layer)).flatMap((f) =>
        imports(f)
          .filter((s) => ['constructs', 'cli', 'testing'].includes(resolveLayer(f, s) ?? ''))
          .map((s) => `${relative(LIB, f)} imports ${s}`),
      );
      expect(offending).toEqual([]);
    });
  }

  test('constructs/ and cli/ never import each other', () => {
    const offending = existing(['constructs', 'cli']).flatMap((layer) =>
      sources(join(LIB, layer)).flatMap((f) =>
        imports(f)
          .filter((s) => {
            const target = resolveLayer(f, s);
            return target !== layerOf(f) && (target === 'constructs' || target === 'cli');
          })
          .map((s) => `${relative(LIB, f)} imports ${s}`),
      ),
    );
    expect(offending).toEqual([]);
  });

  test('the CLI does not load cdk8s at run time', () => {
    const offending = existing(['cli']).flatMap(() =>
      sources(join(LIB, 'cli')).flatMap((f) => imports(f).filter((s) => CDK8S_MODULES.test(s)).map((s) => `${relative(LIB, f)} imports ${s}`)),
    );
    expect(offending).toEqual([]);
  });

  test('no test or source reads ../shared (a fresh clone has only the repository)', () => {
    const root = join(__dirname, '..', '..');
    const files = [...sources(join(root, 'lib')), ...sources(join(root, 'test'))].filter((f) => !f.endsWith('layers.test.ts'));
    const offending = files.filter((f) => /['"`][^'"`\n]*\/work\/shared|join\([^)]*'shared'/.test(code(f))).map((f) => relative(root, f));
    expect(offending).toEqual([]);
  });
});
