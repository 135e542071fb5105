import { Construct } from 'constructs';
import { Port } from '../../model';
import { allowInternetEgress } from '../../patterns';
import { PolicyObject, withTarget } from '../policy-object';
import { PolicyOptions } from '../policy-options';
import { Select } from '../select';
import { resolveTarget } from '../resolve-target';
import { POLICY_OPTIONS, PORTS, STRINGS, TARGET } from '../prop-checks';
import { isBoolean, optional } from '../../model/props-check';
import { IKplusNamespace, IKplusPodSelector } from '../interop/kplus-types';

/** AllowInternetEgressProps as checked at run time. */
const PROPS = { ...POLICY_OPTIONS, pods: optional(TARGET, 'from'), ports: optional(PORTS, 'port'), ipv6: optional(isBoolean), exceptAlso: optional(STRINGS, 'except') };

/** Props of AllowInternetEgress. */
export interface AllowInternetEgressProps extends PolicyOptions {
  /**
   * The pods allowed out.
   * A cdk8s-plus workload, Pod or Pods stands for its pods; a cdk8s-plus Namespace for every
   * pod in it (the policy must be in that namespace).
   * @default Select.allPods() - every pod of the namespace
   */
  readonly pods?: Select | IKplusPodSelector | IKplusNamespace;

  /**
   * Destination ports.
   * @default [Port.HTTPS]
   */
  readonly ports?: Port[];

  /**
   * Also allow public IPv6 destinations (`::/0` minus fc00::/7 and fe80::/10).
   * @default false
   */
  readonly ipv6?: boolean;

  /**
   * More blocks to keep out, IPv4 or IPv6 (each is added to the block of its family), e.g. the
   * cluster's own public range or a carrier-grade NAT range 100.64.0.0/10.
   * @default - none beyond the private, link-local and metadata ranges
   */
  readonly exceptAlso?: string[];
}

/**
 * Lets the selected pods reach the public internet on the given ports, and never the private
 * ranges (10/8, 172.16/12, 192.168/16) or link-local 169.254/16, which holds the cloud metadata
 * service 169.254.169.254 and its instance credentials.
 *
 * One egress rule with an ipBlock `0.0.0.0/0` whose `except` lists those ranges (and `::/0` minus
 * fc00::/7 and fe80::/10 with `ipv6`). An except only narrows this one block (docs/semantics.md rule
 * 23): another policy can still allow an excepted address. DNS is not included: add `AllowDns`.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
 */
export class AllowInternetEgress extends PolicyObject {
  public constructor(scope: Construct, id: string, props: AllowInternetEgressProps = {}) {
    super(scope, id, props, {
      namePrefix: 'allow',
      props: PROPS,
      build: (t) => allowInternetEgress(withTarget(t, {
        pods: props.pods ? resolveTarget('pods', props.pods, t.namespace) : undefined,
        ports: props.ports,
        ipv6: props.ipv6,
        exceptAlso: props.exceptAlso,
      }))[0],
    });
  }
}
