import type * as kplus from 'cdk8s-plus-28';
import { Peer } from '../../model';
import { Select } from '../select';
import { Workloads } from './workloads';

// Where a policy expects a target or a peer, a cdk8s-plus object may stand in: a workload, Pod or
// Pods by its pod selector labels, a Namespace by its name. These turn them into our values,
// exactly as the explicit `Workloads` adapters do.

/** What a policy construct accepts as the pods it applies to. */
export type TargetLike = Select | kplus.IPodSelector | kplus.Namespace;

/** What a policy construct accepts as a peer. */
export type PeerLike = Peer | kplus.IPodSelector | kplus.INamespaceSelector;

const isPodSelector = (x: object): x is kplus.IPodSelector => typeof (x as kplus.IPodSelector).toPodSelectorConfig === 'function';
const isNamespaceSelector = (x: object): x is kplus.INamespaceSelector =>
  typeof (x as kplus.INamespaceSelector).toNamespaceSelectorConfig === 'function';

/** Whether a value can stand for the pods a policy applies to (what `toSelect` accepts). */
export function isTargetLike(x: unknown): x is TargetLike {
  if (x instanceof Select) return true;
  if (x === null || typeof x !== 'object') return false;
  return isPodSelector(x) || (isNamespaceSelector(x) && typeof (x as kplus.Namespace).name === 'string');
}

/** Whether a value can stand for a peer (what `toPeer` accepts). */
export function isPeerLike(x: unknown): x is PeerLike {
  if (x instanceof Peer) return true;
  return x !== null && typeof x === 'object' && (isPodSelector(x) || isNamespaceSelector(x));
}

/** Whether a value is a cdk8s-plus workload, Pod or Pods (anything with pod selector config). */
export function isPodSelectorLike(x: unknown): x is kplus.IPodSelector {
  return x !== null && typeof x === 'object' && isPodSelector(x);
}

/** Whether a value is a cdk8s-plus Namespace or Namespaces. */
export function isNamespaceSelectorLike(x: unknown): x is kplus.INamespaceSelector {
  return x !== null && typeof x === 'object' && isNamespaceSelector(x);
}

/**
 * The target as a Select: a cdk8s-plus workload, Pod or Pods selects its pods
 * (`Workloads.select`), a cdk8s-plus Namespace every pod in it (`Workloads.allPodsIn`).
 */
export function toSelect(field: string, target: TargetLike): Select {
  if (target instanceof Select) return target;
  if (target && typeof target === 'object') {
    if (isPodSelector(target)) return Workloads.select(target);
    if (isNamespaceSelector(target) && typeof (target as kplus.Namespace).name === 'string') return Workloads.allPodsIn(target as kplus.Namespace);
  }
  throw new Error(`${field}: expected Select.pods(...), a cdk8s-plus workload, Pod, Pods or Namespace; got ${describe(target)}`);
}

/**
 * The peer as a Peer: a cdk8s-plus workload, Pod or Pods is its pods (AND its namespace when it
 * has one, `Workloads.peer`), a cdk8s-plus Namespace or Namespaces every pod in them
 * (`Workloads.namespace`).
 */
export function toPeer(field: string, peer: PeerLike): Peer {
  if (peer instanceof Peer) return peer;
  if (peer && typeof peer === 'object') {
    if (isPodSelector(peer)) return Workloads.peer(peer);
    if (isNamespaceSelector(peer)) return Workloads.namespace(peer);
  }
  throw new Error(`${field}: expected a Peer (Peer.pods(...), Peer.namespace(...), Peer.ipBlock(...)), a cdk8s-plus workload, Pod, Pods or Namespace; got ${describe(peer)}`);
}

/** Each peer of a list, with its index in the field. */
export function toPeers(field: string, peers: PeerLike[]): Peer[] {
  // Peers are nearly always our own: the field path is only spelled out for the others.
  return peers.map((p, i) => (p instanceof Peer ? p : toPeer(`${field}[${i}]`, p)));
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return JSON.stringify(value);
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : JSON.stringify(value);
}
