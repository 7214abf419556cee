// One run, whatever the entry point: facts → rules → outcome → a report for the renderers.
import { formatDuration } from '../config/duration.js';
import type { RunContext } from '../facts/context.js';
import { FactStore, type Gatherers } from '../facts/registry.js';
import { pathsOf, type FactKey } from '../facts/types.js';
import { deployRelevance } from '../facts/relevance.js';
import type { ConfigurationError } from '../config/errors.js';
import type { Finding, Mode, NotEvaluated, RunReport } from '../model.js';
import { assessOverride, type OverrideAssessment } from '../rules/process/override.js';
import { ALL_RULE_META, RULES } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { asNotEvaluated, evaluate, internalError, type Evaluation } from './evaluate.js';
import { decideOutcome } from './outcome.js';

export interface RunOptions {
  rules?: readonly Rule[];
  /** Replaces gatherers (tests inject failing or fixed facts). */
  gatherers?: Partial<Gatherers>;
  /** Time the whole run may take (default RUN_TIME_BUDGET_MS); what has not been evaluated by then is reported as such. */
  timeBudgetMs?: number;
}

/**
 * A job killed by its `timeout-minutes` explains nothing; a run that ends in error lists what it could not
 * evaluate. Ten minutes leaves time to report inside the example workflows' 15-minute job timeouts.
 */
export const RUN_TIME_BUDGET_MS = 10 * 60_000;

export class RunBudgetExceeded extends Error {
  override name = 'RunBudgetExceeded';
  readonly fix = 'Re-run the job; if it recurs, the run log shows which source (AWS region, GitHub API, git fetch) was slow.';
  constructor(budgetMs: number) {
    super(`The run-time budget of ${formatDuration(budgetMs)} ran out before this was evaluated.`);
  }
}

/** Races every wait for facts against one deadline for the whole run. */
function startDeadline(budgetMs: number): { race<T>(pending: Promise<T>): Promise<T>; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RunBudgetExceeded(budgetMs)), budgetMs);
    timer.unref?.();
  });
  expired.catch(() => undefined);
  return { race: (pending) => Promise.race([pending, expired]), stop: () => clearTimeout(timer) };
}

/** Preflight: the environment and AMI(s) it answered for, and go = the outcome does not block. */
async function preflightOf(facts: Pick<FactStore, 'get'>, context: RunContext, blocked: boolean): Promise<RunReport['preflight']> {
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

async function relevanceOf(facts: Pick<FactStore, 'get'>, context: RunContext): Promise<string | undefined> {
  if (context.mode !== 'pr') return undefined;
  // Every pull request run lists the files, here or for the rules: git lists them while git diffs. A failure
  // surfaces where the listing is awaited.
  void facts.get('repoFiles').catch(() => undefined);
  const changes = await facts.get('changes');
  const touches = (relevant: (path: string) => boolean) =>
    changes.files.some((file) => pathsOf(file).some(relevant));
  // The file listing (for CodeDeploy revision folders) is read only when nothing cheaper decided it.
  if (touches(deployRelevance(context.settings))) return undefined;
  if (touches(deployRelevance(context.settings, await facts.get('repoFiles')))) return undefined;
  return `No deploy-relevant changes: ${changes.files.length} changed file(s), none of them Terraform, deploy scripts or CodeDeploy revisions, image manifests or deploy-guard configuration.`;
}

export async function runChecks(context: RunContext, options: RunOptions = {}): Promise<RunReport> {
  const started = Date.now();
  const rules = options.rules ?? RULES;
  const deadline = startDeadline(options.timeBudgetMs ?? RUN_TIME_BUDGET_MS);
  const store = new FactStore(context, options.gatherers);
  const facts = { get: <K extends FactKey>(key: K) => deadline.race(store.get(key)), pick: <K extends FactKey>(keys: readonly K[]) => deadline.race(store.pick(keys)) };
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
  deadline.stop();
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

/** A report for a run that stopped before any rule could run (bad configuration, unknown event). */
export function unevaluatedReport(mode: Mode, error: ConfigurationError, now: Date, version: string): RunReport {
  const notEvaluated = [{ what: 'every check (configuration)', reason: error.message, fix: error.fix ?? 'Correct the configuration.' }];
  const { outcome, findings } = decideOutcome({ findings: [], notEvaluated, override: { state: 'none' }, overridable: new Set() });
  return {
    tool: { name: 'deploy-guard', version },
    mode,
    startedAt: now.toISOString(),
    durationMs: 0,
    outcome,
    findings,
    notEvaluated,
    rules: [],
    notes: [],
    evidence: [],
  };
}
