import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { uriReference } from '../../lib/cli/format/issues-sarif';
import { safeJson } from '../../lib/cli/format/json';
import { csvField } from '../../lib/cli/format/matrix-csv';
import { markdownCell } from '../../lib/cli/format/matrix-markdown';
import { shq } from '../../lib/cli/format/probe-bash';
import { escapeHtml } from '../../lib/graph/html';
import { dotString, mermaidString } from '../../lib/graph/text-formats';
import { escapeControlChars } from '../../lib/model/untrusted-text';

// Each escape holds for any string, not only the hand-picked hostile names.

const RAW_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// Strings weighted toward the characters that matter: controls, quotes, markup, separators.
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\u001b', '\u0007', '\n', '\r', '\t', '\u0000', '\u007f', '\u009b', '\u2028', '\u202e', '\u2066', '"', "'", '`', '\\', '|', '<', '>', '&', '#', '%', ';', '=', '+', '-', '@', ',', '$', '(', ')', '{', '}', '*', '_', '[', ']', '~'),
    fc.string({ unit: 'grapheme', maxLength: 1 }),
  ),
  maxLength: 30,
});

describe('escapes hold for any string', () => {
  test('escapeControlChars leaves no unsafe character', () => {
    fc.assert(fc.property(nasty, (s) => !RAW_UNSAFE.test(escapeControlChars(s))));
  });

  test('safeJson parses back to the same value and carries no raw unsafe character', () => {
    fc.assert(fc.property(nasty, (s) => {
      const text = safeJson({ s });
      return !RAW_UNSAFE.test(text.replace(/\n {0,2}/g, '')) && JSON.parse(text).s === s;
    }));
  });

  test('a CSV cell never begins with a formula character and never ends the row', () => {
    fc.assert(fc.property(nasty, (s) => {
      const cell = csvField(s).replace(/^"/, '');
      return !/^[=+\-@\t\r]/.test(cell) && !/[\r\n]/.test(csvField(s));
    }));
  });

  test('a Markdown cell has no unescaped | and no raw < or newline', () => {
    fc.assert(fc.property(nasty, (s) => {
      const cell = markdownCell(s).replace(/\\\\/g, '').replace(/\\\|/g, '');
      return !/[|<\n]/.test(cell);
    }));
  });

  test('a Mermaid string holds only letters, digits, space, . / : , _ - and #code; entities', () => {
    fc.assert(fc.property(nasty, (s) => /^"([A-Za-z0-9 ./:,_-]|#\d+;)*"$/.test(mermaidString(s))));
  });

  test('a Graphviz string has no unescaped quote', () => {
    fc.assert(fc.property(nasty, (s) => /^"([^"\\]|\\.)*"$/s.test(dotString(s))));
  });

  test('HTML text has no < > " \' and no & outside an entity', () => {
    fc.assert(fc.property(nasty, (s) => !/[<>"']|&(?!(amp|lt|gt|quot|#39);)/.test(escapeHtml(s))));
  });

  test('a SARIF uri is an RFC 3986 path of unreserved characters, / and %XX', () => {
    fc.assert(fc.property(nasty, (s) => /^([A-Za-z0-9\-._~/]|%[0-9A-F]{2})*$/.test(uriReference(s))));
  });

  test.skipIf(spawnSync('bash', ['-c', 'true']).status !== 0)('shq: bash reads back every string exactly (one bash run for 200 strings)', () => {
    const samples = fc.sample(nasty.filter((s) => !s.includes('\u0000')), 200);
    const script = samples.map((s) => `printf '%s\\0' ${shq(s)}`).join('\n');
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(r.stdout.split('\u0000').slice(0, -1)).toEqual(samples);
  });
});
