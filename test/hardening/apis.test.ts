// Throttled and failing APIs as response sequences: AWS on the loopback AWS with the real SDK clients (backoff
// injected), GitHub on the loopback GitHub with a fake clock where the client would wait; and a PR over
// GitHub's 3,000-file list cap, read from local git. Nothing waits for real.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSettings, DEFAULT_INPUTS } from '../../src/config/settings.js';
import { runChecks } from '../../src/engine/run.js';
import { Journal, type RunContext } from '../../src/facts/context.js';
import { AwsSession } from '../../src/facts/aws/clients.js';
import { runProbe } from '../../src/facts/aws/ssm.js';
import { createGitHubApi } from '../../src/facts/github.js';
import { soakGatherers } from '../../src/facts/soak.js';
import { buildIndex } from '../../src/facts/terraform.js';
import { SOAK_RULES } from '../../src/rules/soak/index.js';
import { AMI, hoursAgo, incoming, NOW, OLD_AMI, soakSettings } from '../facts/soakScenario.js';
import { startAwsLoopback, type AwsLoopback, type LoopbackState } from '../support/awsLoopback.js';
import { findRule } from '../../src/rules/index.js';
import { overrideRejected, overrideUsed } from '../../src/rules/process/override.js';
import type { Rule } from '../../src/rules/types.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction } from '../support/runAction.js';

const servers: { close(): Promise<void> | void }[] = [];
const sessions: AwsSession[] = [];
const repos: TestRepo[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  sessions.splice(0).forEach((session) => session.destroy());
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

async function aws(state: LoopbackState): Promise<AwsLoopback> {
  const loopback = await startAwsLoopback({ region: 'eu-west-1', ...state });
  servers.push(loopback);
  for (const [key, value] of Object.entries(loopback.env)) vi.stubEnv(key, value);
  return loopback;
}

/** A PR bringing AMI into prod, checked by the soak rules with the real gatherers and SDK clients; backoffs recorded, never waited. */
async function soakCheck(maxAttempts = 4) {
  const backoffs: number[] = [];
  const settings = soakSettings({}, { maxAttempts });
  const context: RunContext = {
    settings,
    mode: 'pr',
    workspace: '/nonexistent',
    now: NOW,
    event: { name: 'pull_request', payload: {} },
    log: { info: () => undefined, warning: () => undefined, debug: () => undefined },
    version: 'test',
    journal: new Journal(),
  };
  const report = await runChecks(context, {
    rules: SOAK_RULES as unknown as Rule[],
    gatherers: {
      ...soakGatherers({ retryDelayMs: (attempt) => (backoffs.push(attempt), 0) }),
      repoFiles: async () => ['terraform/prod/main.tf'],
      changes: async () => ({ base: 'b'.repeat(40), head: 'h'.repeat(40), mergeBase: 'b'.repeat(40), files: [{ path: 'terraform/prod/main.tf', status: 'modified' }] }),
      terraform: async () => buildIndex(new Map(), [], settings),
      promotableValues: async () => incoming(AMI),
    },
  });
  return { report, backoffs, found: report.findings.map((finding) => `${finding.id} ${finding.environment ?? '-'}`) };
}

const stagingHistory = (hours: number) => ({ versions: [{ value: OLD_AMI, modified: hoursAgo(24 * 10) }, { value: AMI, modified: hoursAgo(hours) }] });

describe('AWS throttling and eventual consistency (loopback AWS, real SDK clients)', () => {
  it('EC2 RequestLimitExceeded ×3 then success: the same result as without faults, after 4 attempts', async () => {
    const clean = await aws({ images: [{ id: AMI }], parameters: { '/images/staging/api': stagingHistory(3) } });
    const expected = await soakCheck();
    await clean.close();
    const throttled = await aws({ images: [{ id: AMI }], parameters: { '/images/staging/api': stagingHistory(3) }, faults: [{ api: 'DescribeImages', times: 3, code: 'RequestLimitExceeded' }] });
    const { report, backoffs, found } = await soakCheck();
    expect(found).toEqual(expected.found);
    expect(found).toEqual(['DG101 prod']);
    expect(report.outcome.result).toBe('fail');
    expect(throttled.calls.DescribeImages).toBe(4);
    expect(backoffs).toEqual([1, 2, 3]);
  });

  it('throttling that outlasts the retry budget: DG104 naming the API, the run ends in error, exactly max-attempts calls', async () => {
    const throttled = await aws({ images: [{ id: AMI }], parameters: { '/images/staging/api': stagingHistory(30) }, faults: [{ api: 'GetParameterHistory', times: Infinity, code: 'ThrottlingException', status: 400 }] });
    const { report, found } = await soakCheck(5);
    expect(report.outcome).toMatchObject({ result: 'error', blocked: true });
    expect(found).toEqual(['DG104 staging']);
    expect(report.findings[0]!.message).toMatch(/GetParameterHistory in eu-west-1.*throttled past the retry budget after 5 attempts/);
    expect(throttled.calls.GetParameterHistory).toBe(5);
  });

  it('SSM InvocationDoesNotExist right after SendCommand is polled again (3 times), then the probe answers', async () => {
    const loopback = await aws({ probe: { 'i-0123456789abcdef0': { files: { '/usr/local/bin/aws': 'x' }, notFoundPolls: 3, progress: ['Pending', 'InProgress'] } } });
    const session = new AwsSession({ environment: 'staging', regions: ['eu-west-1'] }, { maxAttempts: 4, userAgent: 'deploy-guard/test', retryDelayMs: () => 0 });
    sessions.push(session);
    const sleeps: number[] = [];
    const result = await runProbe(session, 'eu-west-1', 'i-0123456789abcdef0', { paths: ['/usr/bin/aws'], names: ['aws'], runPath: '/usr/local/bin:/usr/bin' }, { sleep: async (ms) => void sleeps.push(ms) });
    expect(result.paths.get('/usr/bin/aws')).toEqual({ exists: false, executable: false, foundOnPath: '/usr/local/bin/aws' });
    expect(result.names.get('aws')).toBe('/usr/local/bin/aws');
    expect(loopback.calls.SendCommand).toBe(1);
    expect(loopback.calls.GetCommandInvocation).toBe(6);
    expect(sleeps.length).toBeGreaterThanOrEqual(5);
  });
});

describe('GitHub secondary rate limits (loopback GitHub, fake clock)', () => {
  const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  // The Octokit client loads on the first call (src/facts/github.ts); module loading needs the real clock.
  beforeAll(async () => {
    await import('../../src/facts/githubOctokit.js');
  });

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
          pullRequest: async () => ({ number: 7, title: 'x', body: 'deploy-guard-reason: CVE', author: 'dev', labels: ['deploy-guard/override'], headSha: 'h'.repeat(40), baseRef: 'main' }),
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
