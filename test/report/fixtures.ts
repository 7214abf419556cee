// Small hand-built RunReports for the reporter tests: reporters render, so the tests feed them outcomes.
import type { Finding, NotEvaluated, RunReport } from '../../src/model.js';

export const RULES: RunReport['rules'] = [
  rule('DG101', 'ami-not-soaked', 'soak', 'An AMI reaches an environment before it soaked in the previous one.'),
  rule('DG104', 'soak-evidence-unavailable', 'soak', 'Soak evidence could not be read.'),
  rule('DG201', 'binary-missing-on-image', 'binaries', 'A deploy script runs a binary the image does not have.'),
  rule('DG204', 'hardcoded-tool-path', 'binaries', 'A script calls a tool by an absolute path that moves between images.', 'warning'),
  rule('DG301', 'staging-and-prod-in-one-change', 'promotion', 'One change reaches staging and prod together.'),
  rule('DG304', 'applied-but-unmerged', 'promotion', 'Open PRs were applied before merge.', 'warning'),
  rule('DG401', 'override-used', 'process', 'A break-glass override was used.', 'notice'),
  rule('DG901', 'internal-error', 'process', 'deploy-guard itself failed.'),
];

function rule(
  id: string,
  name: string,
  family: string,
  summary: string,
  level: RunReport['rules'][number]['level'] = 'error',
): RunReport['rules'][number] {
  return { id, name, family, level, summary, help: `${summary} Fix it at the source, then re-run deploy-guard.` };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'DG201',
    level: 'error',
    message: '/usr/bin/aws does not exist on ami-0abc; it is at /usr/local/bin/aws',
    environment: 'staging',
    file: 'deploy/hooks/after_install.sh',
    line: 12,
    column: 3,
    evidence: [{ source: 'manifest', text: 'images/api.json lists /usr/local/bin/aws' }],
    fix: 'Call `aws` through PATH (command -v aws) instead of /usr/bin/aws.',
    ...overrides,
  };
}

export function notEvaluated(overrides: Partial<NotEvaluated> = {}): NotEvaluated {
  return {
    what: 'SSM parameter history of /images/prod/api',
    reason: 'AccessDenied for ssm:GetParameterHistory',
    fix: 'Grant ssm:GetParameterHistory to the deploy-guard role.',
    ...overrides,
  };
}

/** A report whose outcome counts follow its findings, unless the overrides say otherwise. */
export function buildReport(overrides: Partial<RunReport> = {}): RunReport {
  const findings = overrides.findings ?? [];
  const notEvaluatedItems = overrides.notEvaluated ?? [];
  const live = findings.filter((item) => item.overridden !== true);
  const errors = live.filter((item) => item.level === 'error').length;
  const warnings = live.filter((item) => item.level === 'warning').length;
  const notices = findings.length - errors - warnings;
  const result: RunReport['outcome']['result'] =
    notEvaluatedItems.length > 0 ? 'error' : errors > 0 ? 'fail' : warnings > 0 ? 'warn' : 'pass';
  return {
    tool: { name: 'deploy-guard', version: '0.1.0' },
    mode: 'pr',
    repository: 'acme/infra',
    base: '1111111111111111111111111111111111111111',
    head: '2222222222222222222222222222222222222222',
    startedAt: '2025-03-04T05:06:07.000Z',
    durationMs: 3210,
    rules: RULES,
    notes: [],
    evidence: [],
    ...overrides,
    findings,
    notEvaluated: notEvaluatedItems,
    outcome: {
      result,
      blocked: result === 'fail' || result === 'error',
      errors,
      warnings,
      notices,
      headline: `${errors} errors, ${warnings} warnings`,
      ...overrides.outcome,
    },
  };
}

/** Text that tries every trick the reporters must defuse. */
export const HOSTILE = {
  file: 'deploy/::error::x`<img src=x onerror=alert(1)>@org/team\u202Eh.sh',
  message: '::error::x\n::set-output name=result::pass `code` <img src=x onerror=alert(1)> cc @org/team \u202Etxt.exe\r::warning::y',
  fix: 'run\n::add-mask::secret | rm -rf / @octocat',
  environment: 'prod\n::stop-commands::token',
  evidence: '\u001B[2J\u001B]0;pwned\u0007::debug::z',
} as const;

export function hostileFinding(overrides: Partial<Finding> = {}): Finding {
  return finding({
    file: HOSTILE.file,
    message: HOSTILE.message,
    fix: HOSTILE.fix,
    environment: HOSTILE.environment,
    evidence: [{ source: '@org/team', text: HOSTILE.evidence }],
    ...overrides,
  });
}

/** Every way a line can end for the runner, a terminal or Markdown. */
export function outputLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/);
}
