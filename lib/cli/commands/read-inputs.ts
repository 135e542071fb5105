import { Issue, Severity } from '../../model';
import { formatIssueLine } from '../format/issues-text';
import { loadInputs } from '../load-inputs';
import { Workspace, buildWorkspace } from '../workspace';
import { CommandContext, UsageError } from './context';

/** Reader notes that only `--verbose` shows. */
const QUIET_CODES = new Set(['read-namespace-implied', 'read-workload-represented']);

/**
 * Loads and reads the inputs of a command. Ignored kinds are folded into one note. Throws a
 * UsageError when no input was named.
 */
export async function readInputs(files: string[], ctx: CommandContext, command: string, verbose = false, namespace?: string, assume: string[] = []): Promise<{ ws: Workspace; notes: Issue[]; fileCount: number; assumedFiles: string[] }> {
  if (files.length === 0) {
    throw new UsageError(`netpol ${command}: name at least one file or directory, or - to read standard input (see netpol ${command} --help)`);
  }
  // `--assume` files (workloads deployed elsewhere: Helm, other repositories) are more input,
  // remembered as assumed: they never make a namespace's workloads known complete.
  const given = await loadInputs(files, ctx.io);
  const extra = await loadInputs(assume, ctx.io);
  const inputs = [...given.inputs, ...extra.inputs];
  const issues = [...given.issues, ...extra.issues];
  const assumedFiles = extra.inputs.map((i) => i.file);
  const ws = buildWorkspace(inputs, issues, namespace ? { defaultNamespace: namespace } : {});
  return { ws, notes: foldNotes(ws.issues, verbose), fileCount: inputs.length, assumedFiles };
}

/** The reading issues to show: ignored kinds folded into one note, quiet notes dropped. */
export function foldNotes(issues: Issue[], verbose = false): Issue[] {
  // Other kinds are folded; a NetworkPolicy of another dialect (Calico's) keeps its own message.
  const folded = (i: Issue) => i.code === 'read-kind-ignored' && i.message.startsWith('kind ');
  const ignored = issues.filter(folded);
  const out = issues.filter((i) => !folded(i) && (verbose || !QUIET_CODES.has(i.code)));
  if (ignored.length > 0) {
    const kinds = [...new Set(ignored.map((i) => (i.object ?? '').split(' ')[0]))].sort();
    const files = [...new Set(ignored.map((i) => i.file).filter((f): f is string => f !== undefined))];
    const where = files.length === 0 ? '' : ` in ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more files` : ''}`;
    // One object keeps its own place (file, document, line, object); many are counted per kind.
    const one = ignored.length === 1 ? ignored[0] : undefined;
    out.push({
      ...(one ? { file: one.file, document: one.document, line: one.line, object: one.object } : {}),
      code: 'read-kind-ignored', severity: Severity.INFO,
      message: `${one ? 'ignored' : `${ignored.length} objects of kind ${kinds.join(', ')}${where} ignored`}: `
        + 'only NetworkPolicy, Namespace, Pod and workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) take part, '
        + 'with the cluster policies (ClusterNetworkPolicy; v1alpha1 AdminNetworkPolicy, BaselineAdminNetworkPolicy)',
    });
  }
  return out;
}

/** For commands other than `check`: print reading errors and warnings to stderr. */
export function reportReadProblems(notes: Issue[], ctx: CommandContext): void {
  for (const i of notes) {
    if (i.severity === Severity.INFO) continue;
    ctx.io.stderr(formatIssueLine(i, ctx.style) + '\n');
  }
}
