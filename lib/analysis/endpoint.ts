import { parseIp } from '../model/validation';

/** What an endpoint refers to. */
export enum EndpointKind {
  /** A pod or workload of the cluster, by `namespace/name`. */
  WORKLOAD = 'Workload',
  /** An IP address outside the pod network (or a pod reached by its IP). */
  IP = 'Ip',
}

/**
 * One end of a connection: a pod or workload (`namespace/name`) or an IP address.
 * Written as text: `web/frontend`, `10.0.0.7`, `ip:2001:db8::1`.
 */
export class Endpoint {
  /** The pod or workload `name` of `namespace`. */
  public static workload(namespace: string, name: string): Endpoint {
    if (!namespace || !name || namespace.includes('/') || name.includes('/')) {
      throw new Error(`Endpoint.workload: expected a namespace and a name, got ${JSON.stringify(namespace)} and ${JSON.stringify(name)}`);
    }
    return new Endpoint(EndpointKind.WORKLOAD, `${namespace}/${name}`, namespace, name, undefined);
  }

  /** An IP address (IPv4 or IPv6). If a pod has this IP, the endpoint is that pod. */
  public static ip(address: string): Endpoint {
    const ip = parseIp(address);
    if (!ip) throw new Error(`Endpoint.ip: ${JSON.stringify(address)} is not an IP address`);
    const text = ip.toString();
    return new Endpoint(EndpointKind.IP, `ip:${text}`, undefined, undefined, text);
  }

  /**
   * Parses `namespace/name`, an IP address, or `ip:<address>`.
   * @throws Error naming the accepted forms when `text` is none of them
   */
  public static parse(text: string): Endpoint {
    const t = text.trim();
    const bare = t.startsWith('ip:') ? t.slice(3) : t;
    if (parseIp(bare)) return Endpoint.ip(bare);
    const parts = t.split('/');
    if (parts.length === 2 && parts[0] && parts[1]) return Endpoint.workload(parts[0], parts[1]);
    throw new Error(`${JSON.stringify(text)} is not an endpoint: write namespace/name (e.g. "web/frontend") or an IP address (e.g. "203.0.113.7")`);
  }

  public readonly kind: EndpointKind;
  /** `namespace/name` or `ip:<address>`. */
  public readonly id: string;
  /** Namespace of a workload endpoint. */
  public readonly namespace?: string;
  /** Name of a workload endpoint. */
  public readonly name?: string;
  /** The address of an IP endpoint, in canonical form. */
  public readonly address?: string;

  private constructor(kind: EndpointKind, id: string, namespace?: string, name?: string, address?: string) {
    this.kind = kind;
    this.id = id;
    this.namespace = namespace;
    this.name = name;
    this.address = address;
  }

  /** The `id`. */
  public toString(): string {
    return this.id;
  }
}
