import { Protocol } from '../model';
import { DnsTarget } from '../lint/lint-context';
import { LabelSelector } from '../model';
import { parseCidr } from '../model/validation';
import { UsageError } from './commands/context';

/** A destination port as written on the command line: `8080`, `8080/TCP`, `53/udp`. */
export function parsePortArg(text: string, option = '--port'): { port: number; protocol: Protocol } {
  const m = /^(\d+)(?:\/([A-Za-z]+))?$/.exec(text.trim());
  if (!m) throw new UsageError(`${option} ${JSON.stringify(text)}: write a port number with an optional protocol, e.g. 8080 or 53/UDP`);
  const port = Number(m[1]);
  if (port < 1 || port > 65535) throw new UsageError(`${option} ${JSON.stringify(text)}: the port must be between 1 and 65535`);
  const protocol = (m[2] ?? 'TCP').toUpperCase();
  if (!(Object.values(Protocol) as string[]).includes(protocol)) {
    throw new UsageError(`${option} ${JSON.stringify(text)}: the protocol must be TCP, UDP or SCTP`);
  }
  return { port, protocol: protocol as Protocol };
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--pod-cidr` values: each must be a CIDR; returned as given. */
export function parsePodCidrs(values: string[]): string[] {
  for (const c of values) {
    if (!parseCidr(c.trim())) throw new UsageError(`--pod-cidr ${JSON.stringify(c)}: not a CIDR (e.g. 10.244.0.0/16 or fd00:10:244::/56)`);
  }
  return values.map((c) => c.trim());
}

/**
 * `--dns NAMESPACE/KEY=VALUE[,KEY=VALUE]`: where the cluster DNS runs, when it is not kube-dns in
 * kube-system (e.g. `dns-system/app.kubernetes.io/name=coredns`). Undefined when not given.
 */
export function parseDnsArg(text: string | undefined): DnsTarget | undefined {
  if (text === undefined) return undefined;
  const example = 'e.g. kube-system/k8s-app=kube-dns';
  const slash = text.indexOf('/');
  const namespace = slash > 0 ? text.slice(0, slash).trim() : '';
  const pairs = slash > 0 ? text.slice(slash + 1).split(',').map((p) => p.trim()).filter((p) => p !== '') : [];
  const labels: { [key: string]: string } = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--dns ${JSON.stringify(text)}: ${JSON.stringify(pair)} is not key=value (${example})`);
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  if (!namespace || pairs.length === 0) throw new UsageError(`--dns ${JSON.stringify(text)}: write the namespace, a slash and the DNS pods' labels (${example})`);
  try {
    LabelSelector.labels(labels); // the factory checks label syntax
  } catch (e) {
    throw new UsageError(`--dns ${JSON.stringify(text)}: ${(e as Error).message.split('\n')[0]}`);
  }
  return { namespace, labels };
}
