/** How serious an Issue is. */
export enum Severity {
  /** The API server would reject it, or it cannot be read: nothing is written. */
  ERROR = 'error',
  /** Accepted by Kubernetes but probably not what was meant. */
  WARNING = 'warning',
  /** Worth knowing; never fails anything. */
  INFO = 'info',
}

/**
 * One problem found while reading, validating or linting. The same shape serves parsing,
 * API-server validation and lint rules; the CLI maps severities to exit codes.
 */
export interface Issue {
  /** Stable identifier: a validation rule (`V-21`), a lint rule id (`dns-egress-missing`) or a reader code. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong, quoting the offending value. */
  readonly message: string;
  /** JSON field path inside the object, e.g. `spec.ingress[0].from[1].ipBlock.cidr`. */
  readonly field?: string;
  /** The suggested fix, when one is obvious. */
  readonly hint?: string;
  /** File the object came from (reader and CLI only). */
  readonly file?: string;
  /** 0-based index of the YAML document in the file. */
  readonly document?: number;
  /** 1-based line in the file, when known. */
  readonly line?: number;
  /** `Kind namespace/name` of the object concerned. */
  readonly object?: string;
}
