import { ContainerPortInfo } from '../model';

/** A namespace as the analyzer sees it: a name and its labels. */
export interface NamespaceInfo {
  readonly name: string;
  /**
   * The namespace's labels. `kubernetes.io/metadata.name=<name>` is always added by the analyzer,
   * as the control plane does (docs/semantics.md rule 20).
   * @default - no labels besides the automatic one
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A pod, or a workload standing for the pods of its template (Deployment, StatefulSet, ...): the
 * facts NetworkPolicy evaluation depends on.
 */
export interface WorkloadInfo {
  readonly namespace: string;
  /** Pod or workload name; the endpoint is called `namespace/name`. */
  readonly name: string;
  /**
   * The Kubernetes kind it was read from.
   * @default 'Pod'
   */
  readonly kind?: string;
  /**
   * The pod (template) labels.
   * @default - no labels
   */
  readonly labels?: { [key: string]: string };
  /**
   * Pod IPs (`status.podIP`/`status.podIPs`). Only ipBlock peers look at them (rule 22); a
   * workload without IPs is never matched by an ipBlock.
   * @default - unknown
   */
  readonly ips?: string[];
  /**
   * Container ports, for named-port resolution on this pod (rule 30).
   * @default - none
   */
  readonly containerPorts?: ContainerPortInfo[];
  /**
   * `spec.hostNetwork`: such pods are treated as node traffic, not governed or matched by
   * selectors (rule 35).
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * `spec.nodeName`: the node the pod runs on. Traffic from a pod's own node (a hostNetwork pod
   * on that node) is always allowed into it (rule 34).
   * @default - unknown
   */
  readonly nodeName?: string;
}

/** A port of a Service: what clients connect to, and where kube-proxy sends it on the pods. */
export interface ServicePortInfo {
  /** @default - unnamed */
  readonly name?: string;
  /** The port clients connect to on the ClusterIP. */
  readonly port: number;
  /**
   * The pods' port: a number, or the name of a container port (resolved on each pod).
   * @default - same as `port`
   */
  readonly targetPort?: number | string;
  /** TCP, UDP or SCTP. @default 'TCP' */
  readonly protocol?: string;
}

/** A Service: the facts needed to resolve its ClusterIP to pods and ports (rule 36). */
export interface ServiceInfo {
  readonly namespace: string;
  readonly name: string;
  /**
   * `spec.selector`. Absent (or empty): the Service has no selector, its endpoints are managed by
   * other means and are not in the input.
   * @default - no selector
   */
  readonly selector?: { [key: string]: string };
  /** `spec.clusterIP` and `spec.clusterIPs` (without `None`). */
  readonly clusterIPs: string[];
  readonly ports: ServicePortInfo[];
}
