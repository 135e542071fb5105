import { Cluster } from './cluster';
import { ConnectionMatrix } from './connection-table';
import { ConnectionSet } from './connection-set';
import { blockBoundaries } from './address-ranges';

// What a change to the policies (or to the workloads) opens and closes: the two states' exact
// connection sets compared pair by pair. Policies are never compared as text, so renaming,
// splitting or reordering policies with the same effect gives an empty diff.

/** How a pair's connections changed. */
export enum FlowChangeKind {
  /** Nothing was allowed before; something is now. */
  ADDED = 'Added',
  /** Something was allowed before; nothing is now. */
  REMOVED = 'Removed',
  /** Something was allowed before and after, but not the same. */
  CHANGED = 'Changed',
}

/** One ordered pair whose connection set changed. */
export interface FlowChange {
  readonly from: string;
  readonly to: string;
  readonly kind: FlowChangeKind;
  readonly before: ConnectionSet;
  readonly after: ConnectionSet;
  /** Connections allowed after and not before. */
  readonly opened: ConnectionSet;
  /** Connections allowed before and not after. */
  readonly closed: ConnectionSet;
}

/** An endpoint present on one side only; its pairs are not compared. */
export interface EndpointChange {
  readonly endpoint: string;
  /** True when it appears in AFTER only, false when it is in BEFORE only. */
  readonly appeared: boolean;
}

/** The flows one state of a cluster allows and the other does not. */
export class ConnectionDiff {
  /**
   * Compares every ordered pair of endpoints present in both states. Outside addresses are cut
   * by the ipBlocks of both states, so a range means the same addresses on each side.
   */
  public static between(before: Cluster, after: Cluster): ConnectionDiff {
    const boundaries = [...blockBoundaries(before.policies, before._clusterPolicies), ...blockBoundaries(after.policies, after._clusterPolicies)];
    const b = ConnectionMatrix._compute(before._subjects, before.policies, boundaries, before._clusterPolicies);
    const a = ConnectionMatrix._compute(after._subjects, after.policies, boundaries, after._clusterPolicies);
    const inBefore = new Set(b.endpoints);
    const inAfter = new Set(a.endpoints);
    const endpoints: EndpointChange[] = [
      ...b.endpoints.filter((e) => !inAfter.has(e)).map((endpoint) => ({ endpoint, appeared: false })),
      ...a.endpoints.filter((e) => !inBefore.has(e)).map((endpoint) => ({ endpoint, appeared: true })),
    ];
    const changes: FlowChange[] = [];
    a._forEachPair((from, to, now) => {
      if (!inBefore.has(from) || !inBefore.has(to)) return;
      const was = b.between(from, to);
      if (was.sameAs(now)) return;
      const kind = was.isEmpty() ? FlowChangeKind.ADDED : now.isEmpty() ? FlowChangeKind.REMOVED : FlowChangeKind.CHANGED;
      changes.push({ from, to, kind, before: was, after: now, opened: now.subtract(was), closed: was.subtract(now) });
    });
    return new ConnectionDiff(changes, endpoints);
  }

  /** Every pair whose connections changed, in endpoint order. */
  public readonly changes: FlowChange[];
  /** Endpoints that appear or vanish. */
  public readonly endpoints: EndpointChange[];

  private constructor(changes: FlowChange[], endpoints: EndpointChange[]) {
    this.changes = changes;
    this.endpoints = endpoints;
  }

  /** True when no pair changed and no endpoint appeared or vanished. */
  public isEmpty(): boolean {
    return this.changes.length === 0 && this.endpoints.length === 0;
  }

  /** The changes that open something (ADDED, or CHANGED with some port opened). */
  public opened(): FlowChange[] {
    return this.changes.filter((c) => !c.opened.isEmpty());
  }

  /** The changes that close something. */
  public closed(): FlowChange[] {
    return this.changes.filter((c) => !c.closed.isEmpty());
  }
}
