import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs a command as a whole separate process and measures it: wall time around the spawn (so Node
// start-up and module loading count), peak memory from /usr/bin/time when present (GNU time's
// %M, max RSS in KB), else from the child's own report (process.resourceUsage().maxRSS).

export interface ProcessRun {
  readonly seconds: number;
  readonly peakMB: number;
  /** User plus system CPU seconds of the child (GNU time's %U + %S), when known: less swayed than wall time by other work on the machine. */
  readonly cpuSeconds?: number;
  readonly exitCode: number;
  /** True when the run was stopped at its time limit (then `seconds` is a lower bound). */
  readonly timedOut: boolean;
  /** The JSON object the child printed on its last stdout line, if any. */
  readonly report: { [key: string]: number };
  readonly stdout: string;
  readonly stderr: string;
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;

/** Runs `command args` once. Throws when it fails in an unexpected way (exit code not allowed). */
export function runProcess(command: string, args: string[], opts: { cwd: string; allowedExitCodes?: number[]; timeoutSeconds?: number; env?: NodeJS.ProcessEnv }): ProcessRun {
  const scratch = mkdtempSync(join(tmpdir(), 'netpol-bench-time-'));
  const timeFile = join(scratch, 'time.txt');
  const [cmd, argv] = hasGnuTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]] : [command, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    cwd: opts.cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: (opts.timeoutSeconds ?? 900) * 1000,
    killSignal: 'SIGKILL',
    env: { ...(opts.env ?? process.env), CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const exitCode = r.status ?? -1;
  const stdout = r.stdout ?? '';
  const stderr = r.stderr ?? '';
  const timedOut = r.signal !== null && seconds >= (opts.timeoutSeconds ?? 900) * 0.99;
  if (timedOut) {
    rmSync(scratch, { recursive: true, force: true });
    return { seconds, peakMB: 0, exitCode, timedOut, report: {}, stdout, stderr };
  }
  const allowed = opts.allowedExitCodes ?? [0];
  if (!allowed.includes(exitCode)) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`${command} ${args.join(' ')} exited ${exitCode}${r.error ? ` (${r.error.message})` : ''}\n${stderr.slice(-2000)}`);
  }
  const report = lastJsonLine(stdout);
  let peakKB = report.maxRssKB ?? 0;
  let cpuSeconds: number | undefined;
  if (hasGnuTime && existsSync(timeFile)) {
    const [kb, user, system] = (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
    if (Number.isFinite(kb) && kb > 0) peakKB = kb;
    if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user + system;
  }
  rmSync(scratch, { recursive: true, force: true });
  return { seconds, peakMB: peakKB / 1024, cpuSeconds, exitCode, timedOut, report, stdout, stderr };
}

function lastJsonLine(stdout: string): { [key: string]: number } {
  const lines = stdout.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (!line.startsWith('{')) continue;
    try {
      return JSON.parse(line);
    } catch {
      return {};
    }
  }
  return {};
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Where peak memory comes from, for the report. */
export const MEMORY_SOURCE = hasGnuTime ? 'GNU time max RSS' : 'child process.resourceUsage().maxRSS';
