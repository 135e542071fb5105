import { LabelSelector } from '../model';
import { parseIp } from '../model/validation';

/** What an endpoint refers to. */
export enum EndpointKind {
  /** A pod or workload of the cluster, by `namespace/name`. */
  WORKLOAD = 'Workload',
  /** An IP address outside the pod network (or a pod reached by its IP). */
  IP = 'Ip',
  /**
   * A pod assumed by its namespace and labels (`shop:app=web`): for workloads the input does not
   * hold (deployed by Helm or from another repository).
   */
  LABELS = 'Labels',
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

  /**
   * An assumed pod of `namespace` carrying exactly `labels` (and no declared container ports).
   * Its id is `namespace:key=value,...`, keys sorted.
   */
  public static labelled(namespace: string, labels: { [key: string]: string }): Endpoint {
    const keys = Object.keys(labels).sort();
    if (!namespace || namespace.includes('/') || namespace.includes(':') || keys.length === 0) {
      throw new Error(`Endpoint.labelled: expected a namespace and at least one label, got ${JSON.stringify(namespace)} and ${JSON.stringify(labels)}`);
    }
    const sorted: { [key: string]: string } = {};
    for (const k of keys) sorted[k] = labels[k];
    LabelSelector.labels(sorted); // checks label syntax
    return new Endpoint(EndpointKind.LABELS, `${namespace}:${keys.map((k) => `${k}=${sorted[k]}`).join(',')}`, namespace, undefined, undefined, sorted);
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
    const colon = t.indexOf(':');
    if (colon > 0 && t.slice(colon + 1).includes('=')) {
      const labels: { [key: string]: string } = {};
      for (const pair of t.slice(colon + 1).split(',')) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new Error(`${JSON.stringify(text)} is not an endpoint: ${JSON.stringify(pair)} is not key=value (e.g. "shop:app=web,tier=front")`);
        labels[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
      }
      try {
        return Endpoint.labelled(t.slice(0, colon).trim(), labels);
      } catch (e) {
        throw new Error(`${JSON.stringify(text)} is not an endpoint: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    const parts = t.split('/');
    if (parts.length === 2 && parts[0] && parts[1]) return Endpoint.workload(parts[0], parts[1]);
    throw new Error(`${JSON.stringify(text)} is not an endpoint: write namespace/name (e.g. "web/frontend"), an IP address (e.g. "203.0.113.7") or namespace:labels for an assumed pod (e.g. "shop:app=web")`);
  }

  public readonly kind: EndpointKind;
  /** `namespace/name` or `ip:<address>`. */
  public readonly id: string;
  /** Namespace of a workload or assumed-pod endpoint. */
  public readonly namespace?: string;
  /** Name of a workload endpoint. */
  public readonly name?: string;
  /** The address of an IP endpoint, in canonical form. */
  public readonly address?: string;
  /** The labels of an assumed pod (`LABELS`). */
  public readonly labels?: { [key: string]: string };

  private constructor(kind: EndpointKind, id: string, namespace?: string, name?: string, address?: string, labels?: { [key: string]: string }) {
    this.kind = kind;
    this.id = id;
    this.namespace = namespace;
    this.name = name;
    this.address = address;
    this.labels = labels;
  }

  /** The `id`. */
  public toString(): string {
    return this.id;
  }
}
