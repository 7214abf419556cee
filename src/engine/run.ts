// One run, whatever the entry point: facts → rules → outcome → a report for the renderers.
import type { RunContext } from '../facts/context.js';
import { FactStore, type Gatherers } from '../facts/registry.js';
import { deployRelevance } from '../facts/relevance.js';
import type { Finding, NotEvaluated, RunReport } from '../model.js';
import { assessOverride, type OverrideAssessment } from '../rules/process/override.js';
import { ALL_RULE_META, RULES } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { asNotEvaluated, evaluate, internalError, type Evaluation } from './evaluate.js';
import { decideOutcome } from './outcome.js';

export interface RunOptions {
  rules?: readonly Rule[];
  /** Replaces gatherers (tests inject failing or fixed facts). */
  gatherers?: Partial<Gatherers>;
}

/** Preflight: the environment and AMI(s) it answered for, and go = the outcome does not block. */
async function preflightOf(facts: FactStore, context: RunContext, blocked: boolean): Promise<RunReport['preflight']> {
  const { settings } = context;
  let environment = settings.inputs.environment ?? settings.promotion.at(-1) ?? '';
  let amiId = settings.inputs.amiId;
  try {
    const target = (await facts.get('liveAmis')).preflight;
    if (target) {
      environment = target.environment;
      amiId = [...new Set(target.candidates.map((candidate) => candidate.ami))].join(',') || undefined;
    }
  } catch {
    // The rules that needed the candidate report why it could not be read; go is false then.
  }
  return { environment, ...(amiId ? { amiId } : {}), go: !blocked };
}

async function relevanceOf(facts: FactStore, context: RunContext): Promise<string | undefined> {
  if (context.mode !== 'pr') return undefined;
  const changes = await facts.get('changes');
  const relevant = deployRelevance(context.settings);
  if (changes.files.some((file) => relevant(file.path) || (file.previousPath !== undefined && relevant(file.previousPath)))) return undefined;
  return `No deploy-relevant changes: ${changes.files.length} changed file(s), none of them Terraform, deploy scripts, image manifests or deploy-guard configuration.`;
}

export async function runChecks(context: RunContext, options: RunOptions = {}): Promise<RunReport> {
  const started = Date.now();
  const rules = options.rules ?? RULES;
  const facts = new FactStore(context, options.gatherers);
  let evaluation: Evaluation = { findings: [], notEvaluated: [], ran: [] };
  let override: OverrideAssessment = { state: 'none' };
  let nothingRelevant: string | undefined;
  const notEvaluated: NotEvaluated[] = [];
  const extra: Finding[] = [];

  try {
    nothingRelevant = await relevanceOf(facts, context);
    if (!nothingRelevant) {
      evaluation = await evaluate(rules, facts, context);
      if (context.mode === 'pr' && evaluation.ran.some(({ rule }) => rule.needs.includes('override' as never))) {
        override = assessOverride(await facts.get('override'), context.settings);
      }
    }
  } catch (error) {
    const missing = asNotEvaluated(error, 'the PR check (changed files)');
    if (missing) notEvaluated.push(missing);
    else extra.push(internalError(error, 'deploy-guard'));
  }

  const overridable = new Set(rules.filter((rule) => rule.overridable).map((rule) => rule.id));
  const { outcome, findings } = decideOutcome({
    findings: [...evaluation.findings, ...extra],
    notEvaluated: [...notEvaluated, ...evaluation.notEvaluated],
    override,
    overridable,
    ...(nothingRelevant ? { nothingRelevant } : {}),
  });

  const ranIds = new Set(evaluation.ran.map(({ rule }) => rule.id));
  const levels = new Map(evaluation.ran.map(({ rule, level }) => [rule.id, level]));
  const reportedIds = new Set(findings.map((finding) => finding.id));
  let changes;
  try {
    changes = context.mode === 'pr' ? await facts.get('changes') : undefined;
  } catch {
    changes = undefined;
  }
  const preflight = context.mode === 'preflight' ? await preflightOf(facts, context, outcome.blocked) : undefined;
  const repository = context.event.repository ? `${context.event.repository.owner}/${context.event.repository.repo}` : undefined;
  return {
    tool: { name: 'deploy-guard', version: context.version },
    mode: context.mode,
    ...(repository ? { repository } : {}),
    ...(changes ? { base: changes.base, head: changes.head } : {}),
    startedAt: context.now.toISOString(),
    durationMs: Date.now() - started,
    outcome,
    findings,
    notEvaluated: [...notEvaluated, ...evaluation.notEvaluated],
    rules: ALL_RULE_META.filter((rule) => ranIds.has(rule.id) || reportedIds.has(rule.id)).map((rule) => ({
      id: rule.id,
      name: rule.name,
      family: rule.family,
      level: levels.get(rule.id) ?? rule.defaultLevel,
      summary: rule.summary,
      help: rule.help,
    })),
    notes: [...(nothingRelevant ? [nothingRelevant] : []), ...context.journal.notes],
    evidence: context.journal.evidence,
    ...(preflight ? { preflight } : {}),
  };
}
