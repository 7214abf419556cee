// The local CLI, run as a platform engineer runs it: node dist/cli.js check on a checkout.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { DIST_CLI } from '../support/runAction.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

function cli(cwd: string, ...args: string[]) {
  return cliWith({}, cwd, ...args);
}

function cliWith(extra: Record<string, string>, cwd: string, ...args: string[]) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...extra };
  const run = spawnSync(process.execPath, [DIST_CLI, ...args], { cwd, env, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function repoWithDocsChange() {
  const repo = createRepo({ 'README.md': '# infra\n' });
  repos.push(repo);
  repo.write({ 'README.md': '# infra\n\nv2\n' });
  repo.commit('docs', '2026-01-02T00:00:00Z');
  return repo;
}

describe('deploy-guard CLI', () => {
  it('prints the verdict first and exits 0 on a pass', () => {
    const repo = repoWithDocsChange();
    const run = cli(repo.dir, 'check', '--base', 'HEAD~1');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toContain('PASS');
    expect(run.stdout).toContain('No deploy-relevant changes');
  });

  it('warns about a DEPLOY_GUARD_THREADS that is not a thread count, and runs with the default', () => {
    const repo = repoWithDocsChange();
    const run = cliWith({ DEPLOY_GUARD_THREADS: 'all' }, repo.dir, 'check', '--base', 'HEAD~1');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: DEPLOY_GUARD_THREADS="all" is not a number of threads from 1 to 16');
  });

  it('prints the JSON report with --format json', () => {
    const repo = repoWithDocsChange();
    const run = cli(repo.dir, 'check', '--base', 'HEAD~1', '--format', 'json');
    expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: 1, result: 'pass', blocked: false });
  });

  it('exits 2 when it could not evaluate, naming the config line', () => {
    const repo = repoWithDocsChange();
    repo.write({ '.github/deploy-guard.yml': 'soak: 24h\nrulez: {}\n' });
    repo.commit('config', '2026-01-02T01:00:00Z');
    const run = cli(repo.dir, 'check', '--base', 'HEAD~1');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('.github/deploy-guard.yml:2');
  });

  it('exits 64 with usage on a missing command', () => {
    const repo = repoWithDocsChange();
    const run = cli(repo.dir, 'chek');
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('Usage: deploy-guard check');
  });

  it('refuses a --head that is not checked out, saying how to fix it', () => {
    const repo = repoWithDocsChange();
    const run = cli(repo.dir, 'check', '--base', 'HEAD~1', '--head', 'HEAD~1');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('git checkout HEAD~1');
  });
});
