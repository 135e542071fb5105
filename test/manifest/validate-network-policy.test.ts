import { describe, expect, test } from 'vitest';
import { validateNetworkPolicyJson, validateNetworkPolicyUpdate } from '../../lib/manifest';
import { Issue } from '../../lib/model';
import { QUOTE_LIMIT, quote } from '../../lib/model/validation/quote';
import { loadOracleCases } from '../reference/oracle-cases';

// Messages of apimachinery's validators, as VALIDATION.md quotes them.
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const CIDR_MSG = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

type Json = { [key: string]: any };

/** The minimal valid policy of VALIDATION.md. */
function minimal(): Json {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'np', namespace: 'demo' },
    spec: { podSelector: {} },
  };
}

/** The minimal policy with some spec fields set. */
function withSpec(spec: Json): Json {
  const np = minimal();
  np.spec = { ...np.spec, ...spec };
  return np;
}

function withMeta(metadata: Json): Json {
  const np = minimal();
  np.metadata = metadata;
  return np;
}

const ingressFrom = (...peers: Json[]) => withSpec({ ingress: [{ from: peers }] });
const ingressPorts = (...ports: Json[]) => withSpec({ ingress: [{ ports }] });
const egressPorts = (...ports: Json[]) => withSpec({ egress: [{ ports }] });
const podSelector = (selector: Json) => withSpec({ podSelector: selector });

/** `field: message` of every issue of a severity, the form the API server prints. */
function printed(issues: Issue[], severity = 'error'): string[] {
  return issues.filter((i) => i.severity === severity).map((i) => `${i.field}: ${i.message}`);
}

interface RuleCase {
  readonly rule: string;
  readonly policy: Json;
  /** Every error expected, as `field: message`. */
  readonly errors: string[];
}

const RULES: RuleCase[] = [
  { rule: 'V-1', policy: withMeta({ namespace: 'demo' }), errors: ['metadata.name: Required value: name or generateName is required'] },
  { rule: 'V-2', policy: withMeta({ name: 'Allow_DB', namespace: 'demo' }), errors: [`metadata.name: Invalid value: "Allow_DB": ${SUBDOMAIN_MSG}`] },
  { rule: 'V-3', policy: withMeta({ name: 'np', namespace: 'Team.A' }), errors: [`metadata.namespace: Invalid value: "Team.A": ${LABEL_MSG}`] },
  {
    rule: 'V-4',
    policy: withMeta({ name: 'np', namespace: 'demo', labels: { team: '-web' } }),
    errors: [`metadata.labels: Invalid value: "-web": ${VALUE_MSG}`],
  },
  { rule: 'V-5', policy: podSelector({ matchLabels: { 'app name': 'x' } }), errors: [`spec.podSelector.matchLabels: Invalid value: "app name": ${NAME_PART_MSG}`] },
  { rule: 'V-6', policy: podSelector({ matchLabels: { app: '-web' } }), errors: [`spec.podSelector.matchLabels: Invalid value: "-web": ${VALUE_MSG}`] },
  {
    rule: 'V-7',
    policy: podSelector({ matchExpressions: [{ key: 'app', operator: 'in', values: ['web'] }] }),
    errors: ['spec.podSelector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator'],
  },
  {
    rule: 'V-8',
    policy: podSelector({ matchExpressions: [{ key: 'app', operator: 'In' }] }),
    errors: ["spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
  },
  {
    rule: 'V-9',
    policy: podSelector({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }),
    errors: ["spec.podSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
  },
  {
    rule: 'V-10',
    policy: podSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', '-bad'] }] }),
    errors: [`spec.podSelector.matchExpressions[0].values[1]: Invalid value: "-bad": ${VALUE_MSG}`],
  },
  {
    rule: 'V-11',
    policy: ingressPorts({ protocol: 'ICMP', port: 80 }),
    errors: ['spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"'],
  },
  { rule: 'V-12', policy: ingressPorts({ port: 0 }), errors: ['spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'] },
  {
    rule: 'V-13',
    policy: ingressPorts({ port: '!@#$' }),
    errors: [
      'spec.ingress[0].ports[0].port: Invalid value: "!@#$": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ingress[0].ports[0].port: Invalid value: "!@#$": must contain at least one letter (a-z)',
    ],
  },
  {
    rule: 'V-14',
    policy: egressPorts({ endPort: 20000 }),
    errors: ['spec.egress[0].ports[0].endPort: Invalid value: 20000: may not be specified when `port` is not specified'],
  },
  {
    rule: 'V-15',
    policy: egressPorts({ port: 'serve-80', endPort: 20000 }),
    errors: ['spec.egress[0].ports[0].endPort: Invalid value: 20000: may not be specified when `port` is non-numeric'],
  },
  {
    rule: 'V-16',
    policy: egressPorts({ port: 30000, endPort: 20000 }),
    errors: ['spec.egress[0].ports[0].endPort: Invalid value: 20000: must be greater than or equal to `port`'],
  },
  {
    rule: 'V-17',
    policy: egressPorts({ port: 80, endPort: 70000 }),
    errors: ['spec.egress[0].ports[0].endPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
  },
  { rule: 'V-18', policy: ingressFrom({}), errors: ['spec.ingress[0].from[0]: Required value: must specify a peer'] },
  {
    rule: 'V-19',
    policy: ingressFrom({ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }),
    errors: ['spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer'],
  },
  { rule: 'V-20', policy: ingressFrom({ ipBlock: {} }), errors: ['spec.ingress[0].from[0].ipBlock.cidr: Required value'] },
  {
    rule: 'V-21',
    policy: ingressFrom({ ipBlock: { cidr: '10.0.0.1' } }),
    errors: [`spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.1": ${CIDR_MSG}`],
  },
  {
    rule: 'V-23',
    policy: ingressFrom({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.1', '10.1.0.0/16', 'nope'] } }),
    errors: [
      `spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.0.0.1": ${CIDR_MSG}`,
      `spec.ingress[0].from[0].ipBlock.except[2]: Invalid value: "nope": ${CIDR_MSG}`,
    ],
  },
  {
    rule: 'V-24',
    policy: ingressFrom({ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/16'] } }),
    errors: ['spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.1.0.0/16": must be a strict subset of `cidr`'],
  },
  {
    rule: 'V-25',
    policy: withSpec({ policyTypes: ['Ingress', 'Egress', 'Ingress'] }),
    errors: ['spec.policyTypes: Invalid value: ["Ingress","Egress","Ingress"]: may not specify more than two policyTypes'],
  },
  {
    rule: 'V-26',
    policy: withSpec({ policyTypes: ['ingress'] }),
    errors: ['spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Ingress", "Egress"'],
  },
];

describe('validateNetworkPolicyJson: one case per VALIDATION.md rule', () => {
  test('the minimal policy is valid', () => {
    expect(validateNetworkPolicyJson(minimal())).toEqual([]);
  });

  test.each(RULES)('$rule', ({ rule, policy, errors }) => {
    const issues = validateNetworkPolicyJson(policy);
    expect(printed(issues)).toEqual(errors);
    expect(issues.filter((i) => i.severity === 'error').every((i) => i.code === rule)).toBe(true);
  });

  test('V-22: non-canonical CIDRs are warnings with the canonical form as hint', () => {
    const issues = validateNetworkPolicyJson(ingressFrom(
      { ipBlock: { cidr: '10.0.0.1/8' } },
      { ipBlock: { cidr: '010.0.0.0/8' } },
      { ipBlock: { cidr: '::ffff:10.0.0.0/104' } },
    ));
    expect(printed(issues)).toEqual([]);
    expect(issues.map((i) => [i.code, i.severity, i.field, i.message, i.hint])).toEqual([
      ['V-22', 'warning', 'spec.ingress[0].from[0].ipBlock.cidr', 'Invalid value: "10.0.0.1/8": must not have bits set beyond the prefix length', 'did you mean "10.0.0.0/8" or "10.0.0.1/32"?'],
      ['V-22', 'warning', 'spec.ingress[0].from[1].ipBlock.cidr', 'Invalid value: "010.0.0.0/8": must not have leading 0s in IP or prefix length', 'did you mean "10.0.0.0/8"?'],
      ['V-22', 'warning', 'spec.ingress[0].from[2].ipBlock.cidr', 'Invalid value: "::ffff:10.0.0.0/104": must not have an IPv4-mapped IPv6 address', 'did you mean "10.0.0.0/8"?'],
    ]);
  });

  test('V-22: with strictCidr (StrictIPCIDRValidation) they are errors', () => {
    const issues = validateNetworkPolicyJson(ingressFrom({ ipBlock: { cidr: '10.0.0.1/8' } }), { strictCidr: true });
    expect(printed(issues)).toEqual(['spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.1/8": must not have bits set beyond the prefix length']);
  });

  test('V-27: name and namespace are immutable on update', () => {
    const renamed = withMeta({ name: 'np2', namespace: 'other' });
    expect(printed(validateNetworkPolicyUpdate(minimal(), renamed))).toEqual([
      'metadata.name: Invalid value: "np2": field is immutable',
      'metadata.namespace: Invalid value: "other": field is immutable',
    ]);
    expect(validateNetworkPolicyUpdate(minimal(), withSpec({ ingress: [{}], policyTypes: ['Ingress'] }))).toEqual([]);
  });
});

describe('validateNetworkPolicyJson: details of the rules', () => {
  test.each([
    ['', 'name part must be non-empty'],
    ['/x', 'prefix part must be non-empty'],
    ['a'.repeat(64), 'name part must be no more than 63 characters'],
  ])('V-5 key %j', (key, message) => {
    expect(printed(validateNetworkPolicyJson(podSelector({ matchLabels: { [key]: 'x' } })))).toContain(
      `spec.podSelector.matchLabels: Invalid value: ${quote(key)}: ${message}`,
    );
  });

  test('V-5 two slashes', () => {
    expect(printed(validateNetworkPolicyJson(podSelector({ matchLabels: { 'a/b/c': 'x' } })))).toEqual([
      `spec.podSelector.matchLabels: Invalid value: "a/b/c": a valid label key ${NAME_PART_MSG.slice('name part '.length)} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]);
  });

  test('V-6 a 64-character value', () => {
    const value = 'v'.repeat(64);
    expect(printed(validateNetworkPolicyJson(podSelector({ matchLabels: { app: value } })))).toEqual([
      // Values longer than QUOTE_LIMIT are quoted abbreviated (the API server quotes them whole).
      `spec.podSelector.matchLabels: Invalid value: "${value.slice(0, QUOTE_LIMIT)}"…(64 characters): must be no more than 63 characters`,
    ]);
  });

  test('V-2 a 254-character name, and generateName checked as a prefix', () => {
    const long = 'a'.repeat(254);
    expect(printed(validateNetworkPolicyJson(withMeta({ name: long, namespace: 'demo' })))).toEqual([
      `metadata.name: Invalid value: "${long.slice(0, QUOTE_LIMIT)}"…(254 characters): must be no more than 253 characters`,
    ]);
    expect(validateNetworkPolicyJson(withMeta({ generateName: 'np-', namespace: 'demo' }))).toEqual([]);
    expect(printed(validateNetworkPolicyJson(withMeta({ generateName: 'NP-', namespace: 'demo' })))).toEqual([
      `metadata.generateName: Invalid value: "NP-": ${SUBDOMAIN_MSG}`,
    ]);
  });

  test('V-3 a missing namespace is info by default (kubectl fills it), an error when required', () => {
    const np = withMeta({ name: 'np' });
    const issues = validateNetworkPolicyJson(np);
    expect(issues.map((i) => [i.code, i.severity, i.field, i.message])).toEqual([['V-3', 'info', 'metadata.namespace', 'Required value']]);
    expect(printed(validateNetworkPolicyJson(np, { requireNamespace: true }))).toEqual(['metadata.namespace: Required value']);
  });

  test('V-4 annotation keys are checked lowercased, and their total size is limited', () => {
    expect(validateNetworkPolicyJson(withMeta({ name: 'np', namespace: 'demo', annotations: { 'Example.com/Note': 'x' } }))).toEqual([]);
    expect(printed(validateNetworkPolicyJson(withMeta({ name: 'np', namespace: 'demo', annotations: { big: 'x'.repeat(262142) } })))).toEqual([
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ]);
  });

  test('V-7 an unknown operator still has its key and values checked', () => {
    expect(printed(validateNetworkPolicyJson(podSelector({ matchExpressions: [{ key: 'a b', operator: 'Has', values: ['-x'] }] })))).toEqual([
      'spec.podSelector.matchExpressions[0].operator: Invalid value: "Has": not a valid selector operator',
      `spec.podSelector.matchExpressions[0].key: Invalid value: "a b": ${NAME_PART_MSG}`,
      `spec.podSelector.matchExpressions[0].values[0]: Invalid value: "-x": ${VALUE_MSG}`,
    ]);
  });

  test('V-8 an empty values list counts as missing', () => {
    expect(printed(validateNetworkPolicyJson(podSelector({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: [] }] })))).toEqual([
      "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
  });

  test('V-13 a quoted number is a port name', () => {
    const issues = validateNetworkPolicyJson(ingressPorts({ port: '80' }));
    expect(printed(issues)).toEqual(['spec.ingress[0].ports[0].port: Invalid value: "80": must contain at least one letter (a-z)']);
    expect(issues[0].hint).toContain('write the number unquoted: 80');
  });

  test('V-16 endPort equal to port is valid', () => {
    expect(validateNetworkPolicyJson(egressPorts({ port: 20000, endPort: 20000 }, { port: 10000, endPort: 20000 }))).toEqual([]);
  });

  test('V-20 an empty cidr string', () => {
    expect(printed(validateNetworkPolicyJson(ingressFrom({ ipBlock: { cidr: '', except: ['bad'] } })))).toEqual([
      'spec.ingress[0].from[0].ipBlock.cidr: Required value',
    ]);
  });

  test('V-21 a bare IP gets the /32 hint, and its excepts are not checked', () => {
    const issues = validateNetworkPolicyJson(ingressFrom({ ipBlock: { cidr: '10.0.0.1', except: ['bad'] } }));
    expect(issues).toHaveLength(1);
    expect(issues[0].hint).toBe('did you mean "10.0.0.1/32"?');
  });

  test.each([
    ['equal', '10.0.0.0/16', '10.0.0.0/16'],
    ['wider', '10.0.0.0/16', '10.0.0.0/8'],
    ['other family', '10.0.0.0/8', 'fd00::/64'],
  ])('V-24 an except %s', (_name, cidr, except) => {
    expect(printed(validateNetworkPolicyJson(ingressFrom({ ipBlock: { cidr, except: [except] } })))).toEqual([
      `spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "${except}": must be a strict subset of \`cidr\``,
    ]);
  });

  test('V-25 stops the policyTypes checks', () => {
    expect(printed(validateNetworkPolicyJson(withSpec({ policyTypes: ['a', 'b', 'c'] })))).toEqual([
      'spec.policyTypes: Invalid value: ["a","b","c"]: may not specify more than two policyTypes',
    ]);
  });

  test('paths follow egress peers under `to` and ports before peers', () => {
    const np = withSpec({ egress: [{}, { to: [{ namespaceSelector: { matchLabels: { 'x y': 'a' } } }], ports: [{ port: 0 }] }] });
    expect(printed(validateNetworkPolicyJson(np))).toEqual([
      'spec.egress[1].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      `spec.egress[1].to[0].namespaceSelector.matchLabels: Invalid value: "x y": ${NAME_PART_MSG}`,
    ]);
  });
});

describe('validateNetworkPolicyUpdate ratchets', () => {
  test('cidr strings of the old object are accepted unchanged; new ones are checked', () => {
    const old = ingressFrom({ ipBlock: { cidr: '10.0.0.1', except: [] } });
    const updated = ingressFrom({ ipBlock: { cidr: '10.0.0.1' } }, { ipBlock: { cidr: '10.0.0.2' } });
    expect(printed(validateNetworkPolicyUpdate(old, updated))).toEqual([
      `spec.ingress[0].from[1].ipBlock.cidr: Invalid value: "10.0.0.2": ${CIDR_MSG}`,
    ]);
  });

  test('invalid label values in expressions are tolerated when the old podSelector was invalid', () => {
    const bad = podSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: ['-x'] }] });
    expect(validateNetworkPolicyUpdate(bad, bad)).toEqual([]);
    expect(printed(validateNetworkPolicyUpdate(minimal(), bad))).toHaveLength(1);
  });
});

describe('valid policies produce no errors', () => {
  const cases = loadOracleCases();
  const policies = cases.flatMap((c) => c.policies.map((p, i) => ({ name: `${c.name}#${i}`, policy: p })));

  test('the oracle has policies', () => {
    // The repository's copy has at least 45; NETPOL_ORACLE_CASES may point at fewer (unseen) cases.
    expect(policies.length).toBeGreaterThanOrEqual(process.env.NETPOL_ORACLE_CASES === undefined ? 45 : 1);
  });

  test.each(policies)('$name', ({ policy }) => {
    expect(printed(validateNetworkPolicyJson(policy))).toEqual([]);
  });
});

describe('accepted although suspicious (VALIDATION.md): no errors', () => {
  const ACCEPTED: Array<[string, Json]> = [
    ['empty ingress and egress lists', withSpec({ ingress: [], egress: [] })],
    ['empty from, to and ports lists', withSpec({ ingress: [{ from: [], ports: [] }], egress: [{ to: [], ports: [] }] })],
    ['ports: [{}]', ingressPorts({})],
    ['protocol without port, port without protocol', ingressPorts({ protocol: 'UDP' }, { port: 8080 })],
    ['a named port no pod declares', ingressPorts({ port: 'nobody-has-it' })],
    ['selectors that select nothing', ingressFrom({ podSelector: { matchLabels: { app: 'ghost' } }, namespaceSelector: { matchLabels: { team: 'none' } } })],
    ['rules of a type missing from policyTypes', withSpec({ ingress: [{}], policyTypes: ['Egress'] })],
    ['duplicate policyTypes within two entries', withSpec({ policyTypes: ['Ingress', 'Ingress'] })],
    ['an empty policyTypes list', withSpec({ policyTypes: [] })],
    ['duplicate rules and peers', withSpec({ ingress: [{ from: [{ podSelector: {} }, { podSelector: {} }] }, { from: [{ podSelector: {} }] }] })],
    ['overlapping excepts', ingressFrom({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.1.2.0/24', '10.1.0.0/16'] } })],
    ['0.0.0.0/0 and ::/0', ingressFrom({ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } })],
    ['{} selectors', ingressFrom({ podSelector: {}, namespaceSelector: {} })],
    ['podSelector and namespaceSelector together (AND)', ingressFrom({ podSelector: { matchLabels: { app: 'a' } }, namespaceSelector: {} })],
    ['a namespace that may not exist', withMeta({ name: 'np', namespace: 'does-not-exist-yet' })],
    ['endPort equal to port', egressPorts({ port: 443, endPort: 443 })],
    ['an absent spec.podSelector', withSpec({ podSelector: undefined })],
  ];

  test.each(ACCEPTED)('%s', (_name, policy) => {
    expect(validateNetworkPolicyJson(policy)).toEqual([]);
  });
});
