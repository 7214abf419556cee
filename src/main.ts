// The GitHub Action: read inputs once, run the engine, render the report. The only place that calls setFailed.
import { mkdir, realpath, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { ConfigurationError } from './config/errors.js';
import { INPUT, OUTPUT, readInputs } from './config/inputs.js';
import type { Inputs } from './config/settings.js';
import { exitCode } from './engine/outcome.js';
import { statedChangedFiles } from './changedFiles.js';
import { runChecks, unevaluatedReport, type RunOptions } from './engine/run.js';
import { Journal, type EventInfo, type RunContext } from './facts/context.js';
import type { GitHubApi } from './facts/github.js';
import type { Mode, RunReport } from './model.js';
import { AnalysisCache, analysisBuild } from './parse/analysisCache.js';
import { analysisCounts, analysisPool, largeRun, threadsProblem, useAnalysisCache } from './parse/pool.js';
import { buildAnnotations } from './report/annotations.js';
import { toJsonReport } from './report/json.js';
import { toSarif } from './report/sarif.js';
import { renderSummary } from './report/summary.js';
import { syncTrackingIssue } from './report/trackingIssue.js';
import { tieringApplied } from './tiering.js';
import { githubFor, loadSettings, modeFor, readEvent } from './setup.js';
import { VERSION } from './version.js';

export interface ActionDependencies extends RunOptions {
  /** Injected GitHub client (tests); otherwise Octokit against GITHUB_API_URL. */
  github?: GitHubApi;
  now?: Date;
  env?: NodeJS.ProcessEnv;
}

const logger = { info: core.info, warning: core.warning, debug: core.debug };

function outputPath(requested: string | undefined, fallback: string, env: NodeJS.ProcessEnv, workspace: string): string {
  if (requested) return isAbsolute(requested) ? requested : join(workspace, requested);
  return join(env.RUNNER_TEMP || tmpdir(), fallback);
}

/** The nearest folder on the way up from `dir` that exists, resolved. */
async function realAncestor(dir: string): Promise<string> {
  for (let current = dir; ; current = dirname(current)) {
    try {
      return await realpath(current);
    } catch (error) {
      if (dirname(current) === current) throw error;
    }
  }
}

/**
 * Writes a report where the workflow asked. Inside the checkout (the PR's content) a planted symlink must not
 * redirect the write: the folders must resolve inside the workspace, and the file is written beside its name
 * and renamed over it, which replaces a link of that name instead of writing where it points.
 */
async function writeReportFile(path: string, content: unknown, workspace: string): Promise<void> {
  const requested = relative(workspace, path);
  if (!requested.startsWith('..') && !isAbsolute(requested)) {
    const inside = relative(await realpath(workspace), await realAncestor(dirname(path)));
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new ConfigurationError(
        `${requested}: a folder on its path is a symbolic link that leaves the workspace; the report was not written.`,
        'Write reports outside the checkout (the default is RUNNER_TEMP), or remove the link.',
      );
    }
  }
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx' });
  await rename(temporary, path);
}

/** The analysis cache of the cache-dir input, in use for this process's analyses. */
function openCache(dir: string): AnalysisCache {
  const cache = new AnalysisCache(dir, analysisBuild());
  if (cache.problem) logger.info(`Analysis cache: ${cache.problem}.`);
  useAnalysisCache(cache);
  return cache;
}

/** Adds this run's analyses to the cache; a cache that cannot be written costs the next run time, nothing else. */
function saveCache(cache: AnalysisCache): void {
  const { read, added, unreadable } = cache.counts;
  logger.debug(`analysis cache ${cache.file}: ${read} analyses read, ${added} added${unreadable ? `, ${unreadable} unreadable (analysed again)` : ''}`);
  try {
    cache.save();
  } catch (error) {
    logger.warning(`deploy-guard could not write its analysis cache ${cache.file}: ${error instanceof Error ? error.message : String(error)}. The next run analyses these files again; check that cache-dir names a folder this job can write.`);
  }
}

async function execute(deps: ActionDependencies): Promise<{ report: RunReport; inputs: Inputs | undefined; event: EventInfo | undefined; github: GitHubApi | undefined }> {
  const env = deps.env ?? process.env;
  const now = deps.now ?? new Date();
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  let inputs: Inputs | undefined;
  let mode: Mode = 'pr';
  try {
    inputs = readInputs((name) => core.getInput(name));
    const tiering = tieringApplied();
    logger.debug(`node ${process.version}${process.execArgv.length > 0 ? ` ${process.execArgv.join(' ')}` : ''}${tiering.length > 0 ? `; set at start: ${tiering.join(' ')}` : ''}`);
    const threads = threadsProblem(env);
    if (threads) logger.warning(threads);
    mode = inputs.mode === 'auto' ? modeFor(inputs, eventName) : inputs.mode;
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const cache = inputs.cacheDir ? openCache(resolve(workspace, inputs.cacheDir)) : undefined;
    const event = await readEvent(eventName, env.GITHUB_EVENT_PATH, env.GITHUB_REPOSITORY);
    // A pull request that changes hundreds of files will analyse them on worker threads: they start now and
    // load while this thread reads the configuration and the changes (a PR of 500 README edits starts one for nothing).
    if (mode === 'pr' && (statedChangedFiles(event.payload) ?? 0) >= largeRun()) analysisPool().warm();
    const settings = await loadSettings(workspace, inputs, core.getInput(INPUT.config) !== '');
    const github = deps.github ?? githubFor(inputs, event, env.GITHUB_API_URL, core.info);
    const context: RunContext = {
      settings,
      mode,
      workspace,
      now,
      event,
      ...(github ? { github } : {}),
      log: logger,
      version: VERSION,
      journal: new Journal(),
    };
    const report = await runChecks(context, deps);
    const analysed = analysisCounts();
    if (analysed) logger.debug(`analysis: ${analysed.main} file(s) on the main thread, ${analysed.workers} on worker threads`);
    if (cache) saveCache(cache);
    return { report, inputs, event, github };
  } catch (error) {
    if (error instanceof ConfigurationError) return { report: unevaluatedReport(mode, error, now, VERSION), inputs, event: undefined, github: undefined };
    throw error;
  }
}

export async function run(deps: ActionDependencies = {}): Promise<void> {
  try {
    const env = deps.env ?? process.env;
    const { report, inputs, github } = await execute(deps);
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const reportFile = outputPath(inputs?.reportFile, 'deploy-guard-report.json', env, workspace);
    const sarifFile = outputPath(inputs?.sarifFile, 'deploy-guard.sarif', env, workspace);
    await writeReportFile(reportFile, toJsonReport(report), workspace);
    await writeReportFile(sarifFile, toSarif(report, inputs ? { configFile: inputs.config } : {}), workspace);

    const { annotations, omitted } = buildAnnotations(report.findings, undefined, report.rules);
    for (const annotation of annotations) {
      const properties = {
        title: annotation.title,
        file: annotation.file,
        startLine: annotation.startLine,
        ...(annotation.startColumn ? { startColumn: annotation.startColumn } : {}),
      };
      if (annotation.level === 'error') core.error(annotation.message, properties);
      else if (annotation.level === 'warning') core.warning(annotation.message, properties);
      else core.notice(annotation.message, properties);
    }
    for (const missing of report.notEvaluated) core.error(`Not evaluated: ${missing.what}. ${missing.reason} Fix: ${missing.fix}`);
    if (omitted > 0) core.info(`${omitted} more finding(s) are in the job summary and the report (GitHub shows a limited number of annotations per step).`);

    const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const repoUrl = env.GITHUB_REPOSITORY ? `${serverUrl}/${env.GITHUB_REPOSITORY}` : undefined;
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderSummary(report, repoUrl ? { repoUrl } : {})).write();

    const { outcome } = report;
    core.setOutput(OUTPUT.result, outcome.result);
    core.setOutput(OUTPUT.blocked, String(outcome.blocked));
    core.setOutput(OUTPUT.errors, String(outcome.errors));
    core.setOutput(OUTPUT.warnings, String(outcome.warnings));
    core.setOutput(OUTPUT.reportFile, reportFile);
    core.setOutput(OUTPUT.sarifFile, sarifFile);
    if (report.preflight) {
      core.setOutput(OUTPUT.go, String(report.preflight.go));
      core.setOutput(OUTPUT.amiId, report.preflight.amiId ?? '');
    }

    if (report.mode === 'audit' && inputs?.auditIssue) {
      if (!github) throw new ConfigurationError('The audit tracking issue needs a GitHub token.', 'Pass github-token (default ${{ github.token }}) with issues: write, or set audit-issue: false.');
      const runUrl = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
      const synced = await syncTrackingIssue(
        {
          findOpenIssueWithMarker: (marker) => github.findOpenIssueWithMarker(marker),
          create: (title, body, labels) => github.createIssue(title, body, labels),
          update: (number, body) => github.updateIssue(number, body),
          comment: (number, body) => github.commentOnIssue(number, body),
          close: (number) => github.closeIssue(number),
        },
        report,
        { ...(runUrl ? { runUrl } : {}), ...(repoUrl ? { repoUrl } : {}) },
      );
      if (synced.action !== 'none') core.info(`Audit tracking issue #${synced.number}: ${synced.action}.`);
    }

    core.info(`deploy-guard: ${outcome.result.toUpperCase()}: ${outcome.headline}`);
    if (exitCode(outcome, inputs?.failOn ?? 'error') !== 0) core.setFailed(`deploy-guard ${outcome.result}: ${outcome.headline}`);
  } catch (error) {
    core.setOutput(OUTPUT.result, 'error');
    core.setOutput(OUTPUT.blocked, 'true');
    core.setFailed(`deploy-guard could not run (DG901 internal-error): ${error instanceof Error ? error.message : String(error)}`);
  }
}
