import { LINT_RULES, SuppressedIssue } from '../../lint';
import { Issue } from '../../model';
import { safeJson, safeJsonText } from './json';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * SARIF 2.1.0 (what GitHub code scanning and most CI dashboards read). Lint rules are described
 * in `tool.driver.rules`; validation and reader codes (`V-12`, `read-syntax`) get a rule entry too.
 * Suppressed findings are included with their justification, as SARIF intends.
 */
export function formatIssuesSarif(issues: Issue[], suppressed: SuppressedIssue[], version: string): string {
  let text = '';
  writeIssuesSarif(issues, suppressed, version, (piece) => { text += piece; });
  return text;
}

/** Results per piece written. */
const BATCH = 128;

/**
 * `formatIssuesSarif`, handed to `write` in pieces in order: the text `safeJson` gives for the
 * whole log, with the results made a batch at a time (a 110k-policy export has 127k of them).
 */
export function writeIssuesSarif(issues: Issue[], suppressed: SuppressedIssue[], version: string, write: (piece: string) => void): void {
  const codeSet = new Set<string>();
  for (const i of issues) codeSet.add(i.code);
  for (const s of suppressed) codeSet.add(s.issue.code);
  const codes = [...codeSet].sort();
  const ruleIndex = new Map(codes.map((code, k) => [code, k]));
  const rules = codes.map((code) => {
    const lint = LINT_RULES.find((r) => r.id === code);
    return lint
      ? {
        id: code,
        name: code,
        shortDescription: { text: lint.summary },
        fullDescription: { text: lint.description },
        defaultConfiguration: { level: level(lint.severity) },
        helpUri: undefined,
      }
      : {
        id: code,
        name: code,
        shortDescription: { text: describeCode(code) },
      };
  }).map((r) => JSON.parse(JSON.stringify(r)));
  const result = (issue: Issue, reason?: string) => {
    const r: { [key: string]: unknown } = {
      ruleId: issue.code,
      ruleIndex: ruleIndex.get(issue.code),
      level: level(issue.severity),
      message: { text: issue.hint ? `${issue.message} (fix: ${issue.hint})` : issue.message },
      locations: [location(issue)],
    };
    if (reason !== undefined) r.suppressions = [{ kind: 'inSource', justification: reason }];
    return r;
  };
  // The log with no results, cut where they go: `"results": []` is its last member (in a JSON
  // string a quote is escaped, so the text cannot occur there).
  const log = safeJson({
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'netpol', version, informationUri: 'https://github.com/cdk8s-netpol/cdk8s-netpol', rules } },
      results: [],
    }],
  });
  const at = log.lastIndexOf('"results": [') + '"results": ['.length;
  write(log.slice(0, at));
  // Each batch stringified at the depth of the results (`{"runs": [{"results": [...]}]}`) and cut
  // out of it, so the indentation is JSON.stringify's own.
  const open = '{\n  "runs": [\n    {\n      "results": ['.length;
  const close = '\n      ]\n    }\n  ]\n}'.length;
  const total = issues.length + suppressed.length;
  for (let k = 0; k < total; k += BATCH) {
    const batch: unknown[] = [];
    for (let j = k; j < Math.min(k + BATCH, total); j++) {
      batch.push(j < issues.length ? result(issues[j]) : result(suppressed[j - issues.length].issue, suppressed[j - issues.length].reason));
    }
    const text = JSON.stringify({ runs: [{ results: batch }] }, undefined, 2);
    write(safeJsonText(`${k > 0 ? ',' : ''}${text.slice(open, text.length - close)}`));
  }
  write(`${total > 0 ? '\n      ' : ''}${log.slice(at)}\n`);
}

function location(i: Issue): { [key: string]: unknown } {
  const loc: { [key: string]: unknown } = {};
  if (i.file) {
    loc.physicalLocation = {
      artifactLocation: { uri: i.file === '-' ? 'stdin' : uriReference(i.file) },
      ...(i.line !== undefined ? { region: { startLine: i.line } } : {}),
    };
  }
  const name = [i.object, i.document !== undefined ? `document ${i.document + 1}` : undefined, i.field].filter(Boolean).join(' ');
  if (name) loc.logicalLocations = [{ fullyQualifiedName: name, kind: 'object' }];
  return loc;
}

/**
 * A file path as the URI reference SARIF's `artifactLocation.uri` must be (RFC 3986): every
 * character but the unreserved ones (`A-Z a-z 0-9 - . _ ~`) and the `/` separators is
 * percent-encoded as UTF-8, so `a b#1.yaml` is `a%20b%231.yaml` and `C:` cannot read as a scheme.
 */
export function uriReference(path: string): string {
  // A lone surrogate has no UTF-8 form (encodeURIComponent would throw): U+FFFD stands for it.
  const wellFormed = path.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return wellFormed.split('/').map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
}

function level(severity: string): string {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function describeCode(code: string): string {
  if (/^V-\d+$/.test(code)) return `Kubernetes API-server validation rule ${code}: the API server rejects the object`;
  if (code.startsWith('read-') || code.startsWith('input-')) return 'The input could not be read as Kubernetes objects';
  if (code === 'decode-error') return 'A value of the wrong JSON type: the API server cannot decode the object';
  return code;
}
