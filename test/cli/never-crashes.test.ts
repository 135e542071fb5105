import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { run } from './fake-io';

// Whatever the input, netpol answers with an exit code and messages, never a crash or a stack.

const value = fc.oneof(
  { depthSize: 'small' },
  fc.constantFrom(null, true, 0, -1, 65536, '', 'TCP', 'tcp', 'http', '10.0.0.0/8', '10.0.0.1', '::/0', 'Ingress', 'In', 'app'),
  fc.string({ maxLength: 8 }),
  fc.integer(),
);
const selector = fc.oneof(value, fc.record({ matchLabels: fc.oneof(value, fc.dictionary(fc.constantFrom('app', 'a b', 'x/y', ''), value)), matchExpressions: fc.oneof(value, fc.array(fc.record({ key: value, operator: value, values: fc.oneof(value, fc.array(value)) }, { requiredKeys: [] }))) }, { requiredKeys: [] }));
const peer = fc.oneof(value, fc.record({ podSelector: selector, namespaceSelector: selector, ipBlock: fc.oneof(value, fc.record({ cidr: value, except: fc.oneof(value, fc.array(value)) }, { requiredKeys: [] })) }, { requiredKeys: [] }));
const port = fc.oneof(value, fc.record({ protocol: value, port: value, endPort: value }, { requiredKeys: [] }));
const rule = fc.oneof(value, fc.record({ from: fc.oneof(value, fc.array(peer, { maxLength: 3 })), to: fc.oneof(value, fc.array(peer, { maxLength: 3 })), ports: fc.oneof(value, fc.array(port, { maxLength: 3 })) }, { requiredKeys: [] }));
const policy = fc.record({
  apiVersion: fc.constantFrom('networking.k8s.io/v1', 'v1'),
  kind: fc.constantFrom('NetworkPolicy', 'NetworkPolicy', 'Pod', 'List', 'Deployment'),
  metadata: fc.oneof(value, fc.record({ name: value, namespace: value, labels: value, annotations: value }, { requiredKeys: [] })),
  spec: fc.oneof(value, fc.record({ podSelector: selector, policyTypes: fc.oneof(value, fc.array(value)), ingress: fc.oneof(value, fc.array(rule, { maxLength: 3 })), egress: fc.oneof(value, fc.array(rule, { maxLength: 3 })), hostNetwork: value, template: value }, { requiredKeys: [] })),
  items: fc.oneof(value, fc.array(value, { maxLength: 2 })),
  status: fc.oneof(value, fc.record({ podIP: value }, { requiredKeys: [] })),
}, { requiredKeys: ['kind'] });

describe('netpol never crashes', () => {
  test('check, matrix and explain on random objects', async () => {
    await fc.assert(fc.asyncProperty(fc.array(policy, { minLength: 1, maxLength: 4 }), async (objs) => {
      const text = objs.map((o) => stringify(o)).join('---\n');
      for (const args of [['check', '-'], ['matrix', '-', '--port', '80'], ['explain', '-', '--from', '1.2.3.4', '--to', '5.6.7.8', '--port', '80']]) {
        const r = await run(args, {}, { stdin: text });
        expect([0, 1, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(/looks like a bug|\n\s+at /);
      }
    }), { numRuns: 150, seed: 20261125 });
  });

  test('check on random text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
      const r = await run(['check', '-'], {}, { stdin: text });
      expect([0, 1, 2]).toContain(r.code);
      expect(r.stderr).not.toMatch(/looks like a bug|\n\s+at /);
    }), { numRuns: 200, seed: 7 });
  });
});
