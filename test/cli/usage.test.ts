import { describe, expect, test } from 'vitest';
import { run, shopFiles } from './fake-io';

// Every command's --help, and the user mistakes tried by hand on every command: exit 2, one
// clear line naming the option or input, never a stack trace, never a doubled `netpol:` prefix.

const COMMANDS = ['check', 'explain', 'matrix', 'probe', 'import', 'graph', 'rules'];

test.each(COMMANDS)('%s --help: its usage on stdout, exit 0', async (cmd) => {
  const r = await run([cmd, '--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(new RegExp(`^Usage: netpol ${cmd} \\[options\\]`));
  expect(r.stderr).toBe('');
});

test('--help lists every command', async () => {
  const r = await run(['--help']);
  for (const cmd of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
});

describe('user mistakes: exit 2, a clear message, no stack trace', () => {
  test.each([
    [['check', '--pod-cidr', 'banana', 'shop'], /--pod-cidr "banana": not a CIDR/],
    [['check', '--pod-cidr', '10.0.0.0/33', 'shop'], /--pod-cidr "10\.0\.0\.0\/33": not a CIDR/],
    [['graph', '--pod-cidr', '10.0.0.0', 'shop'], /--pod-cidr "10\.0\.0\.0": not a CIDR/],
    [['graph', 'shop', '--format', 'pdf'], /'pdf' is invalid/],
    [['graph', 'shop', '--port', '80/FOO'], /--port "80\/FOO": the protocol must be TCP, UDP or SCTP/],
    [['graph', 'nothere'], /nothere: error input-unreadable: no such file or directory/],
    [['import'], /^netpol import: name at least one file/],
    [['import', 'shop', '--bogus'], /unknown option '--bogus'/],
    [['probe', 'shop'], /^netpol probe: give at least one --port/],
    [['probe', 'shop', '--port', '80', '--max-flows', 'abc'], /--max-flows "abc"/],
    [['probe', 'shop', '--port', '80', '--timeout', '0'], /--timeout "0"/],
    [['explain', 'shop', '--from', 'web/frontend'], /^netpol explain: --to is required/],
    [['explain', 'shop', '--from', 'web/frontend', '--to', 'payments/api', '--port', 'http'], /--port "http": write a port number/],
    [['explain', 'shop', '--from', 'web/frontend', '--to', 'payments/api', '--port', '99999'], /between 1 and 65535/],
    [['matrix', 'shop'], /^netpol matrix: give at least one --port/],
    [['check'], /^netpol check: name at least one file/],
  ])('%j', async (args, message) => {
    const r = await run(args as string[], shopFiles());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.stderr).not.toMatch(/netpol: netpol/);
  });
});

describe('awkward inputs', () => {
  test.each([
    ['an empty file', { 'empty.yaml': '' }, ['empty.yaml'], /no Kubernetes objects in empty\.yaml: the input is empty or holds only comments/],
    ['only comments and separators', { 'c.yaml': '# nothing\n---\n---\n' }, ['c.yaml'], /no Kubernetes objects in c\.yaml/],
    ['empty standard input', {}, ['-'], /no Kubernetes objects in standard input/],
  ])('check on %s: exit 2, naming the input', async (_name, files, args, message) => {
    const r = await run(['check', ...args], files);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('a directory of non-manifests only: exit 2, naming the directory', async () => {
    const r = await run(['check', 'docs'], { 'docs/README.md': '# hi\n', 'docs/logo.png': '\u0089PNG' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^docs: error input-unreadable: this directory holds no \*\.yaml, \*\.yml or \*\.json file/m);
  });

  test('a Helm-style List export on standard input is read item by item', async () => {
    const list = JSON.stringify({
      apiVersion: 'v1', kind: 'List', items: [
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'a' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'a' } },
      ],
    });
    const r = await run(['check', '-', '--format', 'json'], {}, { stdin: list });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary.objects).toBe(2);
    expect(out.issues.map((i: { code: string }) => i.code)).toContain('half-isolated');
    expect(out.issues.find((i: { code: string }) => i.code === 'read-kind-ignored')).toMatchObject({
      object: 'ConfigMap a/c', file: '-', document: 1, message: expect.stringMatching(/^ignored: only NetworkPolicy, Namespace, Pod and workloads/),
    });
  });
});

describe('objects that take no part are noted, with their place', () => {
  const np = (apiVersion: string, name: string) => `apiVersion: ${apiVersion}\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: a}\nspec: {podSelector: {}}\n`;
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: a}\n`;

  test('one ignored object: its file, document, line and object', async () => {
    const r = await run(['check', 'a.yaml', '--format', 'json'], { 'a.yaml': `${np('networking.k8s.io/v1', 'deny')}---\n${cm('c')}` });
    const note = JSON.parse(r.stdout).issues.find((i: { code: string }) => i.code === 'read-kind-ignored');
    expect(note).toMatchObject({ file: 'a.yaml', document: 2, line: 6, object: 'ConfigMap a/c' });
  });

  test('several: counted per kind, naming the files', async () => {
    const r = await run(['check', 'a.yaml', 'b.yaml'], { 'a.yaml': `${np('networking.k8s.io/v1', 'deny')}---\n${cm('c')}`, 'b.yaml': cm('d') });
    expect(r.stdout).toMatch(/note read-kind-ignored: 2 objects of kind ConfigMap in a\.yaml, b\.yaml ignored/);
  });

  test('a Calico NetworkPolicy keeps its own message: another dialect, not an unknown kind', async () => {
    const r = await run(['check', 'a.yaml', '-v'], { 'a.yaml': `${np('networking.k8s.io/v1', 'deny')}---\n${np('projectcalico.org/v3', 'calico')}` });
    expect(r.stdout).toMatch(/a\.yaml:\d+: note read-kind-ignored: NetworkPolicy a\/calico \(document 2\): apiVersion "projectcalico\.org\/v3" is not a Kubernetes NetworkPolicy/);
    expect(r.stdout).not.toMatch(/of kind NetworkPolicy/);
  });
});
