// End to end: the bundled dist/index.js, run as the GitHub runner runs it, on a real repository with a
// pull_request event and the loopback GitHub API. Time is real here (the bundle takes no clock), so the
// history is backdated from the real now.
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { DIST_INDEX, runAction } from '../support/runAction.js';
import { AMI_NEW, AMI_OLD, classicLayout, envMain } from '../fixtures/promotion/layouts.js';

interface ReportFinding {
  id: string;
  level: string;
  message: string;
  file?: string;
  line?: number;
  environment?: string;
  evidence: { source: string; text: string }[];
}

/** This family's findings (DG3xx and DG105); the other families run in the bundle too. */
function promotionFindings(report: { findings: ReportFinding[] }): ReportFinding[] {
  return report.findings.filter((finding) => finding.id.startsWith('DG3') || finding.id === 'DG105');
}

const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

let repo: TestRepo | undefined;
let github: GitHubLoopback | undefined;
afterEach(async () => {
  repo?.cleanup();
  await github?.close();
});

beforeAll(() => {
  if (!existsSync(DIST_INDEX)) throw new Error('dist/index.js is missing: run `npm run build` first.');
});

const net = (ref: string) => `module "net" {\n  source = "git::https://github.com/acme/net.git//vpc?ref=${ref}"\n}\n`;

/** staging got AMI_NEW and net v1.5.0 in one merge `stagingMergedHoursAgo` ago (branch written 5 days ago); the PR is `files`. */
function pullRequest(files: Record<string, string>, stagingMergedHoursAgo: number) {
  repo = createRepo({ ...classicLayout(), 'terraform/staging/net.tf': net('v1.4.0'), 'terraform/prod/net.tf': net('v1.4.0') }, ago(24 * 30));
  repo.mergeBranch('staging-ami', { 'terraform/staging/main.tf': envMain(AMI_NEW), 'terraform/staging/net.tf': net('v1.5.0') }, ago(24 * 5), ago(stagingMergedHoursAgo));
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', 'pr');
  repo.write(files);
  const head = repo.commit('the change', ago(0.5));
  return {
    repo,
    event: {
      pull_request: { number: 7, title: 'Roll the new AMI', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } },
      repository: { full_name: 'acme/infra' },
    },
  };
}

describe('the bundled action on Terraform promotion', () => {
  it('passes prod taking the AMI and module ref staging has run for 30h', async () => {
    github = await startGitHubLoopback({ pulls: [] });
    const { repo: r, event } = pullRequest({ 'terraform/prod/main.tf': envMain(AMI_NEW), 'terraform/prod/net.tf': net('v1.5.0') }, 30);
    const run = await runAction({ workspace: r.dir, eventName: 'pull_request', event, env: { GITHUB_API_URL: github.url } });
    expect(run.report.findings).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'pass', blocked: 'false', errors: '0' });
    expect(run.code).toBe(0);
    expect(github.requests).toContain('GET /repos/acme/infra/pulls');
  });

  it('blocks the outage change: one PR for staging and prod, an AMI staging never ran, an applied PR still open', async () => {
    github = await startGitHubLoopback({ pulls: [{ number: 3, title: 'Hotfix applied by hand', created_at: ago(50), labels: ['terraform-applied'] }] });
    const { repo: r, event } = pullRequest({ 'terraform/staging/main.tf': envMain(AMI_OLD.replace('1', '9')), 'terraform/prod/main.tf': envMain(AMI_OLD.replace('1', '9')) }, 30);
    const run = await runAction({ workspace: r.dir, eventName: 'pull_request', event, env: { GITHUB_API_URL: github.url } });
    expect(run.code).not.toBe(0);
    expect(run.outputs).toMatchObject({ result: 'fail', blocked: 'true' });
    const findings = promotionFindings(run.report)
      .map(({ id, level, file, line, environment }) => `${id} ${level} ${environment ?? '-'} ${file ?? '-'}${line ? `:${line}` : ''}`)
      .sort();
    expect(findings).toEqual(['DG301 error prod terraform/prod/main.tf', 'DG304 error prod -']);
    // The AMI itself is the soak family's (DG102, git evidence from the promotion facts): reported once.
    const onTheAmi = (run.report.findings as ReportFinding[]).filter((finding) => finding.file === 'terraform/prod/main.tf' && finding.line === 3);
    expect(onTheAmi.map((finding) => finding.id)).toEqual(['DG102']);
    expect(run.summary).toContain('DG301');
    expect(run.stdout).toContain('::error title=DG301 staging-and-prod-in-one-change,file=terraform/prod/main.tf,line=1::');
    const sarifRules = (run.sarif.runs[0].tool.driver.rules as { id: string }[]).map((rule) => rule.id);
    expect(sarifRules).toEqual(expect.arrayContaining(['DG301', 'DG304', 'DG102']));
  });

  it('blocks prod taking a module ref merged to staging 3h ago, with the time it will be allowed', async () => {
    github = await startGitHubLoopback({ pulls: [] });
    const { repo: r, event } = pullRequest({ 'terraform/prod/net.tf': net('v1.5.0') }, 3);
    const run = await runAction({ workspace: r.dir, eventName: 'pull_request', event, env: { GITHUB_API_URL: github.url } });
    expect(run.outputs).toMatchObject({ result: 'fail', blocked: 'true' });
    const [finding] = promotionFindings(run.report) as { id: string; message: string; evidence: { source: string; text: string }[] }[];
    expect(promotionFindings(run.report).map((found) => found.id)).toEqual(['DG302']);
    expect(finding?.id).toBe('DG302');
    expect(finding?.message).toMatch(/which landed in staging on main at \S+Z, 3h ago; prod requires 24h in staging: allowed from \S+Z\.$/);
    expect(finding?.evidence[0]?.source).toBe('git');
  });

  it('reports an AMI that has not soaked once, whichever family owns AMIs (AMI_VALUES_OWNED_BY_SOAK_RULES)', async () => {
    github = await startGitHubLoopback({ pulls: [] });
    const { repo: r, event } = pullRequest({ 'terraform/prod/main.tf': envMain(AMI_NEW) }, 3);
    const run = await runAction({ workspace: r.dir, eventName: 'pull_request', event, env: { GITHUB_API_URL: github.url } });
    const onTheAmi = (run.report.findings as ReportFinding[]).filter((finding) => finding.file === 'terraform/prod/main.tf' && finding.line === 3);
    expect(onTheAmi.map((finding) => finding.id)).toHaveLength(1);
  });
});
