// What every reporter needs to know about a finding besides the finding itself: its rule's name and
// family, the order findings are listed in, and the word for the run's result.
import type { Finding, Level, Result, RunReport } from '../model.js';
import { assertNever } from '../model.js';

export type ReportRule = RunReport['rules'][number];

/** Summary tables, in order; `other` only appears for ids outside the documented ranges. */
export const FAMILIES = [
  { key: 'soak', title: 'AMI soak (DG1xx)' },
  { key: 'binaries', title: 'Deploy-script binaries (DG2xx)' },
  { key: 'promotion', title: 'Terraform promotion (DG3xx)' },
  { key: 'process', title: 'Process (DG4xx, DG9xx)' },
  { key: 'other', title: 'Other' },
] as const;

export type FamilyKey = (typeof FAMILIES)[number]['key'];

const KNOWN_FAMILIES = new Set<string>(FAMILIES.map((family) => family.key));

/** Rule metadata by id; the first entry wins when an id is listed twice. */
export function rulesById<R extends { id: string }>(rules: readonly R[]): Map<string, R> {
  const byId = new Map<string, R>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return byId;
}

/** The rule's name, or the id itself when the rule is not in the report (findings carry only ids). */
export function ruleName(id: string, rules: ReadonlyMap<string, { name: string }>): string {
  return rules.get(id)?.name ?? id;
}

/** `DG201 binary-missing-on-image`. */
export function ruleTitle(id: string, rules: ReadonlyMap<string, { name: string }>): string {
  const name = ruleName(id, rules);
  return name === id ? id : `${id} ${name}`;
}

/** Family from the rule metadata, else from the id's hundreds digit (DG1xx soak … DG4xx/DG9xx process). */
export function familyOf(id: string, rules: ReadonlyMap<string, { family: string }>): FamilyKey {
  const declared = rules.get(id)?.family;
  if (declared !== undefined && KNOWN_FAMILIES.has(declared)) return declared as FamilyKey;
  const digit = /^DG(\d)\d\d$/.exec(id)?.[1];
  switch (digit) {
    case '1':
      return 'soak';
    case '2':
      return 'binaries';
    case '3':
      return 'promotion';
    case '4':
    case '9':
      return 'process';
    default:
      return 'other';
  }
}

export function levelRank(level: Level): number {
  switch (level) {
    case 'error':
      return 0;
    case 'warning':
      return 1;
    case 'notice':
      return 2;
    default:
      return assertNever(level, 'level');
  }
}

/** Overridden findings sort after the live ones of every level: they no longer block. */
function severityRank(finding: Finding): number {
  return levelRank(finding.level) + (finding.overridden === true ? 3 : 0);
}

function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1; // findings without a file go last
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/** Errors first, then warnings, notices, overridden; then file, line, column, id. Stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a) - severityRank(b) ||
    compareText(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareText(a.id, b.id)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** The unambiguous word for a result, as shown first in every human-readable report. */
export function verdictLabel(result: Result): string {
  switch (result) {
    case 'pass':
      return 'PASS';
    case 'warn':
      return 'WARN';
    case 'fail':
      return 'FAIL';
    case 'error':
      return 'ERROR — could not evaluate';
    case 'overridden':
      return 'OVERRIDDEN';
    default:
      return assertNever(result, 'result');
  }
}

/** `file:line:column` with the parts the finding has; undefined without a file. */
export function locationOf(finding: Finding, withColumn: boolean): string | undefined {
  if (finding.file === undefined) return undefined;
  if (finding.line === undefined) return finding.file;
  if (withColumn && finding.column !== undefined) return `${finding.file}:${finding.line}:${finding.column}`;
  return `${finding.file}:${finding.line}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `850 ms`, `3.2 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown duration';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
