// The bundled action parses on worker threads when a run has many files: the report must be the one the
// main thread alone produces, finding for finding, whichever thread analysed which file.
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { monorepo, PROD_AMI, STAGING_AMI } from '../support/monorepo.js';
import { runAction } from '../support/runAction.js';

let repo: TestRepo | undefined;
let github: GitHubLoopback | undefined;
afterEach(async () => {
  repo?.cleanup();
  await github?.close();
  repo = undefined;
  github = undefined;
});

const changedCount = (base: string, head: string) => repo!.git('diff', '--name-only', base, head).split('\n').filter(Boolean).length;

const threads = async (count: number, base: string, head: string) => {
  const run = await runAction({
    workspace: repo!.dir,
    eventName: 'pull_request',
    // changed_files as GitHub states it: a PR this large starts its worker threads as soon as the event is read.
    event: { pull_request: { number: 9, title: 'Everything', body: '', user: { login: 'dev' }, labels: [], changed_files: changedCount(base, head), head: { sha: head }, base: { sha: base, ref: 'main' } }, repository: { full_name: 'acme/infra' } },
    env: { GITHUB_API_URL: github!.url, DEPLOY_GUARD_THREADS: String(count) },
  });
  const counts = /::debug::analysis: (\d+) file\(s\) on the main thread, (\d+) on worker threads/.exec(run.stdout);
  return { run, main: Number(counts?.[1] ?? NaN), workers: Number(counts?.[2] ?? NaN) };
};

describe('parsing on worker threads (bundled action)', () => {
  it('reports exactly what the main thread alone reports', async () => {
    // Staging has run the new image since the base was made; the PR brings it to prod and touches every file.
    repo = createRepo(monorepo(PROD_AMI), '2026-03-01T00:00:00Z');
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'everything');
    const files = monorepo(STAGING_AMI, '# touched\n');
    expect(Object.keys(files).filter((path) => path.endsWith('.tf')).length).toBeGreaterThanOrEqual(200);
    const touched = (path: string) => path.endsWith('.sh') || path.endsWith('/appspec.yml') || (path.startsWith('modules/') && path.endsWith('.tf'));
    repo.write(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, touched(path) ? `${text}# touched\n` : text])));
    const head = repo.commit('everything at once', '2026-03-02T00:00:00Z');
    github = await startGitHubLoopback({ pulls: [] });

    const alone = await threads(1, base, head);
    const shared = await threads(3, base, head);

    // One thread announces nothing to a pool; three share the files.
    expect(alone.run.stdout).not.toContain('::debug::analysis:');
    expect(shared.workers).toBeGreaterThan(0);
    expect(shared.main).toBeGreaterThan(0);
    const { durationMs: _a, startedAt: _c, ...reportAlone } = alone.run.report;
    const { durationMs: _b, startedAt: _d, ...reportShared } = shared.run.report;
    expect(reportShared).toEqual(reportAlone);
    const verdict = (outputs: Record<string, string>) => ({ result: outputs.result, blocked: outputs.blocked, errors: outputs.errors, warnings: outputs.warnings });
    expect(verdict(shared.run.outputs)).toEqual(verdict(alone.run.outputs));
    // The run found what it was built to find, so the comparison is not between two empty reports.
    const ids = new Set((reportAlone.findings as { id: string }[]).map((finding) => finding.id));
    expect([...ids]).toEqual(expect.arrayContaining(['DG201', 'DG202', 'DG203']));
    // The PATH a sourced helper sets reached the calls after the `source` line.
    expect((reportAlone.findings as { message: string }[]).some((finding) => finding.message.includes('/opt/tools/bin'))).toBe(true);
    // The promotion history was searched (its versions are parsed through the pool too).
    expect(reportAlone.notes).toEqual(expect.arrayContaining([expect.stringMatching(/value\(s\) entering prod searched in [1-9]/)]));
    expect(shared.run.code).toBe(alone.run.code);
  });

  it('audits the same on one thread and on three, appspecs and scripts announced while the Terraform is read', async () => {
    repo = createRepo(monorepo(PROD_AMI), '2026-03-01T00:00:00Z');
    github = await startGitHubLoopback({ pulls: [] });
    const audit = async (count: number) => {
      const run = await runAction({
        workspace: repo!.dir,
        eventName: 'schedule',
        event: { repository: { full_name: 'acme/infra' } },
        inputs: { 'audit-issue': 'false' },
        env: { GITHUB_API_URL: github!.url, DEPLOY_GUARD_THREADS: String(count) },
      });
      const counts = /::debug::analysis: (\d+) file\(s\) on the main thread, (\d+) on worker threads/.exec(run.stdout);
      return { run, workers: Number(counts?.[2] ?? NaN) };
    };
    const alone = await audit(1);
    const shared = await audit(3);
    expect(alone.run.report.mode).toBe('audit');
    expect(shared.workers).toBeGreaterThan(0);
    const { durationMs: _a, startedAt: _c, ...reportAlone } = alone.run.report;
    const { durationMs: _b, startedAt: _d, ...reportShared } = shared.run.report;
    expect(reportShared).toEqual(reportAlone);
    // Every appspec was parsed: the revision's scripts were checked against the images (a finding of each kind).
    const ids = new Set((reportAlone.findings as { id: string }[]).map((finding) => finding.id));
    expect([...ids]).toEqual(expect.arrayContaining(['DG201', 'DG203']));
  });
});
