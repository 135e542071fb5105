import { LINT_RULES } from '../../lint';
import { CommandContext, EXIT, UsageError } from './context';

/** The lint rules with their explanations (all, or the named ones). */
export async function runRules(ids: string[], opts: { format: string }, ctx: CommandContext): Promise<number> {
  if (!['text', 'json', 'markdown'].includes(opts.format)) throw new UsageError(`--format ${JSON.stringify(opts.format)}: use text, json or markdown`);
  for (const id of ids) {
    if (!LINT_RULES.some((r) => r.id === id)) throw new UsageError(`unknown rule ${JSON.stringify(id)}; known rules: ${LINT_RULES.map((r) => r.id).join(', ')}`);
  }
  const rules = ids.length > 0 ? LINT_RULES.filter((r) => ids.includes(r.id)) : LINT_RULES;
  if (opts.format === 'json') {
    ctx.io.stdout(JSON.stringify(rules.map((r) => ({ id: r.id, severity: r.severity, summary: r.summary, description: r.description })), null, 2) + '\n');
    return EXIT.OK;
  }
  const out: string[] = [];
  for (const r of rules) {
    if (opts.format === 'markdown') {
      out.push(`## \`${r.id}\` (${r.severity})`, '', r.summary, '', r.description, '');
    } else {
      out.push(`${ctx.style.bold(r.id)} ${ctx.style.dim(`(${r.severity})`)}`, `  ${r.summary}`, ...wrap(r.description, 96).map((l) => `    ${l}`), '');
    }
  }
  out.push('Suppress a rule on one policy with the annotation suppress.netpol.cdk8s.io/<rule-id>: "<reason>",');
  out.push('or for a whole run with netpol check --suppress <rule-id>=<reason>.');
  ctx.io.stdout(out.join('\n') + '\n');
  return EXIT.OK;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
