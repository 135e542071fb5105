import { describe, expect, test } from 'vitest';
import { run } from './fake-io';

// `netpol explain` without --port names the cluster policy rules whose peers the analyzer cannot
// match (nodes, domainNames; docs/cluster-network-policy.md rule 8), as it does with --port: for
// the connections that reach such a rule, never for a rule an earlier one decided, and Baseline
// rules only where no NetworkPolicy isolates the source.

const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: {name: x}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x, labels: {app: a}}
spec: {containers: [{name: m, image: i}]}
status: {podIP: 10.0.1.1}
`;
const cnp = (name: string, tier: string, egress: string) => `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: ${name}}
spec:
  tier: ${tier}
  priority: 10
  subject: {namespaces: {}}
  egress:
${egress.trim().split('\n').map((l) => `  ${l}`).join('\n')}
`;
const EGRESS_NP = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: eg, namespace: x}
spec: {podSelector: {}, policyTypes: [Egress]}
`;
const DOMAINS = '- {action: Accept, to: [{domainNames: ["*.example.com"]}], protocols: [{tcp: {destinationPort: {number: 443}}}]}\n- {action: Deny, to: [{networks: [0.0.0.0/0]}]}';

describe.each([
  {
    what: 'an Admin domainNames Accept reached on TCP 443',
    policy: cnp('web', 'Admin', DOMAINS),
    note: /note: ClusterNetworkPolicy\/web spec\.egress\[0\] \(Admin tier, Accept\) has a domainNames peer .*took it as not matching ip:93\.184\.216\.34 \(TCP 443\)/,
  },
  {
    what: 'an Admin nodes Deny',
    policy: cnp('infra', 'Admin', '- {action: Deny, to: [{nodes: {matchLabels: {role: infra}}}]}'),
    note: /note: ClusterNetworkPolicy\/infra spec\.egress\[0\] \(Admin tier, Deny\) has a nodes peer .*not matching ip:93\.184\.216\.34 \(all connections\)/,
  },
  {
    what: 'a domainNames rule after a rule that decides everything',
    policy: cnp('late', 'Admin', '- {action: Deny, to: [{networks: [0.0.0.0/0]}]}\n- {action: Accept, to: [{domainNames: [example.com]}]}'),
    note: undefined,
  },
  {
    what: 'a Baseline domainNames rule, no NetworkPolicy isolating the source',
    policy: cnp('base', 'Baseline', DOMAINS),
    note: /note: ClusterNetworkPolicy\/base spec\.egress\[0\] \(Baseline tier, Accept\) has a domainNames peer/,
  },
  {
    what: 'a Baseline domainNames rule, a NetworkPolicy isolating the source (Baseline never reached)',
    policy: `${cnp('base', 'Baseline', DOMAINS)}---\n${EGRESS_NP}`,
    note: undefined,
  },
])('$what', ({ policy, note }) => {
  const files = { 'c/cluster.yaml': CLUSTER, 'c/policy.yaml': policy };
  const without = ['explain', 'c', '--from', 'x/a', '--to', '93.184.216.34'];

  test('text: the note is there exactly when a rule with such a peer is reached', async () => {
    const r = await run(without, files);
    expect(r.code, r.stderr).toBe(0);
    if (note) expect(r.stdout).toMatch(note);
    else expect(r.stdout).not.toMatch(/note: .*peer/);
  });

  test('json carries the same notes; --port 443/TCP agrees on whether there is one', async () => {
    const j = JSON.parse((await run([...without, '--format', 'json'], files)).stdout);
    expect(j.notes.length > 0).toBe(note !== undefined);
    const withPort = await run([...without, '--port', '443/TCP'], files);
    expect(/has a (domainNames|nodes) peer/.test(withPort.stdout)).toBe(note !== undefined);
  });
});
