import { describe, expect, test } from 'vitest';
import { Matrix } from '../../lib/analysis';
import { formatIssueLine } from '../../lib/cli/format/issues-text';
import { formatIssuesSarif, uriReference } from '../../lib/cli/format/issues-sarif';
import { safeJson } from '../../lib/cli/format/json';
import { csvField, formatMatrixCsv } from '../../lib/cli/format/matrix-csv';
import { formatMatrixMarkdown, markdownCell } from '../../lib/cli/format/matrix-markdown';
import { formatMatrixText } from '../../lib/cli/format/matrix-text';
import { formatVerdictText } from '../../lib/cli/format/verdict-text';
import { styleFor } from '../../lib/cli/style';
import { formatGraphDot, formatGraphHtml, formatGraphMermaid, TrafficGraph } from '../../lib/graph';
import { dotString, mermaidString } from '../../lib/graph/text-formats';
import { escapeHtml } from '../../lib/graph/html';
import { Issue, Protocol, Severity } from '../../lib/model';
import { escapeControlChars } from '../../lib/model/untrusted-text';
import { fakeIo, run } from '../cli/fake-io';

// Names from hostile input, printed by every output format: nothing a terminal, spreadsheet,
// Markdown or Mermaid renderer or browser would act on may come through raw.

const HOSTILE = [
  'a\u001b]52;c;cHduZWQ=\u0007b', // ESC ... BEL: sets the clipboard (OSC 52)
  'a\u001b[2Jb', // clears the screen
  'line\nbreak',
  'cr\rreturn',
  'sep\u2028arator',
  'csi\u009bc1',
  'rlo\u202eevil',
  '=cmd|\' /C calc\'!A0',
  'pipe|name',
  '</script><script>alert(1)</script>',
  '#quot;entity',
  '--kubeconfig=/tmp/x',
  '$(touch /tmp/pwned)',
  '`backticks`',
  '"double\' single',
];

/** Any raw character a terminal or viewer would act on. */
const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('escapeControlChars: one escape for every text output', () => {
  test.each([
    ['\u001b[31m', '\\x1b[31m'],
    ['\u0007', '\\x07'],
    ['a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['\u007f\u0085\u009b', '\\x7f\\x85\\x9b'],
    ['\u2028\u2029', '\\u2028\\u2029'],
    ['\u202a\u202e\u2066\u2069\u200e\u061c', '\\u202a\\u202e\\u2066\\u2069\\u200e\\u061c'],
    ['plain web/frontend-1 é 日本 \\ "q"', 'plain web/frontend-1 é 日本 \\ "q"'],
  ])('%j -> %s', (input, expected) => {
    expect(escapeControlChars(input)).toBe(expected);
  });
});

function fakeMatrix(endpoints: string[]): Matrix {
  const ports = [{ port: 80, protocol: Protocol.TCP }];
  return {
    endpoints,
    ports,
    isAllowed: (from: string, to: string) => from < to,
    countAllowed: () => 1,
    entries: () => endpoints.flatMap((from) => endpoints.filter((to) => to !== from).map((to) => ({ from, to, port: 80, protocol: Protocol.TCP, allowed: from < to }))),
  } as unknown as Matrix;
}

function fakeGraph(names: string[]): TrafficGraph {
  const nodes = names.map((name, i) => ({
    id: `ns${i}/${name}`, namespace: `ns${i}`, name, kind: 'Pod', ingressIsolated: i % 2 === 0, egressIsolated: false, ports: ['80/TCP'], defaultPorts: false,
  }));
  return {
    namespaces: nodes.map((n) => n.namespace),
    nodes,
    edges: nodes.slice(1).map((n) => ({ from: nodes[0].id, to: n.id, ports: ['80/TCP'] })),
    policyCount: 1,
  } as unknown as TrafficGraph;
}

describe('terminal text formats: control characters escaped, the project\'s colours kept', () => {
  const style = styleFor(fakeIo({}, { isTTY: true }).io);
  test.each(HOSTILE)('issue line for %j', (name) => {
    const issue: Issue = { code: 'V-2', severity: Severity.ERROR, message: `Invalid value: ${name}`, file: `dir/${name}.yaml`, object: `NetworkPolicy ${name}`, field: name, hint: name };
    const line = formatIssueLine(issue, style);
    expect(line.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW_UNSAFE);
    expect(line).toContain(escapeControlChars(`Invalid value: ${name}`));
    expect(line).toContain('\u001b[31merror\u001b[39m'); // styling is the project's, kept
  });

  test('matrix text: every name escaped, columns aligned on the escaped width', () => {
    const text = formatMatrixText(fakeMatrix(HOSTILE.map((n) => `ns/${n}`)), style);
    expect(text.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW_UNSAFE);
    expect(text).toContain('ns/a\\x1b[2Jb');
  });

  test('explain text: endpoints, policies and notes escaped', () => {
    const side = { direction: 'Ingress', endpoint: 'x/\u001b[2J', outcome: 'ISOLATED', allowed: true, policies: ['p\u202e'], allowedBy: [{ policy: 'p\u0007', field: 'spec.ingress[0]', peer: 'q\u009b', port: '80/TCP' }], nearMisses: [] };
    const text = formatVerdictText({ from: 'a/\u001b]0;x\u0007', to: 'b/c\n', port: 80, protocol: Protocol.TCP, allowed: true, egress: side, ingress: side, loopback: false, notes: ['n\u001b'] } as never, style, () => 'f\u001b.yaml:1');
    expect(text.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW_UNSAFE);
    expect(text).toContain('a/\\x1b]0;x\\x07 -> b/c\\n on 80/TCP');
  });

  test('usage errors and commander errors echo the input escaped', async () => {
    const a = await run(['rules', 'x\u001b[2J\u202e']);
    expect(a.code).toBe(2);
    expect(a.stderr).not.toMatch(RAW_UNSAFE);
    expect(a.stderr).toContain('x\\u001b[2J\\u202e');
    const b = await run(['check', '--bogus\u001b[2J']);
    expect(b.code).toBe(2);
    expect(b.stderr).not.toMatch(RAW_UNSAFE);
    expect(b.stderr).toContain('--bogus\\x1b[2J');
  });

  test('a file path with control characters is escaped where check names it', async () => {
    const r = await run(['check', 'bad\u001b[2J.yaml'], { 'bad\u001b[2J.yaml': 'kind: NetworkPolicy\n: : :\n' });
    expect(r.stdout + r.stderr).not.toMatch(RAW_UNSAFE);
    expect(r.stdout + r.stderr).toContain('bad\\x1b[2J.yaml');
  });

  test('a file holding no objects is named escaped', async () => {
    const r = await run(['check', 'e\u001b[2J.yaml'], { 'e\u001b[2J.yaml': '# only a comment\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no Kubernetes objects in e\\x1b[2J.yaml');
    expect(r.stderr).not.toMatch(RAW_UNSAFE);
  });
});

describe('CSV: formulas neutralized (OWASP), cells quoted', () => {
  test.each([
    ['=cmd|\' /C calc\'!A0', '\'=cmd|\' /C calc\'!A0'],
    ['+1+1', '\'+1+1'],
    ['-2+3', '\'-2+3'],
    ['@SUM(A1)', '\'@SUM(A1)'],
    ['\tx', '\'\\tx'],
    ['\rx', '\'\\rx'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=a,"b"', '"\'=a,""b"""'],
    ['line\nbreak', 'line\\nbreak'],
    ['x/web', 'x/web'],
    ['ip:10.0.0.1', 'ip:10.0.0.1'],
  ])('%j -> %s', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  test('a whole CSV keeps one line per entry whatever the names', () => {
    const csv = formatMatrixCsv(fakeMatrix(HOSTILE));
    expect(csv.trimEnd().split('\n')).toHaveLength(1 + HOSTILE.length * (HOSTILE.length - 1));
    expect(csv).not.toMatch(RAW_UNSAFE);
  });
});

describe('Markdown: a name stays inside its cell and renders literally', () => {
  test.each([
    ['pipe|name', 'pipe\\|name'],
    ['`code`', '\\`code\\`'],
    ['line\nbreak', 'line\\\\nbreak'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['&lt;', '&amp;lt;'],
    ['a\\', 'a\\\\'],
    ['*b* _i_ ~s~ [l](u)', '\\*b\\* \\_i\\_ \\~s\\~ \\[l\\](u)'],
  ])('%j -> %s', (input, expected) => {
    expect(markdownCell(input)).toBe(expected);
  });

  test('every table row has exactly as many cells as the header', () => {
    const md = formatMatrixMarkdown(fakeMatrix(HOSTILE));
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    const cells = (row: string) => row.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
    expect(rows).toHaveLength(HOSTILE.length + 2);
    for (const row of rows) expect(cells(row)).toBe(cells(rows[0]));
    expect(md).not.toMatch(RAW_UNSAFE);
  });
});

describe('SARIF: artifactLocation.uri is a percent-encoded URI reference', () => {
  test.each([
    ['p.yaml', 'p.yaml'],
    ['dir/sub/p.yaml', 'dir/sub/p.yaml'],
    ['a b#1?.yaml', 'a%20b%231%3F.yaml'],
    ['c:/x.yaml', 'c%3A/x.yaml'],
    ['100%.yaml', '100%25.yaml'],
    ['é.yaml', '%C3%A9.yaml'],
    ['x\ny\u001b.yaml', 'x%0Ay%1B.yaml'],
    ["it's(1)*!.yaml", 'it%27s%281%29%2A%21.yaml'],
    ['bad\ud800.yaml', 'bad%EF%BF%BD.yaml'],
  ])('%j -> %s', (input, expected) => {
    expect(uriReference(input)).toBe(expected);
    expect(uriReference(input)).toMatch(/^([A-Za-z0-9\-._~/]|%[0-9A-F]{2})*$/);
  });

  test('in the SARIF log', () => {
    const log = JSON.parse(formatIssuesSarif([{ code: 'V-2', severity: Severity.ERROR, message: 'm\u202e', file: 'a b.yaml' }], [], '1'));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('a%20b.yaml');
    expect(log.runs[0].results[0].message.text).toBe('m\u202e');
  });
});

describe('JSON: C1, U+2028 and bidi overrides written as \\u escapes, the value unchanged', () => {
  test.each(HOSTILE)('%j', (name) => {
    const text = safeJson({ name });
    expect(text).not.toMatch(RAW_UNSAFE);
    expect(JSON.parse(text)).toEqual({ name });
  });
});

describe('Mermaid: labels show names literally', () => {
  test.each([
    ['#quot;', '"#35;quot#59;"'],
    ['a"b', '"a#34;b"'],
    ['<b>x</b>', '"#60;b#62;x#60;/b#62;"'],
    ['`md`', '"#96;md#96;"'],
    ['%%{init: {}}%%', '"#37;#37;#123;init: #123;#125;#125;#37;#37;"'],
    ['a|b', '"a#124;b"'],
    ['line\nbreak', '"line#92;nbreak"'],
    ['web/front-end_1.x', '"web/front-end_1.x"'],
  ])('%j -> %s', (input, expected) => {
    expect(mermaidString(input)).toBe(expected);
  });

  test('a whole flowchart: one line per statement, no raw markup from names', () => {
    const text = formatGraphMermaid(fakeGraph(HOSTILE));
    expect(text).not.toMatch(RAW_UNSAFE);
    expect(text).not.toMatch(/<script|#quot;entity|%%/);
    expect(text.trimEnd().split('\n')).toHaveLength(1 + HOSTILE.length * 3 + (HOSTILE.length - 1) + 2);
  });
});

describe('Graphviz: quoted strings cannot be closed or broken', () => {
  test.each([
    ['a"b', '"a\\"b"'],
    ['a\\', '"a\\\\"'],
    ['\\N', '"\\\\N"'],
    ['x\ny', '"x\\\\ny"'],
  ])('%j -> %s', (input, expected) => {
    expect(dotString(input)).toBe(expected);
  });

  test('a whole digraph has no raw control characters', () => {
    expect(formatGraphDot(fakeGraph(HOSTILE))).not.toMatch(RAW_UNSAFE);
  });
});

describe('HTML: every input-derived string escaped for its context', () => {
  test.each([
    ['</script><script>alert(1)</script>', '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['" onmouseover="x', '&quot; onmouseover=&quot;x'],
    ["' onmouseover='x", '&#39; onmouseover=&#39;x'],
    ['&amp;', '&amp;amp;'],
    ['a\u001bb\u202ec\u2028', 'a\\x1bb\\u202ec\\u2028'],
  ])('%j -> %s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  test('the page holds exactly its own script and no raw name', () => {
    const html = formatGraphHtml(fakeGraph(HOSTILE), {
      subtitle: 'in</title><script>x</script>.yaml',
      issues: [{ code: 'c"<', severity: Severity.ERROR, message: '<img src=x onerror=alert(1)>', object: 'o\u2028', field: 'f', hint: '</script>', file: '"f', line: 1 }],
    });
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<img|" onmouseover|<\/title><script/);
    expect(html).not.toMatch(RAW_UNSAFE);
    for (const name of HOSTILE) expect(html).toContain(`>${escapeHtml(name)}</text>`);
  });
});
