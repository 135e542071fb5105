import { LINT_RULES, SuppressedIssue } from '../../lint';
import { Issue } from '../../model';

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
  return JSON.stringify({
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'netpol', version, informationUri: 'https://github.com/cdk8s-netpol/cdk8s-netpol', rules } },
      results,
    }],
  }, null, 2) + '\n';
}

function location(i: Issue): { [key: string]: unknown } {
  const loc: { [key: string]: unknown } = {};
  if (i.file) {
    loc.physicalLocation = {
      artifactLocation: { uri: i.file === '-' ? 'stdin' : i.file },
      ...(i.line !== undefined ? { region: { startLine: i.line } } : {}),
    };
  }
  const name = [i.object, i.document !== undefined ? `document ${i.document + 1}` : undefined, i.field].filter(Boolean).join(' ');
  if (name) loc.logicalLocations = [{ fullyQualifiedName: name, kind: 'object' }];
  return loc;
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
