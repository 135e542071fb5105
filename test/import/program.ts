import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';

// Helpers that treat a generated program as a user would: type-check it with the compiler, run
// it, and read the YAML it synthesizes.

export const REPO = join(__dirname, '..', '..');
/** Generated programs are written here (inside the tree, so `cdk8s` resolves) and removed after. */
export const TMP_DIR = join(REPO, 'test', '.tmp-import');

/** A fresh directory for one test file's programs (test files run in parallel). */
export function resetTmp(suite: string): string {
  const dir = join(TMP_DIR, suite);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes the suite's directory, and the parent when it is empty. */
export function removeTmp(suite: string): void {
  rmSync(join(TMP_DIR, suite), { recursive: true, force: true });
  try {
    if (readdirSync(TMP_DIR).length === 0) rmSync(TMP_DIR, { recursive: true, force: true });
  } catch {
    // already gone
  }
}

export function writeProgram(dir: string, name: string, source: string): string {
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, source);
  return file;
}

/**
 * Type errors of the programs, as `file(line): message`. `cdk8s-netpol` resolves to lib/index.ts,
 * as it does for a user who installed the package. Strict, with unused locals reported.
 */
export function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitReturns: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: ['node'],
    baseUrl: REPO,
    paths: { 'cdk8s-netpol': ['lib/index.ts'] },
  });
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.includes(d.file.fileName))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${d.file!.fileName}(${line + 1}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

/** Runs a program in-process (its `app.synth()` writes to a fresh CDK8S_OUTDIR) and returns the objects. */
export async function synthProgram(file: string): Promise<any[]> {
  const out = mkdtempSync(join(tmpdir(), 'netpol-import-'));
  const before = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = out;
  try {
    await import(file);
  } finally {
    if (before === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = before;
  }
  const objects: any[] = [];
  for (const f of readdirSync(out).filter((x) => x.endsWith('.yaml')).sort()) {
    objects.push(...parseAllDocuments(readFileSync(join(out, f), 'utf8')).map((d) => d.toJSON()).filter(Boolean));
  }
  rmSync(out, { recursive: true, force: true });
  return objects;
}

export const exists = existsSync;

/** The module specifier of lib/ from a program in `dir`, for programs run in-process. */
export function libraryFrom(dir: string): string {
  return relative(dir, join(REPO, 'lib'));
}
