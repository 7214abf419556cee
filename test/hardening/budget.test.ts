// The whole run has a time budget: a source that never answers ends the run in `error`, listing what was not
// evaluated, instead of a job killed by its timeout with nothing said. Clocks are fake: nothing waits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSettings, DEFAULT_INPUTS } from '../../src/config/settings.js';
import { RUN_TIME_BUDGET_MS, runChecks, type RunOptions } from '../../src/engine/run.js';
import { Journal, type RunContext } from '../../src/facts/context.js';
import type { Mode, RunReport } from '../../src/model.js';
import { findRule } from '../../src/rules/index.js';
import { defineRule, type Rule } from '../../src/rules/types.js';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function context(mode: Mode): RunContext {
  return {
    settings: buildSettings(undefined, undefined, DEFAULT_INPUTS, findRule),
    mode,
    workspace: '/nonexistent',
    now: new Date('2026-11-26T00:00:00Z'),
    event: { name: mode === 'pr' ? 'pull_request' : 'schedule', payload: {}, repository: { owner: 'acme', repo: 'infra' } },
    log: { info: () => undefined, warning: () => undefined, debug: () => undefined },
    version: 'test',
    journal: new Journal(),
  };
}

const meta = { family: 'process', defaultLevel: 'warning', overridable: false, modes: ['audit', 'pr'], summary: 's', help: 'h' } as const;
const fast = defineRule({ ...meta, id: 'DG-T1', name: 'reads-files', needs: ['repoFiles'], check: ({ repoFiles }) => repoFiles.map((file) => ({ message: `saw ${file}`, file })) });
const slowPulls = defineRule({ ...meta, id: 'DG-T2', name: 'waits-for-github', needs: ['appliedPulls'], check: () => [] });
const slowAmis = defineRule({ ...meta, id: 'DG-T3', name: 'waits-for-aws', needs: ['floatingAmiSources'], check: () => [] });
const rules = [fast, slowPulls, slowAmis] as unknown as Rule[];

async function runOutOfTime(mode: Mode, options: RunOptions, budgetMs = RUN_TIME_BUDGET_MS): Promise<RunReport> {
  const pending = runChecks(context(mode), options);
  let settled = false;
  void pending.finally(() => (settled = true));
  await vi.advanceTimersByTimeAsync(budgetMs - 1);
  expect(settled, 'still waiting one millisecond before the budget runs out').toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  return pending;
}

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => void vi.useRealTimers());

describe('the run-time budget', () => {
  it('ends a run whose GitHub and AWS facts never arrive in error after 10 minutes, naming each rule not evaluated', async () => {
    const report = await runOutOfTime('audit', { rules, gatherers: { repoFiles: async () => ['terraform/prod/main.tf'], appliedPulls: never, floatingAmiSources: never } });
    expect(report.outcome).toMatchObject({ result: 'error', blocked: true });
    expect(report.notEvaluated).toEqual([
      {
        what: 'DG-T2 waits-for-github, DG-T3 waits-for-aws',
        reason: 'The run-time budget of 10m ran out before this was evaluated.',
        fix: expect.stringContaining('run log shows which source'),
      },
    ]);
    // What was evaluated in time is still reported.
    expect(report.findings).toMatchObject([{ id: 'DG-T1', message: 'saw terraform/prod/main.tf', file: 'terraform/prod/main.tf' }]);
    expect(report.outcome.headline).toContain('DG-T2 waits-for-github, DG-T3 waits-for-aws');
  });

  it('ends a PR check whose changed files never arrive (git hangs) in error', async () => {
    const report = await runOutOfTime('pr', { rules, gatherers: { changes: never } });
    expect(report.outcome.result).toBe('error');
    expect(report.notEvaluated).toEqual([expect.objectContaining({ what: 'the PR check (changed files)', reason: expect.stringContaining('run-time budget') })]);
    expect(report.base).toBeUndefined();
  });

  it('honours a budget given by the caller', async () => {
    const report = await runOutOfTime('audit', { rules, timeBudgetMs: 120_000, gatherers: { repoFiles: never, appliedPulls: async () => ({ pulls: [] }) as never, floatingAmiSources: async () => [] } }, 120_000);
    expect(report.notEvaluated).toEqual([expect.objectContaining({ what: 'DG-T1 reads-files', reason: 'The run-time budget of 2m ran out before this was evaluated.' })]);
  });

  it('leaves no timer behind when the run finishes in time', async () => {
    const report = await runChecks(context('audit'), { rules, gatherers: { repoFiles: async () => [], appliedPulls: async () => ({ pulls: [] }) as never, floatingAmiSources: async () => [] } });
    expect(report.outcome.result).toBe('pass');
    expect(vi.getTimerCount()).toBe(0);
  });
});
