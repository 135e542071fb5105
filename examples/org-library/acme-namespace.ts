import { Construct } from 'constructs';
import { NamespaceBaseline, Select, SynthLint } from 'cdk8s-netpol';
import { ACME } from './acme-defaults';

export interface AcmeNamespaceProps {
  /** The owning team, written on every policy as `acme.io/team`. */
  readonly team: string;
  /** Let the team's pods talk to each other freely. @default false */
  readonly openInside?: boolean;
}

/**
 * Every Acme team namespace: default deny both ways, DNS at Acme's CoreDNS, and scraping by
 * Acme's Prometheus on the port named `metrics` for pods labelled
 * `monitoring.io/expose-metrics: "true"`. The namespace is the chart's.
 */
export class AcmeNamespace extends Construct {
  public readonly baseline: NamespaceBaseline;

  public constructor(scope: Construct, id: string, props: AcmeNamespaceProps) {
    super(scope, id);
    // Lint checks DNS egress against Acme's CoreDNS, not kube-dns in kube-system.
    SynthLint.configure(this, { dnsNamespace: ACME.dnsNamespace, dnsLabels: { ...ACME.dnsLabels } });
    this.baseline = new NamespaceBaseline(this, 'baseline', {
      name: 'acme-baseline',
      labels: { [ACME.teamLabel]: props.team },
      dnsNamespace: ACME.dnsNamespace,
      dnsLabels: { ...ACME.dnsLabels },
      allowSameNamespace: props.openInside ?? false,
      monitoring: {
        targets: Select.pods({ 'monitoring.io/expose-metrics': 'true' }),
        scrapers: [ACME.scraper()],
        ports: [ACME.metricsPort()],
      },
    });
  }
}
