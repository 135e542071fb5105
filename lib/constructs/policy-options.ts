/**
 * Options every policy construct accepts: where the policy goes and how it is labelled.
 */
export interface PolicyOptions {
  /**
   * `metadata.name` of the NetworkPolicy: a DNS-1123 subdomain, unique among the policies of its
   * namespace across the whole cdk8s App (a clash is a synth error naming both constructs).
   * @default - derived from the construct id: the id in DNS-1123 form (`FrontendToApi` becomes
   * `frontend-to-api`), prefixed with the construct's pattern words (`allow`, `default-deny`,
   * `allow-dns`) unless the id already contains them; words the prefix and the id share at the
   * seam are written once (`AllowDns` with id `dns` is `allow-dns`)
   */
  readonly name?: string;

  /**
   * `metadata.namespace`: the policy selects pods of this namespace only, and a bare pod peer
   * means pods of this namespace.
   * @default - the namespace of the enclosing Chart; a policy with neither fails synthesis (it
   * would otherwise be applied to whatever namespace kubectl points at)
   */
  readonly namespace?: string;

  /**
   * Labels of the NetworkPolicy object (the chart's labels are added too).
   * @default - the chart's labels only
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the NetworkPolicy object.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * Write the audit metadata on this construct's policies (label
   * `app.kubernetes.io/managed-by: cdk8s-netpol`, annotation `netpol.cdk8s.io/intent`); see
   * `PolicyMetadata`. Labels and annotations given here win either way.
   * @default - the App's setting (`PolicyMetadata.of(app).configure(...)`), on unless turned off
   */
  readonly auditMetadata?: boolean;
}
