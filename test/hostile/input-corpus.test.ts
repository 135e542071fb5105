import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from '../cli/fake-io';

// The hostile-input corpus (inputs/input/): each file must end, through `netpol check`, with exit
// 2 and a read-limit error naming the file and document (never a hang, a Node abort or a stack).
// Every file in the directory needs an entry here, and every entry a file.

const DIR = join(__dirname, 'inputs', 'input');

const EXPECTED: { [file: string]: { document: number; message: RegExp } } = {
  'json-nested-1000.json': { document: 1, message: /nested more than 100 levels deep; netpol reads at most 100/ },
  'yaml-flow-nested-5000.yaml': { document: 1, message: /nested more than 100 levels deep/ },
  'yaml-block-nested-150.yaml': { document: 1, message: /nested more than 100 levels deep/ },
  'nested-second-document.yaml': { document: 2, message: /nested more than 100 levels deep/ },
  'billion-laughs.yaml': { document: 1, message: /uses aliases \(\*name\) more than 1000 times/ },
  'alias-chain-130.yaml': { document: 1, message: /uses aliases \(\*name\) more than 1000 times/ },
  'alias-amplification.yaml': { document: 1, message: /aliases \(\*name\) expand this document by more than 100,000 values/ },
};

const files = readdirSync(DIR).sort();

describe('hostile input corpus', () => {
  test('every corpus file has an expectation, and every expectation a file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(files)('%s: exit 2 with a read-limit error naming the file and document', async (file) => {
    const path = `corpus/${file}`;
    for (const args of [['check', path], ['matrix', path, '--port', '80']]) {
      const r = await run(args, { [path]: readFileSync(join(DIR, file), 'utf8') });
      const out = r.stdout + r.stderr;
      expect(r.code).toBe(2);
      expect(out).toMatch(new RegExp(`${path.replace(/\./g, '\\.')}:\\d+: error read-limit: [^\\n]*\\(document ${EXPECTED[file].document}\\)`));
      expect(out).toMatch(EXPECTED[file].message);
      expect(out).not.toMatch(/\n\s+at |looks like a bug|internal-error|FATAL/);
    }
  });

  test('the documents before a too-deep one are still read', async () => {
    const path = 'corpus/nested-second-document.yaml';
    const r = await run(['check', path, '--verbose'], { [path]: readFileSync(join(DIR, 'nested-second-document.yaml'), 'utf8') });
    expect(r.stdout).toMatch(/in 1 object from 1 file/);
  });
});
