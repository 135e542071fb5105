import { inspect } from 'node:util';
import { expect, test } from 'vitest';
import { Peer, Port, Select } from '../../lib';
import { Severity } from '../../lib/model/issue';
import { NetpolValidationError } from '../../lib/model/validation-error';

// An error thrown while building a value prints its message as the README shows it: no
// `{ issues: [...] }` dump after it, whether printed with String(), console.log (util.inspect)
// or left uncaught. The issues stay readable on the object.

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('nothing thrown');
}

const CASES: Array<[string, () => unknown, string]> = [
  ['Peer.ipBlock with host bits', () => Peer.ipBlock('10.0.0.1/8'),
    'ipBlock.cidr: Invalid value: "10.0.0.1/8": must not have bits set beyond the prefix length (did you mean "10.0.0.0/8" or "10.0.0.1/32"?)'],
  ['Port.tcp(0)', () => Port.tcp(0), 'port: Invalid value: 0:'],
  ['Select.pods with a bad label key', () => Select.pods({ 'a b': 'x' }), 'a b'],
];

test.each(CASES)('%s: String(err) is the name and the message', (_, fn, message) => {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(NetpolValidationError);
  expect(String(err)).toBe(`NetpolValidationError: ${err.message}`);
  expect(err.message).toContain(message);
});

test.each(CASES)('%s: util.inspect(err) is the stack, without an issues dump', (_, fn) => {
  const err = thrown(fn);
  const printed = inspect(err);
  expect(printed).toBe(err.stack);
  expect(printed.startsWith(`NetpolValidationError: ${err.message}\n    at `)).toBe(true);
  expect(printed).not.toMatch(/issues|severity|\{\s*$/m);
});

test('the issues are still on the error, and not among its own keys', () => {
  const err = thrown(() => Peer.ipBlock('10.0.0.1/8')) as NetpolValidationError;
  expect(err.issues).toEqual([expect.objectContaining({ code: 'V-22', severity: 'error', field: 'ipBlock.cidr' })]);
  expect(Object.keys(err)).toEqual([]);
  expect(err.name).toBe('NetpolValidationError');
  expect(JSON.stringify(err)).toBe('{}');
});

test('each error keeps its own issues', () => {
  const a = new NetpolValidationError([{ code: 'x', severity: Severity.ERROR, field: 'a', message: 'first' }]);
  const b = new NetpolValidationError([{ code: 'y', severity: Severity.ERROR, message: 'second' }]);
  expect([a.message, b.message]).toEqual(['a: first', 'second']);
  expect([a.issues[0].code, b.issues[0].code]).toEqual(['x', 'y']);
});
