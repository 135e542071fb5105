import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ConnectionSet } from '../../lib/analysis';
import { Protocol } from '../../lib/model';
import { fuzzParams } from '../property/fuzz-settings';

const { TCP, UDP, SCTP } = Protocol;
const tcp = (from: number, to = from) => ConnectionSet.range(TCP, from, to);
const udp = (from: number, to = from) => ConnectionSet.range(UDP, from, to);

describe('ConnectionSet: written forms', () => {
  test.each([
    ['nothing', ConnectionSet.none(), 'no connections'],
    ['everything', ConnectionSet.all(), 'all connections'],
    ['one port', tcp(8080), 'TCP 8080'],
    ['two protocols, TCP first', udp(53).union(tcp(8080)), 'TCP 8080, UDP 53'],
    ['a range', tcp(9000, 9100), 'TCP 9000-9100'],
    ['adjacent ports merge', tcp(80).union(tcp(81)), 'TCP 80-81'],
    ['all of one protocol', ConnectionSet.allOf(UDP), 'all UDP'],
    ['all but one port', ConnectionSet.allOf(TCP).subtract(tcp(22)), 'TCP 1-65535 except 22'],
    ['all but two holes', ConnectionSet.allOf(SCTP).subtract(tcp(1)).subtract(ConnectionSet.port(SCTP, 5)).subtract(ConnectionSet.range(SCTP, 10, 12)), 'SCTP 1-65535 except 5, 10-12'],
    ['a range from 1 is not written as except', tcp(1, 1000), 'TCP 1-1000'],
  ])('%s', (_name, set, text) => {
    expect(set.toString()).toBe(text);
  });

  test('JSON lists protocols that have ports, as ranges', () => {
    expect(udp(53).union(tcp(80)).union(tcp(8000, 8080)).toJson()).toEqual({ TCP: ['80', '8000-8080'], UDP: ['53'] });
    expect(ConnectionSet.none().toJson()).toEqual({});
  });

  test('ranges outside 1..65535 are clipped; a reversed range is empty', () => {
    expect(tcp(0, 3).ranges(TCP)).toEqual([{ from: 1, to: 3 }]);
    expect(tcp(65530, 70000).ranges(TCP)).toEqual([{ from: 65530, to: 65535 }]);
    expect(tcp(10, 9).isEmpty()).toBe(true);
  });

  test('all() is every port of TCP, UDP and SCTP', () => {
    const all = ConnectionSet.all();
    expect(all.isAll()).toBe(true);
    expect(all.size()).toBe(3 * 65535);
    expect(ConnectionSet.allOf(TCP).union(ConnectionSet.allOf(UDP)).union(ConnectionSet.allOf(SCTP)).sameAs(all)).toBe(true);
    expect(ConnectionSet.allOf(TCP).isAll()).toBe(false);
  });
});

// The interval algebra against a brute-force set of (protocol, port) over a small universe near
// both ends of the port range, where off-by-one mistakes live.
const PORTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 65530, 65531, 65532, 65533, 65534, 65535];
const protocolArb = fc.constantFrom(TCP, UDP, SCTP);
const rangeArb = fc.tuple(protocolArb, fc.constantFrom(...PORTS), fc.constantFrom(...PORTS));
const setArb = fc.array(rangeArb, { maxLength: 5 }).map((ranges) => {
  let set = ConnectionSet.none();
  for (const [p, a, b] of ranges) set = set.union(ConnectionSet.range(p, Math.min(a, b), Math.max(a, b)));
  return set;
});
const members = (s: ConnectionSet) => new Set([TCP, UDP, SCTP].flatMap((p) => PORTS.filter((n) => s.allows(n, p)).map((n) => `${p}/${n}`)));

describe('ConnectionSet: algebra', () => {
  test('union, intersect and subtract agree with sets of ports; one written form per set', () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        const ma = members(a);
        const mb = members(b);
        expect(members(a.union(b))).toEqual(new Set([...ma, ...mb]));
        expect(members(a.intersect(b))).toEqual(new Set([...ma].filter((x) => mb.has(x))));
        expect(members(a.subtract(b))).toEqual(new Set([...ma].filter((x) => !mb.has(x))));
        // Normal form: equal members on the universe and in between mean equal ranges and text.
        expect(a.union(b).sameAs(b.union(a))).toBe(true);
        expect(a.union(b).toString()).toBe(b.union(a).toString());
        expect(a.subtract(b).union(a.intersect(b)).sameAs(a)).toBe(true);
        for (const p of [TCP, UDP, SCTP]) {
          const r = a.ranges(p);
          r.forEach((x, i) => {
            expect(x.from).toBeLessThanOrEqual(x.to);
            if (i > 0) expect(x.from).toBeGreaterThan(r[i - 1].to + 1);
          });
        }
      }),
      fuzzParams(300),
    );
  });
});
