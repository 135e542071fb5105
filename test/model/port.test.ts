import { describe, expect, test } from 'vitest';
import { Port, Protocol } from '../../lib/model';
import { NetpolValidationError } from '../../lib/model/validation-error';

describe('Port factories', () => {
  test.each([
    ['tcp', Port.tcp(8080), { protocol: 'TCP', port: 8080 }],
    ['udp', Port.udp(53), { protocol: 'UDP', port: 53 }],
    ['sctp', Port.sctp(9000), { protocol: 'SCTP', port: 9000 }],
    ['number', Port.number(Protocol.UDP, 1), { protocol: 'UDP', port: 1 }],
    ['tcpRange', Port.tcpRange(30000, 32767), { protocol: 'TCP', port: 30000, endPort: 32767 }],
    ['udpRange', Port.udpRange(80, 81), { protocol: 'UDP', port: 80, endPort: 81 }],
    ['sctpRange', Port.sctpRange(1, 65535), { protocol: 'SCTP', port: 1, endPort: 65535 }],
    ['range equal ends', Port.range(Protocol.TCP, 443, 443), { protocol: 'TCP', port: 443, endPort: 443 }],
    ['allTcp', Port.allTcp(), { protocol: 'TCP' }],
    ['allUdp', Port.allUdp(), { protocol: 'UDP' }],
    ['allSctp', Port.allSctp(), { protocol: 'SCTP' }],
    ['all(UDP)', Port.all(Protocol.UDP), { protocol: 'UDP' }],
    ['named (TCP by default)', Port.named('http'), { protocol: 'TCP', port: 'http' }],
    ['named UDP', Port.named('dns', Protocol.UDP), { protocol: 'UDP', port: 'dns' }],
  ])('%s renders as its JSON', (_name, port, json) => {
    expect(port.toJson()).toEqual(json);
    expect(port.validate('p')).toEqual([]);
  });

  test('allTcp renders with NO port (never port: 0, which the API server rejects)', () => {
    const json = Port.allTcp().toJson();
    expect('port' in json).toBe(false);
    expect(Port.allTcp().isAllPorts()).toBe(true);
    expect(Port.tcp(80).isAllPorts()).toBe(false);
    expect(Port.named('http').isAllPorts()).toBe(false);
  });

  test('single ports are shared values: one frozen object per protocol and number', () => {
    expect(Port.tcp(8080)).toBe(Port.tcp(8080));
    expect(Port.tcp(53)).toBe(Port.DNS_TCP);
    expect(Port.udp(53)).not.toBe(Port.tcp(53));
    expect(Port.number(Protocol.SCTP, 9)).toBe(Port.sctp(9));
    expect(Object.isFrozen(Port.tcp(8080))).toBe(true);
    // An invalid number is still refused every time, never remembered.
    expect(() => Port.tcp(0)).toThrow(/port/);
    expect(() => Port.tcp(0)).toThrow(/port/);
  });

  test('toJson key order is protocol, port, endPort', () => {
    expect(Object.keys(Port.tcpRange(1, 2).toJson())).toEqual(['protocol', 'port', 'endPort']);
  });

  test.each([
    ['DNS_UDP', Port.DNS_UDP, 'UDP', 53],
    ['DNS_TCP', Port.DNS_TCP, 'TCP', 53],
    ['HTTP', Port.HTTP, 'TCP', 80],
    ['HTTPS', Port.HTTPS, 'TCP', 443],
    ['SSH', Port.SSH, 'TCP', 22],
    ['POSTGRES', Port.POSTGRES, 'TCP', 5432],
    ['MYSQL', Port.MYSQL, 'TCP', 3306],
    ['REDIS', Port.REDIS, 'TCP', 6379],
    ['MONGODB', Port.MONGODB, 'TCP', 27017],
    ['KAFKA', Port.KAFKA, 'TCP', 9092],
    ['ELASTICSEARCH', Port.ELASTICSEARCH, 'TCP', 9200],
    ['MEMCACHED', Port.MEMCACHED, 'TCP', 11211],
    ['AMQP', Port.AMQP, 'TCP', 5672],
    ['GRPC', Port.GRPC, 'TCP', 50051],
    ['PROMETHEUS', Port.PROMETHEUS, 'TCP', 9090],
  ])('constant %s is %s/%i', (_name, port, protocol, number) => {
    expect(port.toJson()).toEqual({ protocol, port: number });
  });

  test('toString', () => {
    expect([Port.tcp(8080), Port.tcpRange(9090, 9100), Port.named('http'), Port.allUdp()].map(String))
      .toEqual(['8080/TCP', '9090-9100/TCP', 'http/TCP', 'all/UDP']);
  });
});

describe('Port factories reject what the API server rejects', () => {
  test.each([
    ['port 0', () => Port.tcp(0), 'port: Invalid value: 0: must be between 1 and 65535, inclusive (for every port of a protocol omit `port` (Port.allTcp()))'],
    ['port 65536', () => Port.udp(65536), 'port: Invalid value: 65536: must be between 1 and 65535, inclusive'],
    ['negative port', () => Port.sctp(-1), 'port: Invalid value: -1: must be between 1 and 65535, inclusive'],
    ['fractional port', () => Port.tcp(80.5), 'port: Invalid value: 80.5: must be between 1 and 65535, inclusive'],
    ['endPort < port', () => Port.tcpRange(30000, 20000), 'endPort: Invalid value: 20000: must be greater than or equal to `port` (did you mean port 20000, endPort 30000?)'],
    ['endPort > 65535', () => Port.tcpRange(80, 70000), 'endPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['uppercase name', () => Port.named('HTTP'),
      'port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-) (did you mean "http"?)\n' +
      'port: Invalid value: "HTTP": must contain at least one letter (a-z) (did you mean "http"?)'],
    ['quoted number', () => Port.named('80'), 'port: Invalid value: "80": must contain at least one letter (a-z) (a quoted number is a port name; write the number unquoted: 80)'],
    ['name over 15 characters', () => Port.named('a-very-long-name-x'), 'port: Invalid value: "a-very-long-name-x": must be no more than 15 characters'],
    ['consecutive hyphens', () => Port.named('a--b'), 'port: Invalid value: "a--b": must not contain consecutive hyphens'],
    ['leading hyphen', () => Port.named('-http'), 'port: Invalid value: "-http": must not begin or end with a hyphen'],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(NetpolValidationError);
    expect(make).toThrow(message);
  });

  test('the error carries the issues with rule codes', () => {
    try {
      Port.tcpRange(30000, 20000);
      expect.unreachable();
    } catch (e) {
      expect((e as NetpolValidationError).issues.map((i) => [i.code, i.field])).toEqual([['V-16', 'endPort']]);
    }
  });

  test('_fromJson never throws and defaults the protocol to TCP', () => {
    const p = Port._fromJson({ port: 0, endPort: 5, protocol: 'tcp' });
    expect(p.validate('spec.ingress[0].ports[0]').map((i) => `${i.code} ${i.field}`)).toEqual([
      'V-11 spec.ingress[0].ports[0].protocol',
      'V-12 spec.ingress[0].ports[0].port',
    ]);
    expect(Port._fromJson({}).toJson()).toEqual({ protocol: 'TCP' });
    expect(Port._fromJson({ port: 'metrics' }).name).toBe('metrics');
  });
});

describe('Port.matches (destination port, docs/semantics.md rules 26-31)', () => {
  test('numbers and ranges (inclusive) of the same protocol', () => {
    const range = Port.tcpRange(8000, 8080);
    expect([7999, 8000, 8080, 8081].map((n) => range.matches(n, Protocol.TCP))).toEqual([false, true, true, false]);
    expect(range.matches(8000, Protocol.UDP)).toBe(false);
    expect(Port.tcp(80).matches(80, Protocol.TCP)).toBe(true);
    expect(Port.tcp(80).matches(81, Protocol.TCP)).toBe(false);
  });

  test('all ports of a protocol', () => {
    expect(Port.allUdp().matches(12345, Protocol.UDP)).toBe(true);
    expect(Port.allUdp().matches(12345, Protocol.TCP)).toBe(false);
  });

  test('named ports resolve on the destination, per protocol', () => {
    const http = Port.named('http');
    expect(http.matches(8080, Protocol.TCP, [{ name: 'http', port: 8080 }])).toBe(true);
    expect(http.matches(80, Protocol.TCP, [{ name: 'http', port: 8080 }])).toBe(false);
    expect(http.matches(8080, Protocol.TCP, [{ name: 'http', port: 8080, protocol: Protocol.UDP }])).toBe(false);
    expect(http.matches(8080, Protocol.TCP, [{ name: 'web', port: 8080 }])).toBe(false);
    expect(http.matches(8080, Protocol.TCP)).toBe(false);
  });
});
