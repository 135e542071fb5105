/**
 * Which ends of a flow a construct writes policies for. A connection is allowed only when the
 * client's egress AND the server's ingress allow it (docs/semantics.md rule 10): under a default deny
 * of both directions a flow needs both sides.
 */
export enum FlowSides {
  /**
   * Only the server's ingress policy, in the server's namespace. Right when the clients are not
   * isolated for egress, or when their egress is opened elsewhere (their owners' charts, AllowTo).
   */
  SERVER = 'Server',
  /**
   * The server's ingress policy AND, in each client's namespace, an egress policy selecting the
   * client pods and allowing the server pods on the same ports. Right under an egress default
   * deny. The egress policy isolates the client pods for egress (rule 2), so a client that was
   * not isolated for egress now is: lint (`dns-egress-missing`) says so at synth.
   */
  BOTH = 'Both',
}
