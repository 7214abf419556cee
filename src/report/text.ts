// The CLI's terminal report: verdict line first, then findings grouped by file. Every piece of text from
// the repository or AWS goes through plainText, so it cannot move the cursor, recolour or clear the
// terminal (ESC and CSI are shown as \u001B / \u009B) and cannot break a line; colour codes are ours only.
import type { Finding, Level, Result, RunReport } from '../model.js';
import { assertNever } from '../model.js';
import { neutraliseCommands, plainText } from './escape.js';
import { formatDuration, locationOf, plural, ruleTitle, rulesById, sortFindings, verdictLabel } from './findings.js';

export interface TextOptions {
  /** ANSI colours; the CLI passes `process.stdout.isTTY` (and honours NO_COLOR). */
  color: boolean;
}

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan';
const ANSI: Record<Style, string> = { bold: '1', dim: '2', red: '31', yellow: '33', green: '32', cyan: '36' };

export function renderText(report: RunReport, options: TextOptions): string {
  const paint = (text: string, ...styles: Style[]): string =>
    options.color && styles.length > 0 ? `\u001B[${styles.map((style) => ANSI[style]).join(';')}m${text}\u001B[0m` : text;
  const rules = rulesById(report.rules);
  const { outcome } = report;
  const out: string[] = [];

  const headline = outcome.headline.trim() === '' ? '' : `: ${plainText(outcome.headline)}`;
  out.push(paint(`${verdictLabel(outcome.result)}${headline}`, 'bold', resultColour(outcome.result)));
  const counts = [
    `blocking: ${outcome.blocked ? 'yes' : 'no'}`,
    plural(outcome.errors, 'error'),
    plural(outcome.warnings, 'warning'),
    plural(outcome.notices, 'notice'),
  ];
  if (report.notEvaluated.length > 0) counts.push(`${report.notEvaluated.length} not evaluated`);
  if (report.preflight !== undefined) counts.push(`go: ${report.preflight.go ? 'yes' : 'no'}`);
  out.push(counts.join(' · '));

  if (report.notEvaluated.length > 0) {
    out.push('', paint('Not evaluated (blocks like a failure):', 'bold', 'red'));
    for (const item of report.notEvaluated) {
      out.push(`  - ${plainText(item.what)}: ${plainText(item.reason)}`);
      out.push(paint(`    fix: ${plainText(item.fix)}`, 'dim'));
    }
  }

  const levelWidth = Math.max(0, ...report.findings.map((finding) => levelLabel(finding).length));
  for (const group of groupByFile(report.findings)) {
    out.push('');
    for (const finding of group) {
      const where = plainText(locationOf(finding, true) ?? '(no file)');
      const level = paint(levelLabel(finding).padEnd(levelWidth), ...levelStyles(finding));
      const environment = finding.environment === undefined ? '' : ` [${plainText(finding.environment)}]`;
      out.push(`${where}  ${level}  ${plainText(ruleTitle(finding.id, rules))}  ${plainText(finding.message)}${environment}`);
      if (finding.fix !== undefined && finding.fix !== '') out.push(paint(`  fix: ${plainText(finding.fix)}`, 'dim'));
    }
  }
  if (report.findings.length === 0) out.push('', 'No findings.');

  const override = outcome.override;
  if (override !== undefined) {
    out.push('', paint('Override:', 'bold', 'yellow'));
    out.push(`  by ${plainText(override.actor)} at ${plainText(override.at)} (label ${plainText(override.label)})`);
    out.push(`  why: ${plainText(override.reason)}`);
    out.push(`  overridden: ${override.findings.length === 0 ? '-' : override.findings.map(plainText).join(', ')}`);
  }

  if (report.preflight !== undefined) {
    const { environment, amiId, go } = report.preflight;
    out.push('', paint('Preflight:', 'bold'));
    out.push(`  ${plainText(environment)} with ${amiId === undefined ? 'an unresolved AMI' : plainText(amiId)}: ${paint(go ? 'GO' : 'NO-GO', 'bold', go ? 'green' : 'red')}`);
  }

  if (report.notes.length > 0) {
    out.push('', paint('Notes:', 'bold'));
    for (const note of report.notes) out.push(`  - ${plainText(note)}`);
  }

  const footer = [`mode ${report.mode}`];
  if (report.repository !== undefined) footer.push(plainText(report.repository));
  if (report.base !== undefined || report.head !== undefined) {
    footer.push(`${plainText(report.base ?? '?')}..${plainText(report.head ?? '?')}`);
  }
  footer.push(formatDuration(report.durationMs), `${plainText(report.tool.name)} ${plainText(report.tool.version)}`);
  out.push('', paint(footer.join(' · '), 'dim'));

  // A file named `::error::x` starts a line; the CLI may run inside a workflow.
  return neutraliseCommands(`${out.join('\n')}\n`);
}

/** Files in path order, each group in line order; findings without a file last. */
function groupByFile(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string | undefined, Finding[]>();
  const byLocation = sortFindings(findings).sort(
    (a, b) =>
      compareFile(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  for (const finding of byLocation) {
    const group = groups.get(finding.file);
    if (group === undefined) groups.set(finding.file, [finding]);
    else group.push(finding);
  }
  return [...groups.values()];
}

function compareFile(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

function levelLabel(finding: Finding): string {
  const level = finding.level.toUpperCase();
  return finding.overridden === true ? `${level} (overridden)` : level;
}

function levelStyles(finding: Finding): Style[] {
  if (finding.overridden === true) return ['dim'];
  return [levelColour(finding.level)];
}

function levelColour(level: Level): Style {
  switch (level) {
    case 'error':
      return 'red';
    case 'warning':
      return 'yellow';
    case 'notice':
      return 'cyan';
    default:
      return assertNever(level, 'level');
  }
}

function resultColour(result: Result): Style {
  switch (result) {
    case 'pass':
      return 'green';
    case 'warn':
    case 'overridden':
      return 'yellow';
    case 'fail':
    case 'error':
      return 'red';
    default:
      return assertNever(result, 'result');
  }
}
