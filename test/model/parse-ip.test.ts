import * as fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { describe, expect, test } from 'vitest';
import { parseIp } from '../../lib/model/validation';

// parseIp's dotted-quad fast path must answer exactly as ipaddr's own four-part decimal check
// and parse (the way every other text still takes).
function reference(text: string): string | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text).toString();
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text).toString();
  return undefined;
}

describe('parseIp', () => {
  test.each([
    ['10.0.0.1', '10.0.0.1'], ['0.0.0.0', '0.0.0.0'], ['255.255.255.255', '255.255.255.255'],
    ['256.0.0.1', undefined], ['10.0.0.01', undefined], ['10.0.0', undefined], ['10.0.0.1 ', undefined],
    ['0x0a.0.0.1', undefined], ['2001:db8::1', '2001:db8::1'], ['::ffff:10.0.0.1', '::ffff:a00:1'],
  ])('%j -> %j', (text, expected) => {
    expect(parseIp(text)?.toString()).toBe(expected);
    expect(reference(text)).toBe(expected);
  });

  test('any dotted text answers as ipaddr does', () => {
    const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '007', '1000', '', 'x', '0x1f', ' 1'));
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
      const text = parts.join('.');
      const got = parseIp(text);
      expect(got?.toString()).toBe(reference(text));
      if (got) expect(got.kind()).toBe('ipv4');
    }), { seed: 16, numRuns: 2000 });
  });
});
