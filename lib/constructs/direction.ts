/** Which traffic a policy governs, seen from the pods it selects. */
export enum Direction {
  /** Incoming connections to the selected pods. */
  INGRESS = 'Ingress',
  /** Outgoing connections from the selected pods. */
  EGRESS = 'Egress',
  /** Both incoming and outgoing connections. */
  BOTH = 'Both',
}
