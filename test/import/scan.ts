import * as ts from 'typescript';

// A generated program as the TypeScript scanner reads it: which identifiers it holds as code,
// which object keys, and which tokens no generated program may hold (template literals).

export interface Scanned {
  /** Identifier tokens that are not object keys (`name` in `{ name: ... }`). */
  readonly code: string[];
  /** Identifier tokens in key position: after `{` or `,` and before `:`. */
  readonly keys: string[];
  /** String literal values. */
  readonly strings: string[];
  /** Kinds of tokens a generated program never writes (templates, `Unknown`, regular expressions, ...). */
  readonly unexpected: string[];
  /** The text of each `//` comment. */
  readonly comments: string[];
}

const NEVER = new Set([
  ts.SyntaxKind.Unknown,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.BacktickToken,
  ts.SyntaxKind.MultiLineCommentTrivia,
  ts.SyntaxKind.ConflictMarkerTrivia,
  ts.SyntaxKind.ShebangTrivia,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.HashToken,
  ts.SyntaxKind.AtToken,
]);

export function scan(source: string): Scanned {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
  const tokens: Array<{ kind: ts.SyntaxKind; text: string; value: string }> = [];
  const unexpected: string[] = [];
  const comments: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (NEVER.has(kind)) unexpected.push(`${ts.SyntaxKind[kind]} ${JSON.stringify(scanner.getTokenText())}`);
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia) comments.push(scanner.getTokenText());
    if (kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.NewLineTrivia || kind === ts.SyntaxKind.SingleLineCommentTrivia) continue;
    tokens.push({ kind, text: scanner.getTokenText(), value: scanner.getTokenValue() });
  }
  const code: string[] = [];
  const keys: string[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== ts.SyntaxKind.Identifier) return;
    const before = tokens[i - 1]?.kind;
    const isKey = tokens[i + 1]?.kind === ts.SyntaxKind.ColonToken
      && (before === ts.SyntaxKind.OpenBraceToken || before === ts.SyntaxKind.CommaToken);
    (isKey ? keys : code).push(t.value);
  });
  const strings = tokens.filter((t) => t.kind === ts.SyntaxKind.StringLiteral).map((t) => t.value);
  return { code, keys, strings, unexpected, comments };
}
