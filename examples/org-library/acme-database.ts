import { Construct } from 'constructs';
import { DatabaseTier, Peer, Port, Select } from 'cdk8s-netpol';
import { ACME } from './acme-defaults';

export interface AcmeDatabaseProps {
  /** The owning team. */
  readonly team: string;
  /** Labels of the database pods. */
  readonly labels: { [key: string]: string };
  /** @default Port.POSTGRES */
  readonly port?: Port;
}

/** A team database: only pods labelled `acme.io/db-client: "true"` of the namespace get in; nothing gets out. */
export class AcmeDatabase extends DatabaseTier {
  public constructor(scope: Construct, id: string, props: AcmeDatabaseProps) {
    super(scope, id, {
      database: Select.pods(props.labels),
      clients: [Peer.pods({ ...ACME.dbClientLabels })],
      port: props.port,
      labels: { [ACME.teamLabel]: props.team },
    });
  }
}
