import { Construct } from 'constructs';
import { Port } from '../../model';
import { allowFromIngressController } from '../../patterns';
import { PolicyObject, withTarget } from '../policy-object';
import { FlowSides } from '../flow-sides';
import { PolicyOptions } from '../policy-options';
import { POLICY_OPTIONS, PORTS, TARGET, checkLabelsProp, checkNamespaceProp } from '../prop-checks';
import { isString, labelMap, oneOf, optional, required } from '../../model/props-check';

/** AllowFromIngressControllerProps as checked at run time. */
const PROPS = {
  ...POLICY_OPTIONS,
  backends: required(TARGET, 'to', 'pods'),
  controllerNamespace: optional(isString),
  controllerLabels: optional(labelMap),
  ports: optional(PORTS, 'port'),
  sides: optional(oneOf(Object.values(FlowSides)), 'side'),
};
import { openClientSides } from './client-sides';
import { Select } from '../select';
import { resolveTarget } from '../resolve-target';
import { IKplusNamespace, IKplusPodSelector } from '../interop/kplus-types';

/** Props of AllowFromIngressController. */
export interface AllowFromIngressControllerProps extends PolicyOptions {
  /**
   * The backends behind the ingress controller (in the policy's namespace).
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every
   * pod in it (the policy must be in that namespace).
   */
  readonly backends: Select | IKplusPodSelector | IKplusNamespace;

  /**
   * Namespace of the ingress controller.
   * @default 'ingress-nginx'
   */
  readonly controllerNamespace?: string;

  /**
   * Labels of the ingress controller's pods.
   * @default { 'app.kubernetes.io/name': 'ingress-nginx' }
   */
  readonly controllerLabels?: { [key: string]: string };

  /**
   * Backend ports the controller may reach.
   * @default - every port
   */
  readonly ports?: Port[];

  /**
   * Which ends of the flow to open. `FlowSides.SERVER` writes only this policy (ingress, in this
   * namespace). `FlowSides.BOTH` also writes, in the App's chart of each client's namespace, an
   * egress policy letting the ingress controller's pods reach these pods on these ports: needed when the ingress controller's pods are isolated
   * for egress (a default deny there), since a connection needs the client's egress too (rule 10).
   * Each client must be pods of named namespaces (no IP blocks, no namespaces by label).
   * @default FlowSides.SERVER - only the ingress side; their egress is theirs to open
   */
  readonly sides?: FlowSides;
}

/**
 * Gateway-only backends: the selected pods are reachable only from the ingress controller's pods
 * in the controller's namespace (defaults for ingress-nginx).
 *
 * The source is ONE peer with both selectors (docs/semantics.md rule 18). Selecting the backends for
 * Ingress isolates them (rule 2), so no other source reaches them unless another policy allows it.
 * Traffic arriving through a Service of type LoadBalancer or NodePort without the controller is
 * not from the controller's pods, and is refused.
 * @see https://kubernetes.github.io/ingress-nginx/
 */
export class AllowFromIngressController extends PolicyObject {
  public constructor(scope: Construct, id: string, props: AllowFromIngressControllerProps) {
    super(scope, id, props, {
      namePrefix: 'allow',
      props: PROPS,
      build: (t) => {
        checkNamespaceProp('controllerNamespace', props.controllerNamespace);
        checkLabelsProp('controllerLabels', props.controllerLabels);
        return allowFromIngressController(withTarget(t, {
          backends: resolveTarget('backends', props.backends, t.namespace),
          controllerNamespace: props.controllerNamespace,
          controllerLabels: props.controllerLabels,
          ports: props.ports,
        }))[0];
      },
    });
    openClientSides(this, props?.sides, 'ingress-controller', props?.auditMetadata);
  }
}
