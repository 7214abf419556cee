// The analysis cache (cache-dir) as a team uses it with actions/cache: the scheduled audit on main writes
// it, pull requests restore it. A PR run with the cache reports exactly what it reports without one, reads
// the unchanged files' analyses back and adds only those of the files it changed; a damaged cache, one
// written by another build, or a cache folder that cannot be written change nothing but the time.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { monorepo, PROD_AMI, STAGING_AMI } from '../support/monorepo.js';
import { runAction, type ActionRun } from '../support/runAction.js';

let repo: TestRepo | undefined;
let github: GitHubLoopback | undefined;
let temp: string | undefined;
afterEach(async () => {
  repo?.cleanup();
  await github?.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
  repo = undefined;
  github = undefined;
  temp = undefined;
});

const CACHE_FILE = 'deploy-guard-analyses.jsonl';

function cacheLine(run: ActionRun): { read: number; added: number; unreadable: number } {
  const m = /::debug::analysis cache .*: (\d+) analyses read, (\d+) added(?:, (\d+) unreadable)?/.exec(run.stdout);
  expect(m, run.stdout.slice(-2000)).not.toBeNull();
  return { read: Number(m![1]), added: Number(m![2]), unreadable: Number(m![3] ?? 0) };
}

const comparable = (run: ActionRun) => {
  const { durationMs: _d, startedAt: _s, ...report } = run.report;
  return { report, outputs: { result: run.outputs.result, blocked: run.outputs.blocked, errors: run.outputs.errors, warnings: run.outputs.warnings }, code: run.code };
};

describe('analysis cache (bundled action, cache-dir)', () => {
  it('gives a pull request the report it gives without a cache, parsing only what the PR changed', async () => {
    repo = createRepo(monorepo(PROD_AMI), '2026-03-01T00:00:00Z');
    const base = repo.git('rev-parse', 'HEAD').trim();
    temp = mkdtempSync(join(tmpdir(), 'dg-e2e-cache-'));
    const saved = join(temp, 'saved');
    github = await startGitHubLoopback({ pulls: [] });
    const debug = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' };

    // The scheduled audit on main fills the cache.
    const audit = await runAction({
      workspace: repo.dir,
      eventName: 'schedule',
      event: { repository: { full_name: 'acme/infra' } },
      inputs: { 'audit-issue': 'false', 'cache-dir': saved },
      env: { GITHUB_API_URL: github.url, ...debug },
    });
    expect(audit.report.mode).toBe('audit');
    const filled = cacheLine(audit);
    expect(filled.read).toBe(0);
    expect(filled.added).toBeGreaterThan(100);

    // A PR brings the staging image to prod and changes one module and one script.
    repo.git('checkout', '-q', '-b', 'feature');
    const files = monorepo(STAGING_AMI);
    repo.write({
      ...Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith('live/prod/'))),
      'modules/svc03/main.tf': files['modules/svc03/main.tf']!.replace('systemctl restart svc03', 'systemctl restart svc03\n    /usr/bin/aws ssm get-parameter --name x'),
      'services/svc07/deploy.sh': `${files['services/svc07/deploy.sh']!}/usr/bin/aws s3 ls\n`,
    });
    const head = repo.commit('prod gets the staging image', '2026-03-02T00:00:00Z');
    const changed = repo.git('diff', '--name-only', base, head).split('\n').filter(Boolean).length;
    const pr = (cacheDir?: string) =>
      runAction({
        workspace: repo!.dir,
        eventName: 'pull_request',
        event: { pull_request: { number: 12, title: 'Prod image', body: '', user: { login: 'dev' }, labels: [], changed_files: changed, head: { sha: head }, base: { sha: base, ref: 'main' } }, repository: { full_name: 'acme/infra' } },
        inputs: cacheDir ? { 'cache-dir': cacheDir } : {},
        env: { GITHUB_API_URL: github!.url, ...debug },
      });
    const restored = (name: string) => {
      const dir = join(temp!, name);
      cpSync(saved, dir, { recursive: true });
      return dir;
    };

    const plain = await pr();
    const cached = await pr(restored('pr'));
    expect(comparable(cached)).toEqual(comparable(plain));
    const used = cacheLine(cached);
    expect(used.read).toBeGreaterThan(20);
    // what the PR changed is new to the cache: the changed module, the script, the prod roots' new versions
    expect(used.added).toBeGreaterThan(0);
    expect(used.added).toBeLessThan(changed + 5);
    // the run found what it was built to find, so the comparison is not between two empty reports
    const ids = new Set((plain.report.findings as { id: string }[]).map((finding) => finding.id));
    expect([...ids]).toEqual(expect.arrayContaining(['DG201']));

    // A damaged cache: a line cut short and an entry that is not JSON any more.
    const damaged = restored('damaged');
    const file = join(damaged, CACHE_FILE);
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 1; i < lines.length - 1; i += 2) lines[i] = lines[i]!.replace(/ \{.*/, ' {"amis": [');
    writeFileSync(file, `${lines.join('\n')}${'x'.repeat(40)} {"cut`);
    const afterDamage = await pr(damaged);
    expect(comparable(afterDamage)).toEqual(comparable(plain));
    expect(cacheLine(afterDamage).unreadable).toBeGreaterThan(0);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    const repaired = await pr(damaged);
    expect(cacheLine(repaired)).toMatchObject({ added: 0, unreadable: 0 });

    // A cache another build of deploy-guard wrote is not read, and is replaced.
    const foreign = restored('foreign');
    const text = readFileSync(join(foreign, CACHE_FILE), 'utf8');
    writeFileSync(join(foreign, CACHE_FILE), text.replace(/"build":"[^"]+"/, '"build":"another-build"'));
    const afterForeign = await pr(foreign);
    expect(comparable(afterForeign)).toEqual(comparable(plain));
    expect(cacheLine(afterForeign).read).toBe(0);
    expect(readFileSync(join(foreign, CACHE_FILE), 'utf8')).not.toContain('another-build');

    // A cache folder that cannot be written: a warning, and the same verdict.
    const blocked = join(temp, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    const unwritable = await pr(join(blocked, 'cache'));
    expect(comparable(unwritable)).toEqual(comparable(plain));
    expect(unwritable.stdout).toMatch(/::warning::deploy-guard could not write its analysis cache .*blocked\/cache\/deploy-guard-analyses\.jsonl/);
  });
});
