import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { run } from '../cli/fake-io';
import { REPO } from './program';

// The README's "From YAML to TypeScript, and a picture" is real: its TypeScript is what
// `netpol import` writes for examples/yaml/payments.yaml, its Mermaid is what `netpol graph` draws.

const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const HEADING = '## From YAML to TypeScript, and a picture';
const section = README.slice(README.indexOf(HEADING)).split(/\n## /)[0];
const block = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
const FILES = { 'examples/yaml/payments.yaml': readFileSync(join(REPO, 'examples/yaml/payments.yaml'), 'utf8') };

test('the section is there once', () => {
  expect(README.split(HEADING)).toHaveLength(2);
});

test('its TypeScript is what netpol import writes, line for line and in order', async () => {
  // Run as the README's own command says (its options, without --out).
  const [commands] = block('text');
  const line = commands.split('\n').find((l) => l.startsWith('npx netpol import '))!;
  const args = line.replace(/^npx netpol /, '').replace(/ --out \S+/, '').split(' ');
  const r = await run(args, FILES);
  expect(r.code).toBe(0);
  const program = r.stdout.split('\n').map((l) => l.trim());
  const [shown] = block('ts');
  let at = 0;
  for (const line of shown.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const found = program.indexOf(line, at);
    expect(found, `README line not in the import output (in order): ${line}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
});

test('its Mermaid picture is what netpol graph draws', async () => {
  const r = await run(['graph', 'examples/yaml/payments.yaml'], FILES);
  expect(r.code).toBe(0);
  expect(block('mermaid')).toEqual([r.stdout]);
});

test('its commands are the ones the CLI has', async () => {
  const [commands] = block('text');
  for (const line of commands.trim().split('\n')) {
    const args = line.replace(/^npx netpol /, '').replace(/ > .*$/, '').split(' ');
    const help = await run([args[0], '--help']);
    for (const option of args.filter((a) => a.startsWith('--'))) expect(help.stdout, `${args[0]} ${option}`).toContain(option);
  }
});
