// The GitHub job summary: verdict first, then what blocks, then the detail. Renders; decides nothing.
import type { Evidence, Finding, NotEvaluated, RunReport } from '../model.js';
import { clip, code, escapeHtml, escapeMarkdown, neutraliseCommands } from './escape.js';
import {
  FAMILIES,
  type FamilyKey,
  type ReportRule,
  familyOf,
  formatDuration,
  locationOf,
  plural,
  ruleTitle,
  rulesById,
  sortFindings,
  verdictLabel,
} from './findings.js';

/** GitHub rejects a step summary over 1 MiB; stay clear of it with room for what else the step appends. */
export const SUMMARY_MAX_BYTES = 1_000_000;

export interface SummaryOptions {
  /** Upper bound for the rendered Markdown in UTF-8 bytes (default {@link SUMMARY_MAX_BYTES}). */
  maxBytes?: number;
  /** `https://github.com/owner/repo`: the Where column links to the file at the head commit. */
  repoUrl?: string;
}

// Per-field caps, applied before escaping, so one runaway message cannot take the whole budget.
const MAX = { headline: 500, cell: 1000, fix: 500, short: 200, evidence: 2000, evidencePerFinding: 50 } as const;
// Room for the truncation notices that are added after the budget has been spent.
const RESERVE_BYTES = 2048;

const TABLE_HEAD = ['| Level | Rule | Where | Environment | Message | Fix |', '|---|---|---|---|---|---|'];

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8') + 1; // + the joining newline

/** Spends a byte budget section by section; what does not fit is counted, not rendered. */
class Budget {
  constructor(private remaining: number) {}
  take(lines: readonly string[]): boolean {
    const cost = lines.reduce((sum, line) => sum + bytes(line), 0);
    if (cost > this.remaining) return false;
    this.remaining -= cost;
    return true;
  }
}

const md = (text: string, max: number = MAX.cell): string => escapeMarkdown(clip(text, max));
const cell = (text: string | undefined, max: number = MAX.cell): string =>
  text === undefined || text === '' ? '—' : md(text, max);

export function renderSummary(report: RunReport, options: SummaryOptions = {}): string {
  const rules = rulesById(report.rules);
  const maxBytes = options.maxBytes ?? SUMMARY_MAX_BYTES;
  const links = fileLinker(options.repoUrl, report.head);

  // Small sections that are always shown; the budget is what they leave.
  const verdict = verdictSection(report);
  const override = overrideSection(report, rules);
  const preflight = preflightSection(report);
  const footer = footerSection(report);
  const fixedBytes = [verdict, override, preflight, footer].flat().reduce((sum, line) => sum + bytes(line), 0);
  const budget = new Budget(maxBytes - fixedBytes - RESERVE_BYTES);

  // Admission in priority order: what blocks and could not be evaluated, then findings (errors first),
  // notes, evidence. Rendering order is different (see below).
  const notEvaluatedRows: string[] = [];
  for (const item of report.notEvaluated) {
    const row = notEvaluatedRow(item);
    const lines = notEvaluatedRows.length === 0 ? [...NOT_EVALUATED_HEAD, row] : [row];
    if (!budget.take(lines)) break;
    notEvaluatedRows.push(row);
  }

  const sorted = sortFindings(report.findings);
  const admitted = new Map<FamilyKey, string[]>();
  const admittedFindings: Finding[] = [];
  for (const finding of sorted) {
    const family = familyOf(finding.id, rules);
    const rows = admitted.get(family);
    const row = findingRow(finding, rules, links);
    if (!budget.take(rows === undefined ? ['', `### ${familyTitle(family)}`, '', ...TABLE_HEAD, row] : [row])) break;
    if (rows === undefined) admitted.set(family, [row]);
    else rows.push(row);
    admittedFindings.push(finding);
  }

  const noteLines: string[] = [];
  for (const note of report.notes) {
    const line = `- ${md(note)}`;
    if (!budget.take(noteLines.length === 0 ? ['', '### Notes', '', line] : [line])) break;
    noteLines.push(line);
  }

  const evidence = evidenceSection(report.evidence, admittedFindings, rules, budget);

  // Render: verdict, what was not evaluated (it blocks), tables, evidence, override, notes, preflight, footer.
  const out: string[] = [...verdict];

  if (report.notEvaluated.length > 0) {
    out.push('', '### What was not evaluated', '');
    out.push('These checks could not run. A guard that could not look blocks like a failure; fix the cause and re-run.', '');
    if (notEvaluatedRows.length > 0) out.push(...NOT_EVALUATED_HEAD, ...notEvaluatedRows);
    const more = report.notEvaluated.length - notEvaluatedRows.length;
    if (more > 0) out.push('', `_${plural(more, 'more item')} in the JSON report._`);
  }

  if (report.findings.length === 0) {
    out.push('', 'No findings.');
  }
  for (const { key } of FAMILIES) {
    const total = sorted.filter((finding) => familyOf(finding.id, rules) === key).length;
    if (total === 0) continue;
    const rows = admitted.get(key) ?? [];
    out.push('', `### ${familyTitle(key)}`, '');
    if (rows.length > 0) out.push(...TABLE_HEAD, ...rows);
    if (total > rows.length) {
      if (rows.length > 0) out.push('');
      out.push(`_${plural(total - rows.length, 'more finding')} in the JSON report._`);
    }
  }

  out.push(...evidence);
  out.push(...override);

  if (report.notes.length > 0) {
    out.push('', '### Notes', '', ...noteLines);
    const more = report.notes.length - noteLines.length;
    if (more > 0) out.push(`- _${plural(more, 'more note')} in the JSON report._`);
  }

  out.push(...preflight, ...footer);
  return neutraliseCommands(`${out.join('\n')}\n`);
}

function familyTitle(key: FamilyKey): string {
  return FAMILIES.find((family) => family.key === key)?.title ?? key;
}

function verdictSection(report: RunReport): string[] {
  const { outcome } = report;
  const headline = outcome.headline.trim() === '' ? '' : `: ${md(outcome.headline, MAX.headline)}`;
  const counts = [
    `**Blocking: ${outcome.blocked ? 'yes' : 'no'}**`,
    plural(outcome.errors, 'error'),
    plural(outcome.warnings, 'warning'),
    plural(outcome.notices, 'notice'),
  ];
  if (report.notEvaluated.length > 0) counts.push(`${report.notEvaluated.length} not evaluated`);
  if (report.preflight !== undefined) counts.push(`**Go: ${report.preflight.go ? 'yes' : 'no'}**`);
  return [`## ${verdictLabel(outcome.result)}${headline}`, '', counts.join(' · ')];
}

const NOT_EVALUATED_HEAD = ['| What | Reason | Fix |', '|---|---|---|'];

function notEvaluatedRow(item: NotEvaluated): string {
  return `| ${cell(item.what)} | ${cell(item.reason)} | ${cell(item.fix, MAX.fix)} |`;
}

function findingRow(finding: Finding, rules: ReadonlyMap<string, ReportRule>, links: FileLinker): string {
  const level = finding.overridden === true ? `overridden (${finding.level})` : finding.level;
  const location = locationOf(finding, false);
  const where = location === undefined ? '—' : links(finding, md(location, MAX.short));
  return [
    '',
    level,
    md(ruleTitle(finding.id, rules), MAX.short),
    where,
    cell(finding.environment, MAX.short),
    cell(finding.message),
    cell(finding.fix, MAX.fix),
    '',
  ]
    .join(' | ')
    .trim();
}

function evidenceLine(item: Evidence): string {
  return `- **${md(item.source, MAX.short)}**: ${md(item.text, MAX.evidence)}`;
}

function evidenceSection(
  runEvidence: readonly Evidence[],
  findings: readonly Finding[],
  rules: ReadonlyMap<string, ReportRule>,
  budget: Budget,
): string[] {
  const withEvidence = findings.filter((finding) => finding.evidence.length > 0);
  if (runEvidence.length === 0 && withEvidence.length === 0) return [];
  const out = ['', '### Evidence', ''];
  if (!budget.take(out)) return [];
  let omitted = 0;

  for (const [index, item] of runEvidence.entries()) {
    const line = evidenceLine(item);
    if (!budget.take([line])) {
      omitted += runEvidence.length - index;
      break;
    }
    out.push(line);
  }

  for (const [index, finding] of withEvidence.entries()) {
    const location = locationOf(finding, false);
    const title = escapeHtml(clip(`${ruleTitle(finding.id, rules)}${location === undefined ? '' : ` at ${location}`}`, MAX.short));
    const items = finding.evidence.slice(0, MAX.evidencePerFinding).map(evidenceLine);
    const hidden = finding.evidence.length - items.length;
    if (hidden > 0) items.push(`- _${plural(hidden, 'more item')} in the JSON report._`);
    const block = ['', `<details><summary>${title}</summary>`, '', ...items, '', '</details>'];
    if (!budget.take(block)) {
      omitted += withEvidence.length - index;
      break;
    }
    out.push(...block);
  }

  if (omitted > 0) out.push('', `_Evidence truncated: ${omitted} more in the JSON report._`);
  return out;
}

function overrideSection(report: RunReport, rules: ReadonlyMap<string, ReportRule>): string[] {
  const record = report.outcome.override;
  if (record === undefined) return [];
  const shown = record.findings.slice(0, 100).map((id) => md(ruleTitle(id, rules), MAX.short));
  const more = record.findings.length - shown.length;
  const list = shown.length === 0 ? '—' : `${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
  return [
    '',
    '### Override',
    '',
    `- **Who:** ${md(record.actor, MAX.short)}`,
    `- **When:** ${md(record.at, MAX.short)}`,
    `- **Why:** ${md(record.reason, MAX.fix)}`,
    `- **Label:** ${md(record.label, MAX.short)}`,
    `- **Overridden findings:** ${list}`,
  ];
}

function preflightSection(report: RunReport): string[] {
  const preflight = report.preflight;
  if (preflight === undefined) return [];
  return [
    '',
    '### Preflight',
    '',
    `- **Environment:** ${md(preflight.environment, MAX.short)}`,
    `- **AMI:** ${preflight.amiId === undefined ? 'not resolved' : md(preflight.amiId, MAX.short)}`,
    `- **Go:** ${preflight.go ? 'yes — safe to rotate / scale up' : 'no — do not rotate or scale up'}`,
  ];
}

function footerSection(report: RunReport): string[] {
  const parts = [`mode ${report.mode}`];
  if (report.repository !== undefined) parts.push(md(report.repository, MAX.short));
  if (report.base !== undefined || report.head !== undefined) {
    parts.push(code(`${clip(report.base ?? '?', 64)}..${clip(report.head ?? '?', 64)}`));
  }
  parts.push(`started ${md(report.startedAt, MAX.short)}`);
  parts.push(formatDuration(report.durationMs));
  parts.push(`${md(report.tool.name, MAX.short)} ${md(report.tool.version, MAX.short)}`);
  return ['', '---', '', `<sub>${parts.join(' · ')}</sub>`];
}

type FileLinker = (finding: Finding, text: string) => string;

/**
 * Links `where` to the file on GitHub when a repository URL is known. The URL must be plain https
 * without credentials; the path is percent-encoded per segment (parentheses too, which would end a
 * Markdown link); the ref is the head commit when it looks like one, else the default branch.
 */
function fileLinker(repoUrl: string | undefined, head: string | undefined): FileLinker {
  const base = safeRepoUrl(repoUrl);
  if (base === undefined) return (_finding, text) => text;
  const ref = head !== undefined && /^[0-9a-f]{7,64}$/i.test(head) ? head : 'HEAD';
  return (finding, text) => {
    if (finding.file === undefined) return text;
    const path = finding.file
      .split('/')
      .map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`))
      .join('/');
    const anchor = finding.line === undefined ? '' : `#L${finding.line}`;
    return `[${text}](${base}/blob/${ref}/${path}${anchor})`;
  };
}

function safeRepoUrl(repoUrl: string | undefined): string | undefined {
  if (repoUrl === undefined) return undefined;
  try {
    const url = new URL(repoUrl);
    if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
      return undefined;
    }
    const href = url.href.replace(/\/+$/, '');
    return /^[A-Za-z0-9:/._~%-]+$/.test(href) ? href : undefined;
  } catch {
    return undefined;
  }
}
