// A jsii construct library built on cdk8s-netpol (scripts/packaging-check.sh builds it with jsii
// against the tarball): it subclasses our constructs, takes and returns our types, and re-exports them.
import { Construct } from 'constructs';
import { AllowFrom, IKplusPodSelector, NamespaceBaseline, NamespaceBaselineProps, Peer, Port, Select } from 'cdk8s-netpol';

// Re-exported constructs and values. Not Port: jsii visits a re-exported class as the library's
// own (here `acme-netpol.Select`), from our .d.ts, where `static readonly DNS_UDP: Port` has no
// initializer, so it takes the ALL_CAPS constants for properties (JSII8002). That is jsii's limit
// on re-exporting another assembly's types (aws/jsii#1983: a second FQN for one class); use our
// types in the library's API instead, as WebIngress does with Port (jsii keeps `cdk8s-netpol.Port`).
export { AllowFrom, AllowTo, DefaultDeny, Peer, Select } from 'cdk8s-netpol';

/** Props of WebIngress. */
export interface WebIngressProps {
  /** The pods that serve the web: our Select, or a cdk8s-plus workload of any major. */
  readonly to: Select | IKplusPodSelector;
  /**
   * The port they serve on.
   * @default Port.HTTP
   */
  readonly port?: Port;
}

/** Allows the ingress controller to reach web pods: a subclass of cdk8s-netpol's AllowFrom. */
export class WebIngress extends AllowFrom {
  /** The ports the company's web tier serves, our Port constants re-exposed. */
  public static readonly WEB_PORTS: Port[] = [Port.HTTP, Port.HTTPS];

  /** DNS over UDP, one of our Port constants as a constant of this library. */
  public static readonly DNS_UDP: Port = Port.DNS_UDP;

  public constructor(scope: Construct, id: string, props: WebIngressProps) {
    super(scope, id, {
      to: props.to,
      from: [Peer.namespace('ingress-nginx')],
      ports: [props.port ?? Port.HTTP],
    });
  }
}

/** The company's namespace baseline: cdk8s-netpol's NamespaceBaseline with our defaults. */
export class AcmeBaseline extends NamespaceBaseline {
  public constructor(scope: Construct, id: string, props: NamespaceBaselineProps = {}) {
    super(scope, id, { allowSameNamespace: true, ...props });
  }
}
