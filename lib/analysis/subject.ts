import type { IPv4, IPv6 } from 'ipaddr.js';
import { ContainerPortInfo, Issue, Protocol, Severity } from '../model';
import { WorkloadInfo } from '../manifest/read-types';
import { parseIp } from '../model/validation';

/** Labels as a plain map. */
export type Labels = { readonly [key: string]: string };

/** An endpoint resolved against the cluster: what the semantic rules look at. Internal. */
export interface Subject {
  /** `namespace/name` or `ip:<address>`. */
  readonly id: string;
  /** False for an address outside the pod network (rule 11: never a policy subject). */
  readonly isPod: boolean;
  readonly namespace?: string;
  /** The namespace's labels (with kubernetes.io/metadata.name); empty for external addresses. */
  readonly namespaceLabels: Labels;
  readonly labels: Labels;
  readonly ips: ReadonlyArray<IPv4 | IPv6>;
  readonly containerPorts: ContainerPortInfo[];
  readonly hostNetwork: boolean;
  /** The node a pod runs on, when known (rule 34). */
  readonly nodeName?: string;
  /**
   * True for one pod (a Pod, or typed input without a kind); false for a workload such as a
   * Deployment, whose traffic "to itself" is between its replicas (rule 33 does not apply).
   */
  readonly singlePod: boolean;
  readonly workload?: WorkloadInfo;
}

const NO_LABELS: Labels = Object.freeze({});

export function workloadSubject(w: WorkloadInfo, namespaceLabels: Labels, issues: Issue[]): Subject {
  const ips: Array<IPv4 | IPv6> = [];
  for (const text of w.ips ?? []) {
    const ip = parseIp(text);
    if (ip) ips.push(ip);
    else issues.push({ code: 'analysis-bad-ip', severity: Severity.WARNING, object: `${w.kind ?? 'Pod'} ${w.namespace}/${w.name}`, message: `pod IP ${JSON.stringify(text)} is not an IP address; ignored` });
  }
  const subject: { -readonly [K in keyof Subject]: Subject[K] } = {
    id: `${w.namespace}/${w.name}`,
    isPod: true,
    namespace: w.namespace,
    namespaceLabels,
    labels: w.labels ?? NO_LABELS,
    ips,
    containerPorts: withProtocols(w.containerPorts),
    hostNetwork: w.hostNetwork === true,
    singlePod: w.kind === undefined || w.kind === 'Pod',
    workload: w,
  };
  // Set afterwards rather than spread into the literal: a spread in the middle of an object
  // literal takes V8's slow path, paid once per pod.
  if (w.nodeName) subject.nodeName = w.nodeName;
  return subject;
}

/** A container port without protocol is TCP (rule 30); the input's own array when every port says it. */
function withProtocols(ports: ContainerPortInfo[] | undefined): ContainerPortInfo[] {
  if (!ports || ports.length === 0) return NO_PORTS;
  if (ports.every((c) => c.protocol)) return ports;
  return ports.map((c) => (c.protocol ? c : { ...c, protocol: Protocol.TCP }));
}

const NO_PORTS: ContainerPortInfo[] = [];

export function externalSubject(address: string): Subject {
  return {
    id: `ip:${address}`,
    isPod: false,
    namespaceLabels: NO_LABELS,
    labels: NO_LABELS,
    ips: [parseIp(address)!],
    containerPorts: [],
    hostNetwork: false,
    singlePod: false,
  };
}

/** A pod assumed by namespace and labels: no IP, no declared container port. */
export function assumedSubject(id: string, namespace: string, namespaceLabels: Labels, labels: Labels): Subject {
  return { id, isPod: true, namespace, namespaceLabels, labels, ips: [], containerPorts: [], hostNetwork: false, singlePod: false };
}
