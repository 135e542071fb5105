import { LabelSelector, Peer, PolicySpec, PolicyType, Port, Rule } from '../model';
import { describePeer, describePods, describePorts } from './describe';
import { RecipeScope, patternPolicy } from './recipe';

export const INGRESS_CONTROLLER_PATTERN = 'ingress-controller';

export const DEFAULT_INGRESS_CONTROLLER_NAMESPACE = 'ingress-nginx';
export const DEFAULT_INGRESS_CONTROLLER_LABELS: { readonly [key: string]: string } = Object.freeze({
  'app.kubernetes.io/name': 'ingress-nginx',
});

export interface IngressControllerRecipe extends RecipeScope {
  /** The backends behind the ingress controller (in `namespace`). */
  readonly backends: LabelSelector;
  /** Namespace of the controller. @default 'ingress-nginx' */
  readonly controllerNamespace?: string;
  /** Labels of the controller's pods. @default { 'app.kubernetes.io/name': 'ingress-nginx' } */
  readonly controllerLabels?: { [key: string]: string };
  /** Backend ports the controller may reach. @default - every port */
  readonly ports?: Port[];
}

/**
 * Gateway-only backends: an Ingress-only policy whose single peer is the controller's pods AND the
 * controller's namespace. Selecting the backends isolates them for ingress (rule 2), so nothing
 * else reaches them unless another policy allows it.
 */
export function allowFromIngressController(r: IngressControllerRecipe): PolicySpec[] {
  if (r.ports !== undefined && r.ports.length === 0) {
    throw new Error('AllowFromIngressController: `ports: []` would open every port; list the ports, or omit `ports` for every port on purpose');
  }
  const controller = Peer.pods({ ...(r.controllerLabels ?? DEFAULT_INGRESS_CONTROLLER_LABELS) })
    .inNamespace(r.controllerNamespace ?? DEFAULT_INGRESS_CONTROLLER_NAMESPACE);
  const ports = r.ports ?? [];
  const intent = `${describePods(r.backends, r.namespace)} accept connections on ${describePorts(ports)} only from ${describePeer(controller)}`;
  return [
    patternPolicy(INGRESS_CONTROLLER_PATTERN, intent, {
      name: r.name,
      namespace: r.namespace,
      labels: r.labels,
      annotations: r.annotations,
      podSelector: r.backends,
      policyTypes: [PolicyType.INGRESS],
      ingress: [Rule._of([controller], ports)],
    }),
  ];
}
