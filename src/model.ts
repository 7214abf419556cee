// The vocabulary shared by every layer: what a finding is, what the run decided.

export type Level = 'error' | 'warning' | 'notice';
export type ConfiguredLevel = Level | 'off';
export type Mode = 'pr' | 'audit' | 'preflight';
export type Result = 'pass' | 'warn' | 'fail' | 'error' | 'overridden';

export const RESULTS: readonly Result[] = ['pass', 'warn', 'fail', 'error', 'overridden'];

/** One piece of evidence a finding was decided on, e.g. { source: 'ssm', text: '/images/staging/api held ami-1 since …' }. */
export interface Evidence {
  source: string;
  text: string;
}

export interface Finding {
  /** Stable rule id, e.g. DG201. */
  id: string;
  level: Level;
  message: string;
  environment?: string;
  /** Repository-relative path with forward slashes and no leading './'. */
  file?: string;
  line?: number;
  column?: number;
  evidence: Evidence[];
  fix?: string;
  /** Set by the outcome when an allowed override downgraded this finding. */
  overridden?: boolean;
}

/** Something a rule needed but could not read: it blocks like a failure and says what to fix. */
export interface NotEvaluated {
  what: string;
  reason: string;
  fix: string;
}

export interface OverrideRecord {
  actor: string;
  at: string;
  reason: string;
  label: string;
  findings: string[];
}

export interface Outcome {
  result: Result;
  blocked: boolean;
  errors: number;
  warnings: number;
  notices: number;
  headline: string;
  override?: OverrideRecord;
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

/** Everything the reporters render; they decide nothing. */
export interface RunReport {
  tool: { name: string; version: string };
  mode: Mode;
  repository?: string;
  /** Base and head revisions of a PR check. */
  base?: string;
  head?: string;
  startedAt: string;
  durationMs: number;
  outcome: Outcome;
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  /** Rules that ran, with their effective level, for SARIF rule metadata and the summary. */
  rules: { id: string; name: string; family: string; level: Level; summary: string; help: string }[];
  /** Plain statements about the run, e.g. "Image checks are off: no `images` configuration." */
  notes: string[];
  /** Per-source evidence statements that are not tied to one finding (e.g. what each soak source showed). */
  evidence: Evidence[];
  preflight?: { environment: string; amiId?: string; go: boolean };
}
