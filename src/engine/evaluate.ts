// Runs the enabled rules of the mode over lazily gathered facts. Never lets an exception become a pass.
import { ConfigurationError } from '../config/errors.js';
import { effectiveLevel } from '../config/settings.js';
import type { RunContext } from '../facts/context.js';
import { GitHistoryError } from '../facts/git.js';
import type { FactStore } from '../facts/registry.js';
import type { Finding, NotEvaluated } from '../model.js';
import type { Rule, RuleContext } from '../rules/types.js';

export interface Evaluation {
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  /** Rules that ran, with the level each ran at. */
  ran: { rule: Rule; level: Finding['level'] }[];
}

/** Errors that mean "could not look" (the user can fix them) rather than "deploy-guard is broken". */
export function asNotEvaluated(error: unknown, what: string): NotEvaluated | undefined {
  if (error instanceof GitHistoryError || error instanceof ConfigurationError) {
    return { what, reason: error.message, fix: error.fix ?? 'See the message.' };
  }
  const fix = (error as { fix?: unknown }).fix;
  if (error instanceof Error && typeof fix === 'string') return { what, reason: error.message, fix };
  return undefined;
}

export function internalError(error: unknown, where: string): Finding {
  const message = error instanceof Error ? error.message : String(error);
  return {
    id: 'DG901',
    level: 'error',
    message: `${where} failed: ${message}`,
    evidence: [],
    fix: 'Re-run the job; if it fails again, report it with this message and the run log.',
  };
}

export function enabledRules(rules: readonly Rule[], context: RunContext): { rule: Rule; level: Finding['level'] }[] {
  const enabled: { rule: Rule; level: Finding['level'] }[] = [];
  for (const rule of rules) {
    if (!rule.modes.includes(context.mode)) continue;
    const level = effectiveLevel(context.settings, rule.id, rule.defaultLevel);
    if (level !== 'off') enabled.push({ rule, level });
  }
  return enabled;
}

export async function evaluate(rules: readonly Rule[], facts: Pick<FactStore, 'pick'>, context: RunContext): Promise<Evaluation> {
  const ruleContext: RuleContext = { settings: context.settings, mode: context.mode, now: context.now };
  const enabled = enabledRules(rules, context);
  const findings: Finding[] = [];
  const notEvaluated: NotEvaluated[] = [];
  const seen = new Set<string>();

  // Facts are gathered concurrently; each rule waits only for its own.
  const results = await Promise.all(
    enabled.map(async ({ rule, level }) => {
      try {
        const input = await facts.pick(rule.needs);
        const configured = context.settings.ruleLevels.get(rule.id);
        return {
          findings: rule.check(input, ruleContext).map(
            (found): Finding => ({
              id: rule.id,
              // A configured level wins; otherwise the finding's own level, else the rule's default.
              level: configured && configured !== 'off' ? configured : (found.level ?? level),
              message: found.message,
              ...(found.environment ? { environment: found.environment } : {}),
              ...(found.file ? { file: found.file } : {}),
              ...(found.line ? { line: found.line } : {}),
              ...(found.column ? { column: found.column } : {}),
              evidence: found.evidence ?? [],
              ...(found.fix ? { fix: found.fix } : {}),
            }),
          ),
        };
      } catch (error) {
        const what = `${rule.id} ${rule.name}`;
        const missing = asNotEvaluated(error, what);
        return missing ? { notEvaluated: missing } : { findings: [internalError(error, what)] };
      }
    }),
  );
  for (const result of results) {
    if ('notEvaluated' in result && result.notEvaluated) {
      // The same cause (e.g. shallow history) blocks several rules: report it once, naming them all.
      const existing = notEvaluated.find((entry) => entry.reason === result.notEvaluated.reason);
      if (existing) existing.what += `, ${result.notEvaluated.what}`;
      else notEvaluated.push({ ...result.notEvaluated });
    }
    for (const finding of result.findings ?? []) {
      const key = JSON.stringify([finding.id, finding.file, finding.line, finding.column, finding.environment, finding.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  return { findings, notEvaluated, ran: enabled };
}
