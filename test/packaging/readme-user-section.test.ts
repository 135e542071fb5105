import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { stringify } from 'yaml';
import { run } from '../cli/fake-io';
import { REPO, libraryFrom, removeTmp, resetTmp, synthProgram, typeErrors, writeProgram } from '../import/program';

// The README's user section is what the packaging check runs (scripts/packaging-check.sh): its
// chart is test/packaging/apps/cdk8s-app/main.ts, its commands are the script's. Here, fast, the
// chart type-checks against the library, synthesizes, and `netpol check` passes on its output.

const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const HEADING = '## Use it in a cdk8s app';
const section = README.slice(README.indexOf(HEADING)).split(/\n## /)[0];
const blocks = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
const MAIN = join(REPO, 'test', 'packaging', 'apps', 'cdk8s-app', 'main.ts');
const main = readFileSync(MAIN, 'utf8');
const script = readFileSync(join(REPO, 'scripts', 'packaging-check.sh'), 'utf8');

test('the user section comes first, before the tour', () => {
  expect(README.split(HEADING)).toHaveLength(2);
  expect(README.indexOf(HEADING)).toBeLessThan(README.indexOf('## A 5-minute tour'));
  expect(README.indexOf('\n## ') + 1).toBe(README.indexOf(HEADING)); // the first section
});

test('its chart is test/packaging/apps/cdk8s-app/main.ts, from its first import to its end', () => {
  const [chart] = blocks('ts');
  expect(main.endsWith(chart)).toBe(true);
  const before = main.slice(0, main.length - chart.length);
  expect(before.split('\n').filter(Boolean).every((l) => l.startsWith('//'))).toBe(true);
  expect(chart.startsWith('import ')).toBe(true);
  expect(chart).toContain("from 'cdk8s-netpol'");
});

test('its commands are the ones the packaging check runs in the app', () => {
  const commands = blocks('sh').flatMap((b) => b.trim().split('\n'));
  expect(commands).toEqual(['npm install cdk8s-netpol', 'npx cdk8s synth --no-check-upgrade', 'npx netpol check dist/']);
  for (const c of commands.slice(1)) expect(script).toContain(`(cd "$dir" && ${c})`);
  expect(script).toContain('"cdk8s-netpol": `file:${tarball}`'); // npm install, from the tarball
  expect(script).toContain('"$root/test/packaging/apps/cdk8s-app/main.ts"');
});

test('it names the peers package.json declares', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  for (const peer of ['cdk8s', 'constructs']) expect(section).toContain(`\`${peer}\` ${pkg.peerDependencies[peer]}`);
  const plus = Object.keys(pkg.peerDependencies).filter((p) => p.startsWith('cdk8s-plus-')).sort();
  expect(section).toContain(`\`${plus[0]}\` to \`${plus[plus.length - 1]}\``);
});

test('the chart type-checks against the library, synthesizes, and netpol check passes on its output', async () => {
  expect(typeErrors([MAIN])).toEqual([]);
  const dir = resetTmp('readme-user-section');
  try {
    const file = writeProgram(dir, 'main', main.replace("from 'cdk8s-netpol'", `from '${libraryFrom(dir)}'`));
    const objects = await synthProgram(file);
    expect(objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name).sort()).toEqual([
      'allow-api-egress', 'allow-api-to-db', 'allow-ingress-to-web', 'allow-web-egress', 'allow-web-to-api', 'baseline-allow-dns', 'baseline-default-deny',
    ].sort());
    const r = await run(['check', 'dist'], // the fake file system has no trailing-slash form
       { 'dist/shop.k8s.yaml': objects.map((o) => stringify(o)).join('---\n') });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^0 errors, 0 warnings/m);
  } finally {
    removeTmp('readme-user-section');
  }
});
