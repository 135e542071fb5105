import * as fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { describe, expect, test } from 'vitest';
import { LabelSelector, Peer, PolicySpec, Port, Protocol, Rule, SelectorOperator } from '../../lib/model';
import { quote } from '../../lib/model/validation/quote';
import { callOrClearError, crashOf } from './clear-error';
import { fuzzParams, fuzzTimeout } from './fuzz-settings';

// Random (mostly invalid) values of the declared TypeScript types fed to every factory: each call
// either returns a value that an independent check confirms is valid, or throws a clear Error.
// The independent checks are plain regexes / ipaddr.js, written from VALIDATION.md, not the
// model's own validation code.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const isDnsLabel = (s: string) => s.length <= 63 && DNS_LABEL.test(s);
const isDnsSubdomain = (s: string) => s.length <= 253 && s.split('.').every((p) => DNS_LABEL.test(p));
const isLabelName = (s: string) => s.length >= 1 && s.length <= 63 && /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(s);
const isLabelKey = (k: string) => {
  const parts = k.split('/');
  if (parts.length === 1) return isLabelName(k);
  return parts.length === 2 && isDnsSubdomain(parts[0]) && isLabelName(parts[1]);
};
const isLabelValue = (v: string) => v === '' || isLabelName(v);
const isPortName = (s: string) => s.length <= 15 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s) && /[a-z]/.test(s) && !s.includes('--');
const isPortNumber = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;
/** V-20..V-22 strict: parses, no host bits, no leading zeros, not IPv4-mapped IPv6. */
const isCanonicalCidr = (s: string) => {
  const m = /^([^/]+)\/(0|[1-9]\d{0,2})$/.exec(s);
  if (!m) return false;
  const [, addrText, prefixText] = m;
  const v4 = /^\d+(\.\d+){3}$/.test(addrText);
  if (v4 ? !/^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(addrText) || !ipaddr.IPv4.isValidFourPartDecimal(addrText) : !ipaddr.IPv6.isValid(addrText) || addrText.includes('%')) {
    return false;
  }
  const addr = ipaddr.parse(addrText);
  const prefix = Number(prefixText);
  if (prefix > (v4 ? 32 : 128)) return false;
  if (!v4 && (addr as ipaddr.IPv6).isIPv4MappedAddress()) return false;
  const net = v4 ? ipaddr.IPv4.networkAddressFromCIDR(`${addrText}/${prefix}`) : ipaddr.IPv6.networkAddressFromCIDR(`${addrText}/${prefix}`);
  return net.toString() === addr.toString();
};

/** Strings that are often nearly valid: the valid alphabet, odd characters, and raw unicode. */
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcz09-_./:A'.split('')), maxLength: 20 }),
  fc.string({ maxLength: 70 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('', ' ', '-', 'a-', '-a', 'a--b', '80', '0', 'http', 'HTTP', 'x'.repeat(64), 'a/b/c', '/a', 'a/'),
);
const number = fc.oneof(fc.integer({ min: -70000, max: 140000 }), fc.double(), fc.constantFrom(0, 1, 65535, 65536, -1, 1.5, Number.NaN, Infinity));
const cidrText = fc.oneof(
  text,
  fc.tuple(fc.ipV4(), fc.integer({ min: -1, max: 40 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 130 })).map(([a, p]) => `${a}/${p}`),
  fc.ipV4Extended(),
  fc.tuple(fc.ipV4Extended(), fc.nat(33)).map(([a, p]) => `${a}/${p}`),
);
const labels = fc.dictionary(text, text, { maxKeys: 3 });
const protocol = fc.oneof(fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP), text.map((t) => t as Protocol));

const params = fuzzParams<unknown>(250);
const T = fuzzTimeout(20_000);

describe('factories given invalid values throw clear errors and never accept them', () => {
  test('port numbers and ranges', () => {
    fc.assert(
      fc.property(protocol, number, fc.option(number, { nil: undefined }), (p, a, b) => {
        const r = callOrClearError(() => (b === undefined ? Port.number(p, a) : Port.range(p, a, b)));
        const valid = ['TCP', 'UDP', 'SCTP'].includes(p) && isPortNumber(a) && (b === undefined || (isPortNumber(b) && b >= a));
        expect(r.value !== undefined).toBe(valid);
      }),
      params,
    );
  }, T);

  test('named ports', () => {
    fc.assert(
      fc.property(text, (name) => {
        const r = callOrClearError(() => Port.named(name));
        expect(r.value !== undefined).toBe(isPortName(name));
        if (r.error) expect(r.error.message).toContain(quote(name)); // abbreviated when long
      }),
      params,
    );
  }, T);

  test('ip blocks (the SDK accepts canonical CIDRs only)', () => {
    fc.assert(
      fc.property(cidrText, fc.array(cidrText, { maxLength: 2 }), (cidr, except) => {
        const r = callOrClearError(() => Peer.ipBlock(cidr, ...except));
        if (r.value) {
          expect(isCanonicalCidr(cidr)).toBe(true);
          for (const e of except) expect(isCanonicalCidr(e)).toBe(true);
        }
        if (!isCanonicalCidr(cidr)) {
          if (cidr === '') expect(r.error?.message).toMatch(/cidr: Required value/);
          else expect(r.error?.message).toContain(quote(cidr));
        }
      }),
      params,
    );
  }, T);

  test('single IPs', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.ipV4(), fc.ipV6(), fc.ipV4Extended()), (ip) => {
        const r = callOrClearError(() => Peer.ip(ip));
        // An IPv4-mapped IPv6 address is refused with a hint to write the IPv4 form (V-22).
        const v6 = ipaddr.IPv6.isValid(ip) && !(ipaddr.IPv6.parse(ip) as ipaddr.IPv6).isIPv4MappedAddress();
        expect(r.value !== undefined).toBe(ipaddr.IPv4.isValidFourPartDecimal(ip) || v6);
      }),
      params,
    );
  }, T);

  test('label maps of pod and namespace peers', () => {
    fc.assert(
      fc.property(labels, fc.boolean(), (l, ns) => {
        const r = callOrClearError(() => (ns ? Peer.namespacesLabelled(l) : Peer.pods(l)));
        const valid = Object.keys(l).length > 0 && Object.entries(l).every(([k, v]) => isLabelKey(k) && isLabelValue(v));
        expect(r.value !== undefined).toBe(valid);
      }),
      params,
    );
  }, T);

  test('selector expressions', () => {
    const op = fc.oneof(fc.constantFrom(...Object.values(SelectorOperator)), text.map((t) => t as SelectorOperator));
    fc.assert(
      fc.property(text, op, fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }), (key, operator, values) => {
        const r = callOrClearError(() => LabelSelector.expressions({ key, operator, values }));
        const n = values?.length ?? 0;
        const opOk = operator === 'In' || operator === 'NotIn' ? n > 0 : operator === 'Exists' || operator === 'DoesNotExist' ? n === 0 : false;
        const valid = isLabelKey(key) && opOk && (values ?? []).every(isLabelValue);
        expect(r.value !== undefined).toBe(valid);
      }),
      params,
    );
  }, T);

  test('namespace names', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 3 }), (names) => {
        const r = callOrClearError(() => Peer.namespaces(...names));
        expect(r.value !== undefined).toBe(names.length > 0 && names.every(isDnsLabel));
      }),
      params,
    );
  }, T);

  test('policy names, namespaces and labels', () => {
    fc.assert(
      fc.property(text, text, fc.dictionary(text, text, { maxKeys: 2 }), (name, namespace, meta) => {
        const r = callOrClearError(() => PolicySpec.create({ name, namespace, podSelector: LabelSelector.everything(), ingress: [], labels: meta }));
        const valid = name.length > 0 && isDnsSubdomain(name) && isDnsLabel(namespace) && Object.entries(meta).every(([k, v]) => isLabelKey(k) && isLabelValue(v));
        expect(r.value !== undefined).toBe(valid);
      }),
      params,
    );
  }, T);
});

describe('factories given arbitrary junk (as from plain JavaScript) throw our error or build a valid value', () => {
  /** A junk value: anything fast-check makes, sometimes with an own `__proto__` key. */
  const anything = fc.oneof(
    { weight: 4, arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true, withMap: true, withBoxedValues: true }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }).map((v) => JSON.parse(`{"__proto__": ${JSON.stringify(v ?? null) ?? 'null'}}`)) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('peers', 'ports', 'from', 'app', 'name'), fc.anything({ maxDepth: 1 }), { maxKeys: 2 }) },
  );
  const FACTORIES: Array<[string, (v: any) => { validate(...a: any[]): Array<{ severity: string }> }]> = [
    ['Rule.allow', (v) => { const r = Rule.allow(v); return { validate: () => r.validate('spec.ingress[0]', 'from', true) }; }],
    ['PolicySpec.create', (v) => PolicySpec.create(v)],
    ['LabelSelector.labels', (v) => LabelSelector.labels(v)],
    ['LabelSelector.expressions', (v) => LabelSelector.expressions(v)],
    ['Peer.pods', (v) => Peer.pods(v)],
    ['Peer.namespacesLabelled', (v) => Peer.namespacesLabelled(v)],
    ['Peer.namespace', (v) => Peer.namespace(v)],
    ['Peer.ipBlock', (v) => Peer.ipBlock(v)],
    ['Peer.podsMatching', (v) => Peer.podsMatching(v)],
    ['Port.tcp', (v) => { const p = Port.tcp(v); return { validate: () => p.validate('') }; }],
    ['Port.named', (v) => { const p = Port.named(v); return { validate: () => p.validate('') }; }],
    ['Port.all', (v) => { const p = Port.all(v); return { validate: () => p.validate('') }; }],
  ];

  test.each(FACTORIES)('%s', (_, make) => {
    fc.assert(
      fc.property(anything, (junk) => {
        let made: ReturnType<typeof make>;
        try {
          made = make(junk);
        } catch (e) {
          expect(crashOf(e)).toBeUndefined();
          expect((e as Error).name === 'NetpolValidationError' || (e as Error).constructor === Error).toBe(true);
          return;
        }
        const issues = made.validate('x', true).filter((i) => i.severity === 'error');
        expect(issues).toEqual([]);
      }),
      fuzzParams<[unknown]>(150),
    );
  }, T);
});
