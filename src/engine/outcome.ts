// The one place that decides how the run ends. Fail closed: anything not evaluated is an error, never a pass.
import type { FailOn } from '../config/settings.js';
import type { Finding, NotEvaluated, Outcome } from '../model.js';
import type { OverrideAssessment } from '../rules/process/override.js';

export interface OutcomeInput {
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  override: OverrideAssessment;
  /** Ids of rules whose error findings a valid override may downgrade. */
  overridable: ReadonlySet<string>;
  /** Set when the PR check found nothing deploy-relevant. */
  nothingRelevant?: string;
}

/** Findings that say evidence could not be read (DG104): like DG901 they end the run in error, never in fail or pass. */
export const UNREADABLE_EVIDENCE_RULES: ReadonlySet<string> = new Set(['DG104']);

export function decideOutcome(input: OutcomeInput): { outcome: Outcome; findings: Finding[] } {
  // Only a valid override below marks a finding overridden; a flag that arrives already set is not trusted.
  const findings = input.findings.map(({ overridden: _overridden, ...finding }): Finding => finding);
  const internal = findings.some((finding) => finding.id === 'DG901');
  const unreadable = findings.filter((finding) => finding.level === 'error' && UNREADABLE_EVIDENCE_RULES.has(finding.id));
  const couldNotLook = internal || unreadable.length > 0 || input.notEvaluated.length > 0;

  let overridden: Finding[] = [];
  if (input.override.state === 'valid' && !couldNotLook) {
    overridden = findings.filter((finding) => finding.level === 'error' && input.overridable.has(finding.id));
    for (const finding of overridden) finding.overridden = true;
  }
  const blocking = findings.filter((finding) => finding.level === 'error' && !finding.overridden);
  const errors = blocking.length;
  const warnings = findings.filter((finding) => finding.level === 'warning').length;
  const notices = findings.filter((finding) => finding.level === 'notice').length;

  let outcome: Outcome;
  if (couldNotLook) {
    const parts = [
      ...input.notEvaluated.map((entry) => entry.what),
      ...(unreadable.length > 0 ? [`soak evidence (${unreadable.length} DG104 soak-evidence-unavailable finding(s))`] : []),
      ...(internal ? ['deploy-guard itself (DG901 internal-error)'] : []),
    ];
    outcome = { result: 'error', blocked: true, errors, warnings, notices, headline: `Not evaluated: ${parts.join('; ')}. Blocking until deploy-guard can look.` };
  } else if (errors > 0) {
    outcome = { result: 'fail', blocked: true, errors, warnings, notices, headline: `${errors} blocking finding(s)${warnings ? ` and ${warnings} warning(s)` : ''}.` };
  } else if (overridden.length > 0 && input.override.state === 'valid') {
    const { record } = input.override;
    outcome = {
      result: 'overridden',
      blocked: false,
      errors,
      warnings,
      notices,
      headline: `${overridden.length} blocking finding(s) overridden by @${record.actor}: ${record.reason}`,
      override: { ...record, findings: overridden.map((finding) => `${finding.id}${finding.file ? ` ${finding.file}${finding.line ? `:${finding.line}` : ''}` : ''}`) },
    };
  } else if (warnings > 0) {
    outcome = { result: 'warn', blocked: false, errors, warnings, notices, headline: `${warnings} warning(s), nothing blocking.` };
  } else {
    outcome = {
      result: 'pass',
      blocked: false,
      errors,
      warnings,
      notices,
      headline: input.nothingRelevant ?? 'Every enabled check was evaluated; nothing to report.',
    };
  }
  return { outcome, findings };
}

/** Exit code from fail-on; outputs always carry the true result. */
export function exitCode(outcome: Outcome, failOn: FailOn): number {
  if (failOn === 'never') return 0;
  if (outcome.blocked) return 1;
  if (failOn === 'warning' && outcome.result === 'warn') return 1;
  return 0;
}
