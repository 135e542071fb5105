import * as fs from 'node:fs';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { afterEach, expect, test, vi } from 'vitest';
import { DefaultDeny } from '../../lib';
import { removeTmp, resetTmp, typeErrors } from '../import/program';

// The README's "Lint at synth time" and "Who can reach whom" sections are real: the warning is
// what synthesis prints, the snippets type-check against the library.

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = (heading: string) => README.slice(README.indexOf(heading)).split(/\n##+ /)[0];
const blocks = (text: string, lang: string) => [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

afterEach(() => vi.restoreAllMocks());

test('the synth-time warning shown is what synthesis prints for a default deny alone', () => {
  const printed: string[] = [];
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
  const chart = new Chart(Testing.app(), 'payments', { namespace: 'payments' });
  new DefaultDeny(chart, 'default-deny');
  Testing.synth(chart);
  expect(blocks(section('### Lint at synth time'), 'text').map((b) => b.trim())).toEqual(printed);
});

test('the snippets type-check against the library', () => {
  const dir = resetTmp('readme-snippets'); // inside the repository, so that cdk8s resolves
  try {
    const preamble = [
      "import { App, Chart } from 'cdk8s';",
      "import { DefaultDeny, Reachability, Select, SynthLint } from 'cdk8s-netpol';",
      'export function snippet(app: App, chart: Chart): void {',
    ];
    const files = [...blocks(section('### Lint at synth time'), 'ts'), ...blocks(section('## Who can reach whom'), 'ts')].map((code, i) => {
      const file = path.join(dir, `snippet-${i}.ts`);
      writeFileSync(file, [...preamble, code, '  void app; void chart; void DefaultDeny; void Reachability; void Select; void SynthLint;', '}', ''].join('\n'));
      return file;
    });
    expect(files).toHaveLength(2);
    expect(typeErrors(files)).toEqual([]);
  } finally {
    removeTmp('readme-snippets');
  }
});
