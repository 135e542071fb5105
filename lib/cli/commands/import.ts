import { promises as fs } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { generateTypeScript, metadataNotCarried, prototypeKeys } from '../../import';
import { runLint } from '../../lint';
import { UNKNOWN_FIELD } from '../../manifest/validate-decode';
import { validateNetworkPolicyJson } from '../../manifest/validate-network-policy';
import { Issue, Severity } from '../../model';
import { escapeControlChars } from '../../model/untrusted-text';
import { formatIssueLine } from '../format/issues-text';
import { SourcedObject } from '../../manifest/read-yaml';
import { place } from '../workspace';
import { CommandContext, EXIT } from './context';
import { clusterImportInputs, escalateUnknownClusterFields, isClusterPolicyObject } from './import-cluster';
import { readInputs } from './read-inputs';

/** Options of `netpol import`. */
export interface ImportCommandOptions {
  /** Write the program to this file instead of standard output. */
  readonly out?: string;
  /** Module specifier of the library in the generated imports. */
  readonly library: string;
  /**
   * Pattern constructs: unset, only where they write the policy exactly (metadata included);
   * true, also where they add their audit metadata; false, never.
   */
  readonly patterns?: boolean;
}

/**
 * NetworkPolicy and cluster policy YAML (ClusterNetworkPolicy; v1alpha1 AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy, written as v1alpha2) -> a TypeScript cdk8s program using the
 * constructs. Exit 2 when an input cannot be read or holds no policy, 1 when a policy is invalid
 * (as `netpol check` would report it) or cannot be written by the constructs, 0 otherwise.
 * Nothing is written unless every policy could be imported.
 */
export async function runImport(files: string[], opts: ImportCommandOptions, ctx: CommandContext): Promise<number> {
  const { ws, notes, fileCount } = await readInputs(files, ctx, 'import');
  const named = files.map((f) => (f === '-' ? 'standard input' : f));
  const problems: Issue[] = notes.filter((i) => i.severity !== Severity.INFO).map(escalateUnknownClusterFields);
  const cluster = clusterImportInputs(ws);
  problems.push(...cluster.problems);
  for (const obj of ws.objects) {
    if (obj.kind !== 'NetworkPolicy') continue;
    // Unknown fields come from the lint rule below, an error as in `netpol check`: the constructs
    // cannot write them, and a dropped `podSelectr` would make the program select every pod.
    problems.push(...validateNetworkPolicyJson(obj.json).filter((i) => i.severity !== Severity.INFO && i.code !== UNKNOWN_FIELD).map((i) => place(i, obj)));
    problems.push(...metadataNotCarried(obj.json).map((i) => place(i, obj)));
    // A `__proto__` key is lost by any object copy (a selector would widen to every pod): refused.
    // Said once when validation says it too.
    const seen = (i: Issue) => problems.some((p) => p.object === i.object && p.field === i.field && p.message === i.message);
    problems.push(...prototypeKeys(obj.json).map((i) => place(i, obj)).filter((i) => !seen(i)));
  }
  problems.push(...runLint({ policies: ws.policies }, { only: [UNKNOWN_FIELD] }).issues.map((i) => ({
    ...i, message: `${i.message}; the constructs cannot write it`,
  })));
  // docs/semantics.md rule 38: kubectl applies a policy without a namespace to the context's, usually
  // `default`; the program says so explicitly, which is worth a warning.
  for (const i of ws.issues) {
    if (i.code === 'read-namespace-assumed' && i.severity === Severity.INFO && (i.object ?? '').startsWith('NetworkPolicy ')) {
      problems.push({ ...i, severity: Severity.WARNING, message: `${i.message}; the program puts it there explicitly` });
    }
  }
  const errors = problems.filter((i) => i.severity === Severity.ERROR);
  const print = (list: Issue[]) => {
    for (const i of list) {
      ctx.io.stderr(formatIssueLine(i, ctx.style) + '\n');
      if (i.hint) ctx.io.stderr(`    ${ctx.style.dim('fix:')} ${escapeControlChars(i.hint)}\n`);
    }
  };
  print(problems);
  if (ws.unusable) {
    ctx.io.stderr('netpol import: some input could not be read (see above); nothing written\n');
    return EXIT.UNUSABLE;
  }
  if (ws.policies.length === 0 && !ws.objects.some(isClusterPolicyObject)) {
    ctx.io.stderr(`netpol import: no NetworkPolicy in ${named.join(', ')} (nor a ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy); nothing written\n`);
    return EXIT.UNUSABLE;
  }
  if (errors.length > 0) {
    ctx.io.stderr(`netpol import: ${errors.length} error${errors.length === 1 ? '' : 's'} (see above): the API server would reject `
      + 'these policies, or the constructs cannot write them; fix them and run again. Nothing written.\n');
    return EXIT.FINDINGS;
  }
  const origins: { [id: string]: string } = {};
  for (const p of [...ws.policies, ...ws.clusterPolicies]) {
    const src = p.source;
    if (src?.file) {
      origins[p.spec.id] = `${src.file === '-' ? 'standard input' : src.file}${src.document !== undefined ? `, document ${src.document + 1}` : ''}${src.item !== undefined ? `, items[${src.item}]` : ''}`;
    }
  }
  const result = generateTypeScript(ws.policies.map((p) => p.spec), {
    library: opts.library, patterns: opts.patterns === undefined ? 'exact' : opts.patterns ? 'add-metadata' : 'none', origins, sources: named,
    clusterPolicies: cluster.inputs,
  });
  const sourceOf = new Map(ws.policies.map((p) => [`NetworkPolicy ${p.spec.id}`, p.source]));
  print(result.notes.map((n) => {
    const obj: SourcedObject | undefined = cluster.sources.get(n.object ?? '');
    if (obj) return place(n, obj);
    const src = sourceOf.get(n.object ?? '');
    const line = n.field ? src?.locate?.(n.field) ?? src?.line : src?.line;
    return { ...n, file: src?.file, document: src?.document, ...(line !== undefined ? { line } : {}) };
  }));
  if (opts.out) {
    const path = isAbsolute(opts.out) ? opts.out : join(ctx.io.cwd, opts.out);
    try {
      await fs.writeFile(path, result.source, 'utf8');
    } catch (e) {
      ctx.io.stderr(`netpol import: cannot write ${opts.out}: ${(e as Error).message}\n`);
      return EXIT.UNUSABLE;
    }
  } else {
    ctx.io.stdout(result.source);
  }
  const summary = Object.entries(result.constructs).map(([c, n]) => `${c} ${n}`).join(', ');
  const clusterCount = cluster.inputs.length > 0 ? `, ${cluster.inputs.length} cluster polic${cluster.inputs.length === 1 ? 'y' : 'ies'}` : '';
  ctx.io.stderr(`netpol import: ${ws.policies.length} NetworkPolic${ws.policies.length === 1 ? 'y' : 'ies'}${clusterCount} from ${fileCount} file${fileCount === 1 ? '' : 's'}`
    + `${opts.out ? ` -> ${opts.out}` : ''} (${summary})\n`);
  return EXIT.OK;
}
