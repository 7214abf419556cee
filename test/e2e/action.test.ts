// The bundled action, run exactly as the GitHub runner runs it, on real git repositories.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback } from '../support/githubLoopback.js';
import { runAction } from '../support/runAction.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

function pullRequestEvent(repo: TestRepo, base: string, head: string, extra: Record<string, unknown> = {}) {
  return {
    pull_request: { number: 7, title: 'change', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' }, ...extra },
    repository: { full_name: 'acme/infra' },
  };
}

function docsOnlyRepo() {
  const repo = createRepo({ 'README.md': '# infra\n', 'terraform/staging/main.tf': 'locals {\n  x = 1\n}\n' });
  repos.push(repo);
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', 'docs');
  repo.write({ 'README.md': '# infra\n\nMore words.\n' });
  const head = repo.commit('docs', '2026-01-02T00:00:00Z');
  return { repo, base, head };
}

describe('the bundled action', () => {
  it('passes a docs-only PR explicitly and writes every output, the summary, SARIF and the JSON report', async () => {
    const { repo, base, head } = docsOnlyRepo();
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event: pullRequestEvent(repo, base, head) });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'pass', blocked: 'false', errors: '0', warnings: '0' });
    expect(run.summary).toContain('No deploy-relevant changes');
    expect(run.report).toMatchObject({ schemaVersion: 1, result: 'pass', blocked: false, findings: [] });
    expect(run.sarif.version).toBe('2.1.0');
    expect(run.sarif.runs[0].tool.driver.name).toBe('deploy-guard');
    // The runner times the process itself (what npm run bench reports): it holds the engine's own run.
    expect(run.wallMs).toBeGreaterThanOrEqual(run.report.durationMs);
  });

  it('ends in error naming the file and line of an unknown configuration key', async () => {
    const { repo, base, head } = docsOnlyRepo();
    repo.write({ '.github/deploy-guard.yml': 'promotion: [staging, prod]\nsoak: 24h\nsoke: 2d\n' });
    repo.commit('config', '2026-01-02T01:00:00Z');
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event: pullRequestEvent(repo, base, head) });
    expect(run.code).not.toBe(0);
    expect(run.outputs).toMatchObject({ result: 'error', blocked: 'true' });
    expect(run.summary).toContain('.github/deploy-guard.yml:3');
    expect(run.summary).toContain('soke');
  });

  it('ends in error naming the line of a bad duration', async () => {
    const { repo, base, head } = docsOnlyRepo();
    repo.write({ '.github/deploy-guard.yml': 'promotion: [staging, prod]\nsoak: one day\n' });
    repo.commit('config', '2026-01-02T01:00:00Z');
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event: pullRequestEvent(repo, base, head) });
    expect(run.outputs.result).toBe('error');
    expect(run.report.notEvaluated[0].reason).toContain('.github/deploy-guard.yml:2: soak');
  });

  it('ends in error with the fetch-depth fix when the base revision is not in the checkout', async () => {
    const { repo, head } = docsOnlyRepo();
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event: pullRequestEvent(repo, 'f'.repeat(40), head) });
    expect(run.code).not.toBe(0);
    expect(run.outputs).toMatchObject({ result: 'error', blocked: 'true' });
    expect(run.report.notEvaluated[0].fix).toContain('fetch-depth: 0');
  });

  it('deepens a shallow checkout to find the merge base', async () => {
    const { repo, base, head } = docsOnlyRepo();
    repo.git('checkout', '-q', 'main');
    for (let i = 0; i < 5; i++) {
      repo.write({ [`notes/${i}.md`]: `${i}\n` });
      repo.commit(`note ${i}`, `2026-01-0${i + 3}T00:00:00Z`);
    }
    const clone = join(repo.dir, '..', `${repo.dir.split('/').pop()}-shallow`);
    execFileSync('git', ['clone', '-q', '--depth', '1', '--no-single-branch', `file://${repo.dir}`, clone]);
    execFileSync('git', ['-C', clone, 'checkout', '-q', 'docs']);
    try {
      const run = await runAction({ workspace: clone, eventName: 'pull_request', event: pullRequestEvent(repo, base, head) });
      expect(run.outputs.result).toBe('pass');
      expect(run.summary).toContain('No deploy-relevant changes: 1 changed file(s)');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('ends in error with DG901 when an adapter fails, and exits non-zero', async () => {
    const { repo, base, head } = docsOnlyRepo();
    const tree = repo.git('rev-parse', `${head}^{tree}`).trim();
    rmSync(join(repo.dir, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event: pullRequestEvent(repo, base, head) });
    expect(run.code).not.toBe(0);
    expect(run.outputs).toMatchObject({ result: 'error', blocked: 'true' });
    expect(run.report.findings.map((finding: { id: string }) => finding.id)).toEqual(['DG901']);
  });

  it('cannot pick a mode for an unknown event and says how to fix it', async () => {
    const { repo } = docsOnlyRepo();
    const run = await runAction({ workspace: repo.dir, eventName: 'push' });
    expect(run.outputs.result).toBe('error');
    expect(run.report.notEvaluated[0].fix).toContain('"mode" input');
  });

  it('keeps the outputs truthful and exits 0 with fail-on: never', async () => {
    const { repo, head } = docsOnlyRepo();
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event: pullRequestEvent(repo, 'f'.repeat(40), head), inputs: { 'fail-on': 'never' } });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'error', blocked: 'true' });
  });

  it('rejects an override applied by someone not allowed (DG402), read from the issue events API', async () => {
    const repo = createRepo({ 'terraform/staging/main.tf': 'locals {\n  x = 1\n}\n', '.github/deploy-guard.yml': 'override:\n  allowed: [alice]\n' });
    repos.push(repo);
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'change');
    repo.write({ 'terraform/staging/main.tf': 'locals {\n  x = 2\n}\n' });
    const head = repo.commit('change', '2026-01-02T00:00:00Z');
    const github = await startGitHubLoopback({ labelEvents: { 7: [{ label: 'deploy-guard/override', actor: 'mallory', at: '2026-01-02T01:00:00Z' }] } });
    try {
      const run = await runAction({
        workspace: repo.dir,
        eventName: 'pull_request',
        event: pullRequestEvent(repo, base, head, { labels: [{ name: 'deploy-guard/override' }], body: 'deploy-guard-reason: trust me' }),
        env: { GITHUB_API_URL: github.url },
      });
      expect(run.outputs.result).toBe('fail');
      const dg402 = run.report.findings.find((finding: { id: string }) => finding.id === 'DG402');
      expect(dg402.message).toContain('@mallory is not in override.allowed (alice)');
      expect(github.requests).toContain('GET /repos/acme/infra/issues/7/events');
    } finally {
      await github.close();
    }
  });

  it('rejects an override applied before the head commit, whose time it reads from git (DG402)', async () => {
    const repo = createRepo({ 'terraform/staging/main.tf': 'locals {\n  x = 1\n}\n', '.github/deploy-guard.yml': 'override:\n  allowed: [alice]\n' });
    repos.push(repo);
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'change');
    repo.write({ 'terraform/staging/main.tf': 'locals {\n  x = 2\n}\n' });
    const head = repo.commit('change', '2026-01-02T00:00:00Z');
    const github = await startGitHubLoopback({ labelEvents: { 7: [{ label: 'deploy-guard/override', actor: 'alice', at: '2026-01-01T23:00:00Z' }] } });
    try {
      const event = pullRequestEvent(repo, base, head, { labels: [{ name: 'deploy-guard/override' }], body: 'deploy-guard-reason: hotfix' });
      const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event, env: { GITHUB_API_URL: github.url } });
      const dg402 = run.report.findings.find((finding: { id: string }) => finding.id === 'DG402');
      expect(dg402.message).toContain('applied at 2026-01-01T23:00:00Z, before the head commit of 2026-01-02T00:00:00+00:00');
    } finally {
      await github.close();
    }
  });
});
