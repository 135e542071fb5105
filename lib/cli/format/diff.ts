import { ConnectionDiff, FlowChange, FlowChangeKind } from '../../analysis';
import { Style } from '../style';
import { escapeControlChars as t } from '../../model/untrusted-text';
import { safeJson } from './json';
import { markdownCell } from './matrix-markdown';

// `netpol diff` output. Changes are grouped by the namespace whose exposure changed (the
// destination's, or the source's for traffic leaving the cluster) and ordered most significant
// first: opened before closed; opened to outside addresses (widest ranges first) or to every
// namespace before opened between two pods.

/** A namespace and its changes, most significant first. */
export interface DiffGroup {
  readonly namespace: string;
  readonly changes: FlowChange[];
}

const isOutside = (endpoint: string) => endpoint.startsWith('ip:');
const namespaceOf = (endpoint: string) => endpoint.split('/')[0];

/** log2 of the number of addresses of an `ip:` range endpoint, 0 for a pod. */
function breadth(endpoint: string): number {
  if (!isOutside(endpoint)) return 0;
  const m = /\/(\d+)$/.exec(endpoint);
  const bits = endpoint.includes(':', 3) && !endpoint.slice(3).includes('.') ? 128 : 32;
  // `first-last` ranges are at least as wide as the largest block inside them; count them as /1.
  return m ? bits - Number(m[1]) : bits - 1;
}

/** Destinations that a change opens to sources in every namespace of the diff. */
function openedToEveryNamespace(diff: ConnectionDiff): Set<string> {
  const all = new Set<string>();
  const sources = new Map<string, Set<string>>();
  for (const c of diff.changes) {
    for (const e of [c.from, c.to]) if (!isOutside(e)) all.add(namespaceOf(e));
    if (c.opened.isEmpty() || isOutside(c.from)) continue;
    const set = sources.get(c.to) ?? new Set<string>();
    set.add(namespaceOf(c.from));
    sources.set(c.to, set);
  }
  return new Set([...sources].filter(([, s]) => all.size > 1 && s.size === all.size).map(([to]) => to));
}

/** How much a change matters to a reviewer; higher first. */
function weight(c: FlowChange, everyNamespace: Set<string>): number {
  if (c.opened.isEmpty()) return c.closed.size() / 1e6;
  let w = 1e6;
  if (isOutside(c.from) || isOutside(c.to)) w += 1e4 + 100 * breadth(isOutside(c.from) ? c.from : c.to);
  if (everyNamespace.has(c.to)) w += 5e3;
  return w + c.opened.size() / 1e6;
}

/** The changes by namespace, most significant group and change first. */
export function groupChanges(diff: ConnectionDiff): DiffGroup[] {
  const every = openedToEveryNamespace(diff);
  const groups = new Map<string, Array<{ c: FlowChange; w: number }>>();
  for (const c of diff.changes) {
    const ns = !isOutside(c.to) ? namespaceOf(c.to) : namespaceOf(c.from);
    const list = groups.get(ns) ?? [];
    list.push({ c, w: weight(c, every) });
    groups.set(ns, list);
  }
  const sorted = [...groups].map(([namespace, list]) => ({
    namespace,
    top: Math.max(...list.map((x) => x.w)),
    changes: list.sort((x, y) => y.w - x.w || x.c.from.localeCompare(y.c.from) || x.c.to.localeCompare(y.c.to)).map((x) => x.c),
  }));
  sorted.sort((x, y) => y.top - x.top || x.namespace.localeCompare(y.namespace));
  return sorted.map(({ namespace, changes }) => ({ namespace, changes }));
}

function summary(diff: ConnectionDiff): string {
  if (diff.isEmpty()) return 'no change: every pair allows exactly what it allowed before';
  const opened = diff.opened().length;
  const closed = diff.closed().length;
  const parts = [`${diff.changes.length} pair${diff.changes.length === 1 ? '' : 's'} changed (${opened} opened, ${closed} closed)`];
  const appeared = diff.endpoints.filter((e) => e.appeared).length;
  const vanished = diff.endpoints.length - appeared;
  if (appeared) parts.push(`${appeared} endpoint${appeared === 1 ? '' : 's'} appeared`);
  if (vanished) parts.push(`${vanished} endpoint${vanished === 1 ? '' : 's'} vanished`);
  return parts.join('; ');
}

const MARK: { [k in FlowChangeKind]: string } = { [FlowChangeKind.ADDED]: '+', [FlowChangeKind.REMOVED]: '-', [FlowChangeKind.CHANGED]: '~' };

function what(c: FlowChange): string {
  const parts: string[] = [];
  if (!c.opened.isEmpty()) parts.push(`opened ${c.opened}`);
  if (!c.closed.isEmpty()) parts.push(`closed ${c.closed}`);
  return c.kind === FlowChangeKind.CHANGED ? `${parts.join('; ')} (now: ${c.after})` : parts.join('; ');
}

/** The openings a reviewer must not miss: to or from outside addresses, or from every namespace. */
function highlights(diff: ConnectionDiff): string[] {
  const every = openedToEveryNamespace(diff);
  const out: string[] = [];
  for (const c of diff.opened()) {
    if (isOutside(c.from)) out.push(`${c.to} is now reachable from outside addresses ${c.from} on ${c.opened}`);
    else if (isOutside(c.to)) out.push(`${c.from} may now open ${c.opened} to outside addresses ${c.to}`);
  }
  for (const to of every) out.push(`${to} is now reachable from pods of every namespace`);
  return out;
}

/** Plain text: a summary line, then each namespace's changes, then endpoints. */
export function formatDiffText(diff: ConnectionDiff, style: Style): string {
  const lines = [style.bold(`netpol diff: ${summary(diff)}`)];
  for (const h of highlights(diff)) lines.push(style.red(`! ${t(h)}`));
  for (const g of groupChanges(diff)) {
    lines.push(`namespace ${t(g.namespace)}`);
    for (const c of g.changes) {
      const mark = c.opened.isEmpty() ? style.green(MARK[c.kind]) : style.red(MARK[c.kind]);
      lines.push(`  ${mark} ${t(c.from)} -> ${t(c.to)}: ${what(c)}`);
    }
  }
  if (diff.endpoints.length > 0) {
    lines.push('endpoints (their flows are not compared)');
    for (const e of diff.endpoints) lines.push(`  ${e.appeared ? '+' : '-'} ${t(e.endpoint)} ${e.appeared ? 'appeared' : 'vanished'}`);
  }
  return lines.join('\n') + '\n';
}

/** JSON: every change with its sets, grouped as the text is. */
export function formatDiffJson(diff: ConnectionDiff): string {
  return safeJson({
    summary: summary(diff),
    highlights: highlights(diff),
    opened: diff.opened().length,
    closed: diff.closed().length,
    groups: groupChanges(diff).map((g) => ({
      namespace: g.namespace,
      changes: g.changes.map((c) => ({
        from: c.from, to: c.to, kind: c.kind,
        opened: c.opened.toJson(), closed: c.closed.toJson(), before: c.before.toJson(), after: c.after.toJson(),
        text: what(c),
      })),
    })),
    endpoints: diff.endpoints,
  }) + '\n';
}

/** Markdown for a pull-request comment: the summary, then a table per namespace. */
export function formatDiffMarkdown(diff: ConnectionDiff): string {
  const out = [`### netpol diff: ${markdownCell(summary(diff))}`, ''];
  const marked = highlights(diff);
  if (marked.length > 0) out.push(...marked.map((h) => `> **${markdownCell(h)}**`), '');
  for (const g of groupChanges(diff)) {
    out.push(`#### ${markdownCell(g.namespace)}`, '', '| | from | to | opened | closed | now |', '|---|---|---|---|---|---|');
    for (const c of g.changes) {
      const cell = (s: string) => markdownCell(s);
      // A set's words are ours (protocols, numbers, `except`): a code span shows them as they are.
      const set = (s: typeof c.opened) => (s.isEmpty() ? '' : `\`${s.toString()}\``);
      out.push(`| ${c.opened.isEmpty() ? '🟢 closed' : '🔴 opened'} | ${cell(c.from)} | ${cell(c.to)} | ${set(c.opened)} | ${set(c.closed)} | ${cell(c.after.toString())} |`);
    }
    out.push('');
  }
  if (diff.endpoints.length > 0) {
    out.push('#### Endpoints', '');
    for (const e of diff.endpoints) out.push(`- ${e.appeared ? 'appeared' : 'vanished'}: ${markdownCell(e.endpoint)}`);
    out.push('');
  }
  return out.join('\n');
}
