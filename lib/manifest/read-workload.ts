import { ContainerPortInfo, Issue, Protocol, Severity } from '../model';
import { setEntry } from '../model/string-map';
import { quote } from '../model/validation/quote';
import { WorkloadInfo } from './read-types';
import { labelMapIssues } from './validate-object-meta';

// Pods and workloads -> the facts NetworkPolicy evaluation depends on: labels, IPs, named
// container ports, hostNetwork.

type Json = { [key: string]: unknown };

/** Kinds whose pods are described by `spec.template` (CronJob: `spec.jobTemplate.spec.template`). */
export const WORKLOAD_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];

/** The pod template of a workload, or the Pod itself. */
function podParts(kind: string, json: Json): { metadata: Json; spec: Json; status: Json } {
  if (kind === 'Pod') return { metadata: obj(json.metadata), spec: obj(json.spec), status: obj(json.status) };
  const spec = obj(json.spec);
  const template = kind === 'CronJob' ? obj(obj(obj(spec.jobTemplate).spec).template) : obj(spec.template);
  return { metadata: obj(template.metadata), spec: obj(template.spec), status: {} };
}

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Reads a Pod or a workload's pod template. Issues name the field; `object` is added by the caller.
 * @param namespace the object's namespace, already resolved
 */
export function readWorkload(kind: string, json: Json, namespace: string): { workload: WorkloadInfo; issues: Issue[] } {
  const issues: Issue[] = [];
  const { metadata, spec, status } = podParts(kind, json);
  const base = kind === 'Pod' ? '' : kind === 'CronJob' ? 'spec.jobTemplate.spec.template.' : 'spec.template.';
  const labels: { [key: string]: string } = {};
  const rawLabels = metadata.labels;
  if (rawLabels !== null && typeof rawLabels === 'object' && !Array.isArray(rawLabels)) {
    for (const [k, v] of Object.entries(rawLabels as Json)) {
      // setEntry: a `__proto__` key stays a key (and fails validation), never the map's prototype.
      if (typeof v === 'string') setEntry(labels, k, v);
      else {
        setEntry(labels, k, String(v));
        issues.push({
          code: 'read-shape', severity: Severity.WARNING, field: `${base}metadata.labels.${k}`,
          message: `label value ${quote(v)} is not a string; read as ${quote(String(v))}`, hint: `quote it: ${quote(String(v))}`,
        });
      }
    }
  }
  issues.push(...labelMapIssues(labels, `${base}metadata.labels`));
  const containerPorts: ContainerPortInfo[] = [];
  const containers = [
    ...list(spec.containers),
    // Sidecars (init containers that keep running) serve ports too.
    ...list(spec.initContainers).filter((c) => (c as Json | null)?.restartPolicy === 'Always'),
  ];
  for (const c of containers) {
    for (const p of list((c as Json | null)?.ports)) {
      const port = p as Json | null;
      if (!port || typeof port.containerPort !== 'number') continue;
      const protocol = typeof port.protocol === 'string' ? (port.protocol as Protocol) : Protocol.TCP;
      containerPorts.push(typeof port.name === 'string'
        ? { name: port.name, port: port.containerPort, protocol }
        : { port: port.containerPort, protocol });
    }
  }
  const ips = new Set<string>();
  if (typeof status.podIP === 'string' && status.podIP) ips.add(status.podIP);
  for (const entry of list(status.podIPs)) {
    const ip = (entry as Json | null)?.ip;
    if (typeof ip === 'string' && ip) ips.add(ip);
  }
  const name = String((json.metadata as Json | undefined)?.name ?? '');
  const workload: WorkloadInfo = {
    namespace,
    name,
    kind,
    labels,
    ips: [...ips],
    containerPorts,
    hostNetwork: spec.hostNetwork === true,
    ...(typeof spec.nodeName === 'string' && spec.nodeName ? { nodeName: spec.nodeName } : {}),
  };
  return { workload, issues };
}

/** The controlling owner (`Kind name`) named in `metadata.ownerReferences`, if any. */
export function controllerOf(json: Json): { kind: string; name: string } | undefined {
  const metadata = json.metadata as Json | undefined;
  for (const ref of list(metadata?.ownerReferences)) {
    const r = ref as Json | null;
    if (r && r.controller === true && typeof r.kind === 'string' && typeof r.name === 'string') {
      return { kind: r.kind, name: r.name };
    }
  }
  return undefined;
}
