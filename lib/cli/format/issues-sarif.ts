import { LINT_RULES, SuppressedIssue } from '../../lint';
import { Issue } from '../../model';
import { safeJson } from './json';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * SARIF 2.1.0 (what GitHub code scanning and most CI dashboards read). Lint rules are described
 * in `tool.driver.rules`; validation and reader codes (`V-12`, `read-syntax`) get a rule entry too.
 * Suppressed findings are included with their justification, as SARIF intends.
 */
export function formatIssuesSarif(issues: Issue[], suppressed: SuppressedIssue[], version: string): string {
  const all = [...issues.map((issue) => ({ issue, reason: undefined as string | undefined })), ...suppressed.map((s) => ({ issue: s.issue, reason: s.reason as string | undefined }))];
  const codes = [...new Set(all.map((a) => a.issue.code))].sort();
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
  const results = all.map(({ issue, reason }) => {
    const result: { [key: string]: unknown } = {
      ruleId: issue.code,
      ruleIndex: codes.indexOf(issue.code),
      level: level(issue.severity),
      message: { text: issue.hint ? `${issue.message} (fix: ${issue.hint})` : issue.message },
      locations: [location(issue)],
    };
    if (reason !== undefined) result.suppressions = [{ kind: 'inSource', justification: reason }];
    return result;
  });
  return safeJson({
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'netpol', version, informationUri: 'https://github.com/cdk8s-netpol/cdk8s-netpol', rules } },
      results,
    }],
  }) + '\n';
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
