import { Construct } from 'constructs';
import { ClusterBaseline, SynthLint } from 'cdk8s-netpol';
import { ACME } from './acme-defaults';

/**
 * The platform team's own chart: Acme's baseline in every listed team namespace (or every
 * cdk8s-plus Namespace of the app), never in the control plane's or the platform's namespaces.
 */
export class AcmePlatformBaseline extends ClusterBaseline {
  public constructor(scope: Construct, id: string, namespaces?: string[]) {
    super(scope, id, {
      namespaces,
      exclude: [...ClusterBaseline.DEFAULT_EXCLUDED_NAMESPACES, ...ACME.platformNamespaces],
      name: 'acme-baseline',
      dnsNamespace: ACME.dnsNamespace,
      dnsLabels: { ...ACME.dnsLabels },
    });
    // Lint checks DNS egress against Acme's CoreDNS, not kube-dns in kube-system.
    SynthLint.configure(this, { dnsNamespace: ACME.dnsNamespace, dnsLabels: { ...ACME.dnsLabels } });
  }
}
