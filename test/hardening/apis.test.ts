// Throttled and failing GitHub APIs, as response sequences on the loopback GitHub, with a fake clock where
// the client would wait; and a PR over GitHub's 3,000-file list cap, read from local git.
// (AWS: RequestLimitExceeded ×3 then success and throttling past the retry budget are run against the real
// SDK clients in test/e2e/aws.test.ts and test/facts/aws/loopback.test.ts; InvocationDoesNotExist right
// after SendCommand in test/facts/aws/probe.test.ts and loopback.test.ts.)
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSettings, DEFAULT_INPUTS } from '../../src/config/settings.js';
import { runChecks } from '../../src/engine/run.js';
import { Journal, type RunContext } from '../../src/facts/context.js';
import { createGitHubApi } from '../../src/facts/github.js';
import { findRule } from '../../src/rules/index.js';
import { overrideRejected, overrideUsed } from '../../src/rules/process/override.js';
import type { Rule } from '../../src/rules/types.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction } from '../support/runAction.js';

const servers: { close(): Promise<void> | void }[] = [];
const repos: TestRepo[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const server of servers.splice(0)) await server.close();
  repos.splice(0).forEach((repo) => repo.cleanup());
});

async function github(state: Parameters<typeof startGitHubLoopback>[0]): Promise<GitHubLoopback> {
  const loopback = await startGitHubLoopback(state);
  servers.push(loopback);
  return loopback;
}

/**
 * A proxy in front of the loopback that rewrites `retry-after` on its secondary limits (the loopback always
 * sends `0`, which the throttling plugin reads as absent): a value in seconds, or undefined to drop it.
 */
async function retryAfter(target: string, value: string | undefined): Promise<string> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const headers = { ...answer.headers };
      if (headers['retry-after'] !== undefined) {
        if (value === undefined) delete headers['retry-after'];
        else headers['retry-after'] = value;
      }
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  servers.push({ close: () => new Promise<void>((done) => server.close(() => done())) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const events = { 7: [{ label: 'deploy-guard/override', actor: 'alice', at: '2026-01-02T01:00:00Z' }] };

function api(baseUrl: string, log: string[] = []) {
  return createGitHubApi({ token: 't', owner: 'acme', repo: 'infra', baseUrl, userAgent: 'deploy-guard/test', log: (line) => log.push(line) });
}

/** Runs `pending` to the end on a fake clock, one simulated second at a time; returns the simulated seconds. */
async function onFakeClock<T>(pending: Promise<T>): Promise<{ value: T; seconds: number }> {
  let outcome: { value: T } | { error: unknown } | undefined;
  pending.then((value) => (outcome = { value }), (error: unknown) => (outcome = { error }));
  let seconds = 0;
  while (!outcome && seconds < 600) {
    await vi.advanceTimersByTimeAsync(1000);
    seconds++;
  }
  if (!outcome) throw new Error('still pending after 600 simulated seconds');
  if ('error' in outcome) throw outcome.error;
  return { value: outcome.value, seconds };
}

describe('GitHub secondary rate limits (loopback GitHub, fake clock)', () => {
  const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });

  it('with retry-after: 2, waits 2 s per limit and answers: 2 limits, 3 requests', async () => {
    fakeClock();
    const loopback = await github({ secondaryRateLimits: 2, labelEvents: events });
    const log: string[] = [];
    const { value, seconds } = await onFakeClock(api(await retryAfter(loopback.url, '2'), log).labelEvents(7));
    expect(value).toEqual([{ label: 'deploy-guard/override', actor: 'alice', at: '2026-01-02T01:00:00Z' }]);
    expect(loopback.requests).toEqual(Array(3).fill('GET /repos/acme/infra/issues/7/events'));
    expect(log).toEqual(Array(2).fill(expect.stringMatching(/^GitHub secondary rate limit on GET \S+\/repos\/acme\/infra\/issues\/7\/events\S*; retrying after 2s$/)));
    expect(seconds).toBeGreaterThanOrEqual(4);
    expect(seconds).toBeLessThan(60);
  });

  it('without retry-after (or with retry-after: 0), waits the 60 s fallback per limit, then answers', async () => {
    fakeClock();
    const loopback = await github({ secondaryRateLimits: 2, labelEvents: events });
    const log: string[] = [];
    const { value, seconds } = await onFakeClock(api(await retryAfter(loopback.url, undefined), log).labelEvents(7));
    expect(value).toHaveLength(1);
    expect(loopback.requests).toHaveLength(3);
    expect(log).toEqual(Array(2).fill(expect.stringMatching(/retrying after 60s$/)));
    expect(seconds).toBeGreaterThanOrEqual(120);
    expect(seconds).toBeLessThan(180);
  });

  it('gives up after 3 retries and throws, never answering with an empty list', async () => {
    fakeClock();
    const loopback = await github({ secondaryRateLimits: 100, labelEvents: events });
    await expect(onFakeClock(api(await retryAfter(loopback.url, '1')).labelEvents(7))).rejects.toMatchObject({ status: 403 });
    expect(loopback.requests).toHaveLength(4);
  });

  it('a PR check whose override cannot be read through the limit ends in error, never in pass', async () => {
    fakeClock();
    const loopback = await github({ secondaryRateLimits: 100, labelEvents: events });
    const settings = buildSettings({ override: { allowed: ['alice'] } }, '.github/deploy-guard.yml', DEFAULT_INPUTS, findRule);
    const context: RunContext = {
      settings,
      mode: 'pr',
      workspace: '/nonexistent',
      now: new Date('2026-01-03T00:00:00Z'),
      event: { name: 'pull_request', payload: {}, repository: { owner: 'acme', repo: 'infra' } },
      github: api(await retryAfter(loopback.url, '1')),
      log: { info: () => undefined, warning: () => undefined, debug: () => undefined },
      version: 'test',
      journal: new Journal(),
    };
    const { value: report } = await onFakeClock(
      runChecks(context, {
        rules: [overrideUsed, overrideRejected] as unknown as Rule[],
        gatherers: {
          repoFiles: async () => ['terraform/prod/main.tf'],
          changes: async () => ({ base: 'b'.repeat(40), head: 'h'.repeat(40), mergeBase: 'b'.repeat(40), files: [{ path: 'terraform/prod/main.tf', status: 'modified' }] }),
          pullRequest: async () => ({ number: 7, title: 'x', body: 'deploy-guard-reason: CVE', author: 'dev', labels: ['deploy-guard/override'], headSha: 'h'.repeat(40), baseRef: 'main', headCommittedAt: '2026-01-02T00:00:00Z' }),
        },
      }),
    );
    expect(report.outcome).toMatchObject({ result: 'error', blocked: true });
    expect(report.findings.map((finding) => finding.message).join('\n')).toContain('secondary rate limit');
    expect(loopback.requests).toHaveLength(4);
  });
});

describe('a PR over GitHub\'s 3,000-file cap', () => {
  it('reads all 3,500 changed files from local git and never asks the API for the file list', async () => {
    const repo = createRepo({ 'README.md': '# infra\n', 'terraform/staging/main.tf': 'locals {\n  x = 1\n}\n' });
    repos.push(repo);
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'big');
    const docs: Record<string, string> = {};
    for (let i = 0; i < 3499; i++) docs[`docs/${String(i).padStart(4, '0')}.md`] = `${i}\n`;
    // Sorted last, past any 3,000-file cap: the one deploy-relevant change.
    repo.write({ ...docs, 'zz/terraform/staging/late.tf': 'locals {\n  y = 1\n}\n' });
    const head = repo.commit('big', '2026-01-02T00:00:00Z');
    const loopback = await github({});
    const event = { pull_request: { number: 7, title: 'big', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } }, repository: { full_name: 'acme/infra' } };
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event, env: { GITHUB_API_URL: loopback.url } });
    expect(run.summary).not.toContain('No deploy-relevant changes');
    expect(run.report.notes.join('\n')).not.toContain('No deploy-relevant changes');
    expect(run.outputs.result).not.toBe('error');
    expect(loopback.requests.filter((route) => /\/pulls\/7\/files|\/compare\//.test(route))).toEqual([]);

    // Without the Terraform file the same PR is docs-only, and says it counted all 3,499.
    repo.write({ 'zz/terraform/staging/late.tf': null });
    const docsOnly = repo.commit('docs only', '2026-01-02T01:00:00Z');
    const again = await runAction({ workspace: repo.dir, eventName: 'pull_request', event: { ...event, pull_request: { ...event.pull_request, head: { sha: docsOnly } } }, env: { GITHUB_API_URL: loopback.url } });
    expect(again.outputs.result).toBe('pass');
    expect(again.summary).toContain('No deploy-relevant changes: 3499 changed file(s)');
  });
});
