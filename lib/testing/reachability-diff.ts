import { IConstruct } from 'constructs';
import { ConnectionDiff, ConnectionSet, FlowChange } from '../analysis';
import { Protocol } from '../model';
import { arrayOf, checkArg, integer, oneOf, optional, required, struct } from '../model/props-check';
import { endpointName, isEndpointRef } from './endpoint-ref';

// Expected flows as checked at run time (from plain JavaScript a misspelt key would widen the expectation).
const FLOWS = arrayOf(struct({ from: required(isEndpointRef), to: required(isEndpointRef), port: optional(integer(1, 65535)), protocol: optional(oneOf(Object.values(Protocol))) }), 'flows ({ from, to, port?, protocol? })');

/** A flow a test expects a change to open (or close). */
export interface ExpectedFlow {
  /**
   * The source: `namespace/name`, an IP address, an `ip:<range>` endpoint, or the construct that
   * writes the Pod or workload (a cdk8s-plus workload or Pod, an `ApiObject`).
   */
  readonly from: string | IConstruct;
  /** The destination, in the same forms. */
  readonly to: string | IConstruct;
  /**
   * The destination port.
   * @default - every port (of `protocol`, or of every protocol when that is not given either)
   */
  readonly port?: number;
  /**
   * @default - TCP when `port` is given, else every protocol
   */
  readonly protocol?: Protocol;
}

/**
 * What a change opens and closes, for assertions in users' tests ("this pull request opens
 * nothing but web -> api:8080"). Built by `Reachability.diff(before, after)`. Assertions throw an
 * Error listing the offending flows with their exact ports.
 */
export class ReachabilityDiff {
  /** @internal */
  public static _of(diff: ConnectionDiff, defaultNamespace: string): ReachabilityDiff {
    return new ReachabilityDiff(diff, defaultNamespace);
  }

  /** The pairs that changed and the endpoints that appeared or vanished. */
  public readonly diff: ConnectionDiff;

  private readonly defaultNamespace: string;

  private constructor(diff: ConnectionDiff, defaultNamespace: string) {
    this.diff = diff;
    this.defaultNamespace = defaultNamespace;
  }

  /** Throws unless no pair allows anything it did not allow before. */
  public assertNothingOpened(): void {
    this.fail('opens', this.diff.opened().map((c) => ({ c, set: c.opened })));
  }

  /** Throws unless no pair lost anything it allowed before. */
  public assertNothingClosed(): void {
    this.fail('closes', this.diff.closed().map((c) => ({ c, set: c.closed })));
  }

  /** Throws unless the change leaves every flow as it was (and no endpoint appeared or vanished). */
  public assertUnchanged(): void {
    this.assertNothingOpened();
    this.assertNothingClosed();
    if (this.diff.endpoints.length > 0) {
      throw new Error(`expected no change, but endpoints ${this.diff.endpoints.map((e) => `${e.endpoint} ${e.appeared ? 'appeared' : 'vanished'}`).join(', ')}`);
    }
  }

  /**
   * Throws unless everything the change opens is among `flows`. A flow names a pair and,
   * optionally, a port; what it does not cover (another pair, another port) must stay closed.
   */
  public assertOpensOnly(flows: ExpectedFlow[]): void {
    checkArg('ReachabilityDiff.assertOpensOnly', 'flows', FLOWS, flows);
    const named = this.named(flows);
    const left = this.diff.opened().map((c) => ({ c, set: named.filter((f) => samePair(c, f)).reduce((s, f) => s.subtract(setOf(f)), c.opened) }));
    this.fail('opens', left.filter((x) => !x.set.isEmpty()), ' beyond the expected flows');
  }

  /** Throws unless everything the change closes is among `flows`. */
  public assertClosesOnly(flows: ExpectedFlow[]): void {
    checkArg('ReachabilityDiff.assertClosesOnly', 'flows', FLOWS, flows);
    const named = this.named(flows);
    const left = this.diff.closed().map((c) => ({ c, set: named.filter((f) => samePair(c, f)).reduce((s, f) => s.subtract(setOf(f)), c.closed) }));
    this.fail('closes', left.filter((x) => !x.set.isEmpty()), ' beyond the expected flows');
  }

  /** The flows with their constructs replaced by `namespace/name`. */
  private named(flows: ExpectedFlow[]): Array<ExpectedFlow & { from: string; to: string }> {
    return flows.map((f) => ({ ...f, from: endpointName(f.from, this.defaultNamespace), to: endpointName(f.to, this.defaultNamespace) }));
  }

  private fail(verb: string, found: Array<{ c: FlowChange; set: ConnectionSet }>, beyond = ''): void {
    if (found.length === 0) return;
    const lines = found.map(({ c, set }) => `  ${c.from} -> ${c.to}: ${set}`);
    throw new Error(`the change ${verb} ${found.length} flow(s)${beyond}:\n${lines.join('\n')}`);
  }
}

function samePair(c: FlowChange, f: ExpectedFlow & { from: string; to: string }): boolean {
  const norm = (e: string) => (e.startsWith('ip:') || e.includes('/') ? e : `ip:${e}`);
  return (c.from === f.from || c.from === norm(f.from)) && (c.to === f.to || c.to === norm(f.to));
}

function setOf(f: ExpectedFlow): ConnectionSet {
  if (f.port === undefined) return f.protocol === undefined ? ConnectionSet.all() : ConnectionSet.allOf(f.protocol);
  return ConnectionSet.port(f.protocol ?? Protocol.TCP, f.port);
}
