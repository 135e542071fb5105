import { describe, expect, test } from 'vitest';
import { readObjects } from '../../lib/manifest/read-objects';
import { run } from '../cli/fake-io';

// Issue 11: Pod, workload and Namespace names are validated as the API server does, in every command.

const SUBDOMAIN = 'a lowercase RFC 1123 subdomain must consist of';
const LABEL = 'a lowercase RFC 1123 label must consist of';

const objects = (name: string, nsName = 'ns') => `apiVersion: v1
kind: Namespace
metadata: {name: ${JSON.stringify(nsName)}}
---
apiVersion: v1
kind: Pod
metadata: {name: ${JSON.stringify(name)}, namespace: ns, labels: {app: a}}
---
apiVersion: v1
kind: Pod
metadata: {name: ok, namespace: ns, labels: {app: b}}
`;

describe('readObjects', () => {
  test.each([
    ['Pod', 'Web_1', 'metadata.name', SUBDOMAIN],
    ['Deployment', 'Web', 'metadata.name', SUBDOMAIN],
    ['StatefulSet', 'a'.repeat(254), 'metadata.name', 'must be no more than 253 characters'],
    ['CronJob', '-x', 'metadata.name', SUBDOMAIN],
  ])('%s named %j: an error at %s, not analyzed', (kind, name, field, message) => {
    const read = readObjects([{ apiVersion: 'v1', kind, metadata: { name, namespace: 'ns' } }]);
    expect(read.workloads).toEqual([]);
    const e = read.issues.find((i) => i.severity === 'error')!;
    expect(e).toMatchObject({ code: 'V-2', field, object: `${kind} ns/${name}` });
    expect(e.message).toContain(message);
    expect(e.message.startsWith(`Invalid value: "${name.slice(0, 60)}"`)).toBe(true);
  });

  test('a Pod without a name is an error; with only a valid generateName it is read', () => {
    expect(readObjects([{ kind: 'Pod', metadata: { namespace: 'ns' } }]).issues).toContainEqual(expect.objectContaining({ code: 'V-1', severity: 'error', field: 'metadata.name' }));
    const gen = readObjects([{ kind: 'Pod', metadata: { generateName: 'web-', namespace: 'ns' } }]);
    expect(gen.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('a Pod in an invalid namespace is an error at metadata.namespace', () => {
    const read = readObjects([{ kind: 'Pod', metadata: { name: 'p', namespace: 'Team.A' } }]);
    expect(read.workloads).toEqual([]);
    expect(read.issues).toContainEqual(expect.objectContaining({ code: 'V-3', severity: 'error', field: 'metadata.namespace', hint: 'did you mean "team-a"?' }));
  });

  test.each(['Team.A', 'a.b', 'x'.repeat(64)])('Namespace %j: a DNS-1123 label error, not analyzed', (name) => {
    const read = readObjects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }]);
    expect(read.namespaces.map((n) => n.name)).not.toContain(name);
    expect(read.issues).toContainEqual(expect.objectContaining({ code: 'V-3', severity: 'error', field: 'metadata.name' }));
  });

  test('valid names are read as before', () => {
    const read = readObjects([{ kind: 'Namespace', metadata: { name: 'ns' } }, { kind: 'Pod', metadata: { name: 'web-1.x', namespace: 'ns' } }]);
    expect(read.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(read.workloads.map((w) => w.name)).toEqual(['web-1.x']);
  });
});

describe('every command reports an invalid name', () => {
  const files = { 'f.yaml': objects('Web_1') };

  test('check: error naming file, document, object and field; exit 1', async () => {
    const r = await run(['check', 'f.yaml', '--no-lint'], files);
    expect(r.stdout).toMatch(/f\.yaml:\d+: error V-2: Pod ns\/Web_1 \(document 2\) metadata\.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain/);
    expect(r.code).toBe(1);
  });

  test.each([
    [['matrix', 'f.yaml', '--port', '80']],
    [['explain', 'f.yaml', '--from', 'ns/ok', '--to', 'ns/ok', '--port', '80']],
    [['graph', 'f.yaml']],
    [['probe', 'f.yaml', '--port', '80']],
    [['import', 'f.yaml']],
  ])('%j prints the error on stderr', async (args) => {
    const r = await run(args, files);
    expect(r.stderr).toContain('metadata.name: Invalid value: "Web_1": ' + SUBDOMAIN);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  test('matrix leaves the invalid pod out, and says so', async () => {
    const r = await run(['matrix', 'f.yaml', '--port', '80', '--format', 'json'], files);
    expect(JSON.parse(r.stdout).endpoints).toEqual(['ns/ok']);
    expect(r.stderr).toContain('left out of the analysis');
  });

  test('an invalid Namespace name is reported by check and matrix', async () => {
    const bad = { 'f.yaml': objects('ok2', 'Bad_NS') };
    const c = await run(['check', 'f.yaml', '--no-lint'], bad);
    expect(c.stdout).toContain(`metadata.name: Invalid value: "Bad_NS": ${LABEL}`);
    expect(c.code).toBe(1);
    const m = await run(['matrix', 'f.yaml', '--port', '80'], bad);
    expect(m.stderr).toContain(`metadata.name: Invalid value: "Bad_NS": ${LABEL}`);
  });
});

describe('an invalid NetworkPolicy is reported by every command, and still analyzed as written', () => {
  // A deny-all ingress policy whose name the API server rejects: dropping it would widen the
  // input (ns/a would become reachable), so it stays in the analysis, loudly.
  const files = { 'f.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: Deny_All, namespace: ns}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: ns, labels: {app: a}}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: ns, labels: {app: b}}
` };

  test.each([
    [['matrix', 'f.yaml', '--port', '80']],
    [['explain', 'f.yaml', '--from', 'ns/b', '--to', 'ns/a', '--port', '80']],
    [['graph', 'f.yaml']],
    [['connections', 'f.yaml']],
  ])('%j prints the API server\'s error on stderr', async (args) => {
    const r = await run(args, files);
    expect(r.stderr).toContain('NetworkPolicy ns/Deny_All');
    expect(r.stderr).toContain('metadata.name: Invalid value: "Deny_All": ' + SUBDOMAIN);
  });

  test('the verdict is the policy\'s: ns/b -> ns/a denied', async () => {
    const r = await run(['explain', 'f.yaml', '--from', 'ns/b', '--to', 'ns/a', '--port', '80', '--format', 'json'], files);
    expect(JSON.parse(r.stdout).allowed).toBe(false);
  });

  test('check counts each error once', async () => {
    const r = await run(['check', 'f.yaml', '--no-lint', '--format', 'json'], files);
    expect(JSON.parse(r.stdout).issues.filter((i: { code: string }) => i.code === 'V-2')).toHaveLength(1);
    expect(r.code).toBe(1);
  });
});
