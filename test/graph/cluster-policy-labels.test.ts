import { describe, expect, test } from 'vitest';
import { Cluster } from '../../lib/analysis';
import { buildTrafficGraph, edgeLabel, formatGraphDot, formatGraphHtml, formatGraphMermaid } from '../../lib/graph';

// Edges a ClusterNetworkPolicy Accept lets through say so, with the tier (docs/cluster-network-
// policy.md rule 1): an Admin Accept holds whatever the namespaces' NetworkPolicies say, a
// Baseline Accept only until a NetworkPolicy isolates the pod. Edges NetworkPolicy (or no policy)
// decides keep their plain port labels, Pass included (it hands the decision to NetworkPolicy).

type Json = { [k: string]: any };
const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const pod = (namespace: string, name: string, ip: string, ports: number[]) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, labels: { app: name } },
  spec: { containers: [{ name: 'c', image: 'i', ports: ports.map((p) => ({ containerPort: p })) }] }, status: { podIP: ip },
});
const BASE = [ns('x'), ns('y'), pod('x', 'client', '10.0.1.1', []), pod('y', 'server', '10.0.2.1', [80, 443])];
const cnp = (name: string, tier: string, priority: number, ingress: Json[]) => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name },
  spec: { tier, priority, subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }, ingress },
});
const FROM_X = [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } } }];
const tcp = (n: number) => ({ tcp: { destinationPort: { number: n } } });
const DENY_Y = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'y' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
const ALLOW_80 = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'y' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] } };

describe.each([
  { what: 'no cluster policy', objects: [ALLOW_80], label: '80/TCP' },
  { what: 'an Admin Accept over a NetworkPolicy deny', objects: [DENY_Y, cnp('open', 'Admin', 1, [{ action: 'Accept', from: FROM_X }])], label: 'Admin Accept: 80/TCP, 443/TCP' },
  { what: 'an Admin Accept of 443 beside a NetworkPolicy allowing 80', objects: [ALLOW_80, cnp('tls', 'Admin', 1, [{ action: 'Accept', from: FROM_X, protocols: [tcp(443)] }])], label: '80/TCP, Admin Accept: 443/TCP' },
  { what: 'a Baseline Accept before a Baseline Deny', objects: [cnp('base', 'Baseline', 1, [{ action: 'Accept', from: FROM_X, protocols: [tcp(443)] }, { action: 'Deny', from: [{ namespaces: {} }] }])], label: 'Baseline Accept: 443/TCP' },
  { what: 'an Admin Pass to the NetworkPolicies', objects: [ALLOW_80, cnp('pass', 'Admin', 1, [{ action: 'Pass', from: FROM_X }])], label: '80/TCP' },
  { what: 'an Admin Deny of 443, the rest left to the NetworkPolicies', objects: [cnp('no-tls', 'Admin', 1, [{ action: 'Deny', from: FROM_X, protocols: [tcp(443)] }])], label: '80/TCP' },
])('$what', ({ objects, label }) => {
  const g = buildTrafficGraph(Cluster.fromManifests([...BASE, ...objects]));
  const edge = g.edges.find((e) => e.from === 'x/client' && e.to === 'y/server')!;
  test(`the edge reads ${label}`, () => {
    expect(edgeLabel(edge, g.nodes.find((n) => n.id === 'y/server'))).toBe(label);
    expect(formatGraphMermaid(g)).toContain(`|"${label}"|`);
  });
});

test('ports decided in different ways are labelled one by one', () => {
  // 80 allowed by the NetworkPolicy alone; 443 by the Admin Accept; the Admin Accept of 80 comes after a Pass of 80.
  const objects = [ALLOW_80, cnp('mixed', 'Admin', 1, [{ action: 'Pass', from: FROM_X, protocols: [tcp(80)] }, { action: 'Accept', from: FROM_X }])];
  const g = buildTrafficGraph(Cluster.fromManifests([...BASE, ...objects]));
  const edge = g.edges.find((e) => e.from === 'x/client' && e.to === 'y/server')!;
  expect(edge.clusterTiers).toEqual(['', 'Admin']);
  expect(edgeLabel(edge, undefined)).toBe('80/TCP, Admin Accept: 443/TCP');
});

test('every evaluated port through an Admin Accept: one group, in every format', () => {
  const server3 = pod('y', 'server', '10.0.2.1', [80, 443, 8443]);
  const g = buildTrafficGraph(Cluster.fromManifests([ns('x'), ns('y'), pod('x', 'client', '10.0.1.1', []), server3, DENY_Y, cnp('open', 'Admin', 1, [{ action: 'Accept', from: FROM_X }])]));
  const edge = g.edges.find((e) => e.from === 'x/client' && e.to === 'y/server')!;
  expect(edgeLabel(edge, g.nodes.find((n) => n.id === 'y/server'))).toBe('Admin Accept: all 3 ports');
  expect(formatGraphMermaid(g)).toContain('|"Admin Accept: all 3 ports"|');
  expect(formatGraphDot(g)).toContain('[label="Admin Accept: all 3 ports"]');
});

test('the folded pages\' table of connections names the tier too', () => {
  const g = buildTrafficGraph(Cluster.fromManifests([...BASE, DENY_Y, cnp('open', 'Admin', 1, [{ action: 'Accept', from: FROM_X }])]));
  const html = formatGraphHtml(g, { fold: true });
  expect(html).toContain('<td>Admin Accept: 80/TCP, 443/TCP</td>');
});
