import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RefCluster, RefEndpoint } from './reference-evaluator';

/** One truth table of ../shared/oracle/cases/. */
export interface OracleCase {
  readonly name: string;
  readonly file: string;
  readonly cluster: RefCluster;
  readonly policies: Array<{ [key: string]: any }>;
  readonly expect: Array<{ from: RefEndpoint; to: RefEndpoint; port: number; protocol: string; allowed: boolean }>;
}

/** The oracle directory: ../shared/oracle next to the repository (CI clones shared/ beside it). */
/** A copy of ../shared/oracle/cases kept in the repository, so a fresh clone tests itself; NETPOL_ORACLE_CASES points elsewhere (e.g. at unseen cases). */
export const ORACLE_CASES_DIR = process.env.NETPOL_ORACLE_CASES ?? join(__dirname, '..', 'fixtures', 'oracle', 'cases');

/** Every case file, sorted by name. */
export function loadOracleCases(): OracleCase[] {
  return readdirSync(ORACLE_CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ ...JSON.parse(readFileSync(join(ORACLE_CASES_DIR, f), 'utf8')), file: f }));
}
