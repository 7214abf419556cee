#!/usr/bin/env node
// Local CLI: the same engine on a checkout, for platform engineers and the demo.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigurationError } from './config/errors.js';
import { readInputs } from './config/inputs.js';
import { runChecks, unevaluatedReport } from './engine/run.js';
import { Journal, type RunContext } from './facts/context.js';
import { resolveCommit } from './facts/git.js';
import type { RunReport } from './model.js';
import { threadsProblem } from './parse/pool.js';
import { toJsonReport } from './report/json.js';
import { renderText } from './report/text.js';
import { tuneTiering } from './tiering.js';
import { githubFor, loadSettings, readEvent } from './setup.js';
import { VERSION } from './version.js';

const USAGE = `Usage: deploy-guard check --base REF [--head REF] [--config FILE] [--mode pr|audit|preflight]
                          [--environment ENV] [--ami-id AMI] [--soak 24h] [--fail-on error|warning|never]
                          [--format text|json] [--repo DIR]

Runs deploy-guard's checks on a local checkout. Exit codes: 0 pass/warn/overridden, 1 fail, 2 error
(could not evaluate), 64 usage. GITHUB_TOKEN and GITHUB_REPOSITORY, when set, enable the GitHub checks.`;

const EXIT = { ok: 0, fail: 1, error: 2, usage: 64 } as const;

export async function main(argv: string[], io = { out: process.stdout, err: process.stderr, env: process.env }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        config: { type: 'string' },
        mode: { type: 'string', default: 'pr' },
        environment: { type: 'string' },
        'ami-id': { type: 'string' },
        soak: { type: 'string' },
        'fail-on': { type: 'string' },
        format: { type: 'string', default: 'text' },
        repo: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.err.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (values.help || positionals[0] !== 'check') {
    (values.help ? io.out : io.err).write(`${USAGE}\n`);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    io.err.write(`--format must be text or json\n`);
    return EXIT.usage;
  }
  const workspace = resolve(values.repo ?? process.cwd());
  const flags: Record<string, string | undefined> = {
    config: values.config,
    mode: values.mode,
    environment: values.environment,
    'ami-id': values['ami-id'],
    soak: values.soak,
    'fail-on': values['fail-on'],
    'github-token': io.env.GITHUB_TOKEN,
  };

  let report: RunReport;
  let failOn: 'error' | 'warning' | 'never' = 'error';
  const now = new Date();
  try {
    const inputs = readInputs((name) => flags[name] ?? '');
    failOn = inputs.failOn;
    const mode = inputs.mode === 'auto' ? 'pr' : inputs.mode;
    if (mode === 'pr' && !values.base) throw new ConfigurationError('--base is required in pr mode.', 'Pass --base origin/main (the branch the change merges into).');
    const settings = await loadSettings(workspace, inputs, values.config !== undefined);
    const event = await readEvent('cli', undefined, io.env.GITHUB_REPOSITORY);
    const github = githubFor(inputs, event, io.env.GITHUB_API_URL);
    const head = values.head ?? (await resolveCommit(workspace, 'HEAD'));
    const context: RunContext = {
      settings,
      mode,
      workspace,
      now,
      event,
      ...(github ? { github } : {}),
      ...(values.base ? { revisions: { base: values.base, ...(head ? { head } : {}) } } : {}),
      log: { info: () => {}, warning: (message) => io.err.write(`warning: ${message}\n`), debug: () => {} },
      version: VERSION,
      journal: new Journal(),
    };
    const threads = threadsProblem(io.env);
    if (threads) context.log.warning(threads);
    report = await runChecks(context);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    report = unevaluatedReport('pr', error, now, VERSION);
  }

  io.out.write(values.format === 'json' ? `${JSON.stringify(toJsonReport(report), null, 2)}\n` : renderText(report, { color: Boolean((io.out as NodeJS.WriteStream).isTTY) && !io.env.NO_COLOR }));
  if (failOn === 'never') return EXIT.ok;
  if (report.outcome.result === 'error') return EXIT.error;
  if (report.outcome.result === 'fail' || (failOn === 'warning' && report.outcome.result === 'warn')) return EXIT.fail;
  return EXIT.ok;
}

tuneTiering();
process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`deploy-guard: internal error (DG901): ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  return EXIT.error;
});
