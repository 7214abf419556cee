// Audit mode's one tracking issue: the alarm the postmortem was missing. Found by a hidden marker,
// updated in place, closed when an audit comes back clean. The GitHub client is injected.
import type { RunReport } from '../model.js';
import { escapeMarkdown } from './escape.js';
import { renderSummary } from './summary.js';

/** Hidden in the issue body; repository text can never produce it (escapeMarkdown turns `<` into `&lt;`). */
export const TRACKING_ISSUE_MARKER = '<!-- deploy-guard:audit -->';
export const DEFAULT_TRACKING_ISSUE_TITLE = 'deploy-guard audit: live infrastructure needs attention';
export const DEFAULT_TRACKING_ISSUE_LABELS: readonly string[] = ['deploy-guard'];
/** GitHub rejects issue bodies over 65,536 characters; the summary is rendered to fit with room for the links. */
export const ISSUE_BODY_MAX_BYTES = 60_000;

export interface TrackingIssueClient {
  /** The open issue whose body contains `marker`, if any (the oldest, should there be several). */
  findOpenIssueWithMarker(marker: string): Promise<{ number: number; body: string } | undefined>;
  create(title: string, body: string, labels: string[]): Promise<number>;
  update(number: number, body: string): Promise<void>;
  comment(number: number, body: string): Promise<void>;
  close(number: number): Promise<void>;
}

export interface TrackingIssueOptions {
  title?: string;
  /** `https://github.com/owner/repo`: findings link to their files. */
  repoUrl?: string;
  /** Link to the workflow run that produced the report. */
  runUrl?: string;
  labels?: readonly string[];
}

export type TrackingIssueAction = 'opened' | 'updated' | 'closed' | 'none';

/**
 * Opens the issue when the audit has error or warning findings or something was not evaluated and none
 * is open; otherwise updates the open one in place. When clean, comments "resolved at <time>" and closes
 * the open issue; 'none' when clean and nothing is open.
 */
export async function syncTrackingIssue(
  client: TrackingIssueClient,
  report: RunReport,
  opts: TrackingIssueOptions = {},
): Promise<{ action: TrackingIssueAction; number?: number }> {
  const existing = await client.findOpenIssueWithMarker(TRACKING_ISSUE_MARKER);

  if (needsAttention(report)) {
    const body = trackingIssueBody(report, opts);
    if (existing !== undefined) {
      await client.update(existing.number, body);
      return { action: 'updated', number: existing.number };
    }
    const number = await client.create(
      opts.title ?? DEFAULT_TRACKING_ISSUE_TITLE,
      body,
      [...(opts.labels ?? DEFAULT_TRACKING_ISSUE_LABELS)],
    );
    return { action: 'opened', number };
  }

  if (existing === undefined) return { action: 'none' };
  await client.comment(existing.number, resolvedComment(report, opts));
  await client.close(existing.number);
  return { action: 'closed', number: existing.number };
}

/** Error or warning findings, or anything not evaluated (an audit that could not look is not clean). */
export function needsAttention(report: RunReport): boolean {
  return (
    report.notEvaluated.length > 0 ||
    report.findings.some((finding) => finding.level === 'error' || finding.level === 'warning')
  );
}

export function trackingIssueBody(report: RunReport, opts: TrackingIssueOptions = {}): string {
  const summary = renderSummary(report, {
    maxBytes: ISSUE_BODY_MAX_BYTES,
    ...(opts.repoUrl === undefined ? {} : { repoUrl: opts.repoUrl }),
  });
  const lines = [summary.trimEnd(), ''];
  const run = runLink(opts.runUrl);
  if (run !== undefined) lines.push(`Latest audit run: ${run}`, '');
  lines.push(
    '_This issue is kept up to date by the scheduled deploy-guard audit and closed when an audit is clean. Edits to this body are overwritten._',
    '',
    TRACKING_ISSUE_MARKER,
    '',
  );
  return lines.join('\n');
}

function resolvedComment(report: RunReport, opts: TrackingIssueOptions): string {
  const run = runLink(opts.runUrl);
  const by = run === undefined ? '' : ` (${run})`;
  return `Resolved at ${escapeMarkdown(report.startedAt)}: the deploy-guard audit found no errors or warnings and evaluated everything${by}. Closing.\n`;
}

/** A Markdown link to the run, only for a plain https URL; anything else is left out rather than escaped. */
function runLink(runUrl: string | undefined): string | undefined {
  if (runUrl === undefined) return undefined;
  try {
    const url = new URL(runUrl);
    if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return undefined;
    return /^[A-Za-z0-9:/._~%?=&#-]+$/.test(url.href) ? `[workflow run](${url.href})` : undefined;
  } catch {
    return undefined;
  }
}
