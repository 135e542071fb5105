import { Endpoint, EndpointKind } from '../../analysis';
import { LINT_RULES, LintPod, compareIssues, runLint, Suppression } from '../../lint';
import { Issue, Severity } from '../../model';
import { escapeControlChars } from '../../model/untrusted-text';
import { writeIssuesJson } from '../format/issues-json';
import { writeIssuesSarif } from '../format/issues-sarif';
import { IssueSummary, writeIssuesText } from '../format/issues-text';
import { parseDnsArg, parsePodCidrs } from '../parse-args';
import { Workspace } from '../workspace';
import { CommandContext, EXIT, UsageError } from './context';
import { readInputs } from './read-inputs';

/** Options of `netpol check`. */
export interface CheckOptions {
  readonly format: string;
  readonly podCidr: string[];
  /** `--dns`: where the cluster DNS runs. */
  readonly dns?: string;
  readonly suppress: string[];
  readonly failOn: string;
  readonly lint: boolean;
  readonly verbose: boolean;
  /** Namespace for objects without one. */
  readonly namespace?: string;
  /** `--assume`: files of workloads deployed elsewhere (never make a namespace complete). */
  readonly assume?: string[];
  /** `--complete-namespaces`: namespaces whose workloads the input holds completely. */
  readonly completeNamespaces?: string[];
  /** `--workloads-complete`: the input holds every workload of every namespace. */
  readonly workloadsComplete?: boolean;
  /** `--assume-pod namespace:labels`: pods assumed by labels (never make a namespace complete). */
  readonly assumePod?: string[];
}

/**
 * API-server validation of every NetworkPolicy plus the lint rules over everything read.
 * Exit 0: clean or warnings only; 1: errors (or warnings with --fail-on warning); 2: unusable input.
 */
export async function runCheck(files: string[], opts: CheckOptions, ctx: CommandContext): Promise<number> {
  if (!['text', 'json', 'sarif'].includes(opts.format)) throw new UsageError(`--format ${JSON.stringify(opts.format)}: use text, json or sarif`);
  if (!['error', 'warning'].includes(opts.failOn)) throw new UsageError(`--fail-on ${JSON.stringify(opts.failOn)}: use error or warning`);
  const suppressions = opts.suppress.map(parseSuppression);
  const podCidrs = parsePodCidrs(opts.podCidr);
  const dns = parseDnsArg(opts.dns);
  const { ws, notes, fileCount, assumedFiles } = await readInputs(files, ctx, 'check', opts.verbose, opts.namespace, opts.assume ?? []);
  const complete = completeNamespaces(ws, assumedFiles, opts);
  const assumedPods: LintPod[] = (opts.assumePod ?? []).map((text) => {
    let e: Endpoint;
    try {
      e = Endpoint.parse(text);
      if (e.kind !== EndpointKind.LABELS) throw new Error('write namespace:key=value,...');
    } catch (err) {
      throw new UsageError(`--assume-pod ${JSON.stringify(text)}: ${(err as Error).message} (e.g. --assume-pod shop:app=web)`);
    }
    return { kind: 'assumed pod', namespace: e.namespace!, name: e.id.slice(e.namespace!.length + 1), labels: { ...e.labels! } };
  });

  const validation: Issue[] = ws.policyIssues;
  const lint = opts.lint
    ? runLint({ policies: ws.policies, clusterPolicies: ws.clusterPolicies, namespaces: ws.namespaces, pods: [...ws.pods, ...assumedPods], completeNamespaces: complete.names }, { podCidrs, dns, suppressions })
    : { issues: [], suppressed: [] };
  const issues = dedupe([...notes, ...validation, ...lint.issues, ...(opts.lint && complete.note ? [complete.note] : [])]);
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const i of issues) {
    if (i.severity === Severity.ERROR) errors++;
    else if (i.severity === Severity.WARNING) warnings++;
    else if (i.severity === Severity.INFO) infos++;
  }
  const summary: IssueSummary = {
    errors,
    warnings,
    infos,
    suppressed: lint.suppressed.length,
    objects: ws.objects.length,
    files: fileCount,
  };
  if (opts.format === 'json') writeIssuesJson(issues, lint.suppressed, summary, ctx.io.stdout);
  else if (opts.format === 'sarif') writeIssuesSarif(issues, lint.suppressed, ctx.version, ctx.io.stdout);
  else writeIssuesText(issues, lint.suppressed, summary, ctx.style, opts.verbose, ctx.io.stdout);

  if (ws.unusable || ws.objects.length === 0) {
    if (ws.objects.length === 0 && !ws.unusable) {
      const named = files.map((f) => (f === '-' ? 'standard input' : escapeControlChars(f))).join(', ');
      ctx.io.stderr(`netpol check: no Kubernetes objects in ${named}: the input is empty or holds only comments\n`);
    }
    return EXIT.UNUSABLE;
  }
  if (summary.errors > 0 || (opts.failOn === 'warning' && summary.warnings > 0)) return EXIT.FINDINGS;
  return EXIT.OK;
}

/** `rule-id=reason` or `rule-id@namespace/name=reason`. */
function parseSuppression(text: string): Suppression {
  const eq = text.indexOf('=');
  const head = eq < 0 ? text : text.slice(0, eq);
  const reason = eq < 0 ? '' : text.slice(eq + 1).trim();
  const [ruleId, policy] = head.split('@');
  if (!LINT_RULES.some((r) => r.id === ruleId)) {
    throw new UsageError(`--suppress ${JSON.stringify(text)}: unknown rule ${JSON.stringify(ruleId)}; run netpol rules for the list`);
  }
  if (!reason) throw new UsageError(`--suppress ${JSON.stringify(text)}: state the reason, e.g. --suppress '${ruleId}=pods talk to IPs only'`);
  return policy ? { ruleId, reason, policy } : { ruleId, reason };
}

/**
 * One issue per (code, object, document, field): the validator and the lint rules both report
 * unknown fields, and the reader and the validator both report wrong JSON types; the more severe
 * report is kept. Shape errors of the reader are dropped where the validator already reported
 * the same field.
 */
function dedupe(issues: Issue[]): Issue[] {
  const rank = (i: Issue) => (i.severity === 'error' ? 0 : i.severity === 'warning' ? 1 : 2);
  const placeOf = (i: Issue) => `${i.code}|${i.file}|${i.document}|${i.object}|${i.field}`;
  const validated = new Set<string>();
  for (const i of issues) if (i.code === 'decode-error' || /^V-\d+$/.test(i.code)) validated.add(`${i.file}|${i.document}|${i.object}|${i.field}`);
  // Keyed by place first; the message (long text) is compared only between issues of one place.
  // A place (a string built per issue) is made only for documents with more than one issue: most of
  // a 110k-policy export's 127k findings are alone in their document, which `firstOf` tells by the
  // file (one string per file) and the document number, without hashing a string per issue.
  const kept: Issue[] = [];
  const firstByFile = new Map<string | undefined, Map<number, number>>();
  const at = new Map<string, number | Map<string, number>>();
  const messageOf = (i: Issue) => (i.code === 'unknown-field' ? '' : i.message);
  for (const i of issues) {
    if (i.code === 'read-shape' && validated.has(`${i.file}|${i.document}|${i.object}|${i.field}`)) continue;
    let firstOf = firstByFile.get(i.file);
    if (firstOf === undefined) firstByFile.set(i.file, firstOf = new Map());
    const document = i.document ?? -1;
    const first = firstOf.get(document);
    if (first === undefined) {
      firstOf.set(document, kept.length);
      kept.push(i);
      continue;
    }
    if (first >= 0) {
      // The document's first issue, until now alone, gets its place.
      at.set(placeOf(kept[first]), first);
      firstOf.set(document, -1);
    }
    const place = placeOf(i);
    const message = messageOf(i);
    let slot = at.get(place);
    let k: number | undefined;
    if (slot === undefined) {
      at.set(place, kept.length);
    } else {
      if (typeof slot === 'number') {
        at.set(place, slot = new Map([[messageOf(kept[slot]), slot]]));
      }
      k = slot.get(message);
      if (k === undefined) slot.set(message, kept.length);
    }
    if (k === undefined) kept.push(i);
    else if (rank(i) < rank(kept[k])) kept[k] = i;
  }
  return kept.sort(compareIssues);
}

/**
 * The namespaces whose workloads the input holds completely, so that a selector matching none of
 * them is dead (selector-matches-nothing), and a note saying what was assumed. Complete: named by
 * --complete-namespaces, every one with --workloads-complete, or read from a cluster export: the
 * input (not --assume) holds the Namespace object and Pods read back from the API server
 * (`metadata.uid` set), as `kubectl get ns,pods,netpol -A -o yaml` writes them.
 */
export function completeNamespaces(ws: Workspace, assumedFiles: string[], opts: { completeNamespaces?: string[]; workloadsComplete?: boolean }): { names: string[]; note?: Issue } {
  const withPods = [...new Set(ws.pods.map((p) => p.namespace))].sort();
  if (withPods.length === 0) return { names: [] };
  const own = ws.objects.filter((o) => !assumedFiles.includes(o.file));
  // Looked up by namespace: a scan of every object per namespace is quadratic on a big export.
  const declared = new Set(own.filter((o) => o.kind === 'Namespace').map((o) => o.name));
  const withReadPods = new Set(own.filter((o) => o.kind === 'Pod' && typeof (o.json.metadata as { uid?: unknown } | undefined)?.uid === 'string').map((o) => o.namespace ?? 'default'));
  const exported = (ns: string) => declared.has(ns) && withReadPods.has(ns);
  const said = opts.completeNamespaces ?? [];
  const names = withPods.filter((ns) => opts.workloadsComplete || said.includes(ns) || exported(ns));
  const partial = withPods.filter((ns) => !names.includes(ns));
  if (partial.length === 0) return { names };
  return {
    names,
    note: {
      code: 'check-workloads-partial', severity: Severity.INFO,
      message: `workloads of ${partial.join(', ')} are taken as partial (not a cluster export, not said complete), so selectors there are not reported as matching nothing`
        + (names.length > 0 ? `; complete: ${names.join(', ')}` : ''),
      hint: `if the input holds every workload of a namespace, say so: --complete-namespaces ${partial.join(',')} (or --workloads-complete)`,
    },
  };
}
