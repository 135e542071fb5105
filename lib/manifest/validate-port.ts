import { Issue, Port, PortJson } from '../model';
import { BAD, JsonDecoder, child } from './validate-decode';

const PORT_FIELDS = ['protocol', 'port', 'endPort'] as const;

const PORT_HINTS = {
  containerPort: 'did you mean "port"?',
  targetPort: 'did you mean "port"? (a NetworkPolicy matches the pod\'s port, not a Service port)',
  name: 'a named port is written as port: <name>',
  portRange: 'a range is written as port: <first>, endPort: <last>',
};

/** IANA protocol numbers people write instead of the name. */
const PROTOCOL_NUMBERS: { [n: number]: string } = { 6: 'TCP', 17: 'UDP', 132: 'SCTP' };

/**
 * Decodes and validates one `ports` entry as `ValidateNetworkPolicyPort` does (V-11..V-17),
 * through the model's `Port.validate`. A `null` entry decodes to `{}`: every TCP port.
 */
export function validatePortJson(d: JsonDecoder, raw: unknown, path: string): Issue[] {
  if (raw === null || raw === undefined) {
    d.nullValue(path, 'an empty entry is read as {}: every TCP port', 'remove the empty "-" entry, or write {protocol: TCP} if every TCP port is meant');
    return [];
  }
  const obj = d.object(raw, path, 'a port object {protocol, port, endPort}',
    typeof raw === 'number' || typeof raw === 'string' ? `write {port: ${JSON.stringify(raw)}, protocol: TCP}` : undefined);
  if (obj === undefined || obj === BAD) return [];
  d.unknownFields(obj, path, PORT_FIELDS, PORT_HINTS);

  const protocol = d.string(obj.protocol, child(path, 'protocol'),
    typeof obj.protocol === 'number' && PROTOCOL_NUMBERS[obj.protocol] ? `did you mean "${PROTOCOL_NUMBERS[obj.protocol]}"?` : undefined);
  const port = d.intOrString(obj.port, child(path, 'port'),
    'write a port number (80) or a container port name ("http"), or omit `port` for every port');
  const endPort = d.int32(obj.endPort, child(path, 'endPort'));

  // A bad `port` leaves the endPort checks (V-14..V-17) without their reference: skip them.
  const json: { protocol?: string; port?: number | string; endPort?: number } = {};
  if (protocol !== undefined && protocol !== BAD) json.protocol = protocol;
  if (port !== undefined && port !== BAD) json.port = port;
  if (endPort !== undefined && endPort !== BAD && port !== BAD) json.endPort = endPort;
  const issues = Port._fromJson(json as PortJson).validate(path);
  if (issues.length === 0) return issues;
  return issues.map((issue) =>
    issue.code === 'V-12' && json.port === 0
      ? { ...issue, hint: 'to allow every port of the protocol, omit `port` (port: 0 is what cdk8s-plus allTcp() emits)' }
      : issue);
}
