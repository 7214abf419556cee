// The bundled action calls GitHub from a thread of its own (dist/githubWorker.js): every answer, log line
// and failure must reach the caller as it would from Octokit in the caller's thread.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubApi, threadClient, type GitHubTarget } from '../../src/facts/github.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';

const WORKER = join(import.meta.dirname, '..', '..', 'dist', 'githubWorker.js');
const loopbacks: GitHubLoopback[] = [];
afterEach(async () => {
  for (const loopback of loopbacks.splice(0)) await loopback.close();
});

async function target(state: Parameters<typeof startGitHubLoopback>[0], log: string[]): Promise<GitHubTarget> {
  const loopback = await startGitHubLoopback(state);
  loopbacks.push(loopback);
  return { token: 't', owner: 'acme', repo: 'infra', baseUrl: loopback.url, userAgent: 'deploy-guard/test', log: (line) => log.push(line) };
}

describe('GitHub client thread (bundled)', () => {
  it('answers what the client answers in the calling thread', async () => {
    const state = {
      pulls: [
        { number: 41, title: 'Hotfix', created_at: '2026-03-01T00:00:00Z', labels: ['terraform-applied'] },
        { number: 42, title: 'Docs', created_at: '2026-03-02T00:00:00Z', labels: [] },
      ],
      teams: { 'acme/sre': ['alice'] },
      labelEvents: { 7: [{ label: 'deploy-guard-override', actor: 'alice', at: '2026-03-03T00:00:00Z' }] },
    };
    const here = createGitHubApi(await target(state, []));
    const there = threadClient(WORKER, await target(state, []));
    expect(await there.openPullsWithLabel('terraform-applied')).toEqual(await here.openPullsWithLabel('terraform-applied'));
    expect((await there.openPullsWithLabel('terraform-applied')).map((pull) => pull.number)).toEqual([41]);
    expect(await there.labelEvents(7)).toEqual(await here.labelEvents(7));
    expect(await there.isTeamMember('acme', 'sre', 'alice')).toBe(true);
    expect(await there.isTeamMember('acme', 'sre', 'mallory')).toBe(false); // a 404 is an answer, not a failure
    const number = await there.createIssue('deploy-guard audit', 'marker', ['deploy-guard']);
    await there.commentOnIssue(number, 'still failing');
    await there.updateIssue(number, 'marker, updated');
    expect(await there.findOpenIssueWithMarker('marker')).toEqual({ number, body: 'marker, updated' });
    await there.closeIssue(number);
    expect(await there.findOpenIssueWithMarker('marker')).toBeUndefined();
  });

  it('passes on the HTTP status of a failure', async () => {
    const here = createGitHubApi(await target({}, []));
    const there = threadClient(WORKER, await target({}, []));
    const failure = await there.updateIssue(999, 'no such issue').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ status: 404 });
    await expect(here.updateIssue(999, 'no such issue')).rejects.toMatchObject({ status: 404, message: (failure as Error).message });
  });

  it('routes log lines, answers and failures to their callers, and fails what is pending when the thread stops', async () => {
    const log: string[] = [];
    const scripted = threadClient(join(import.meta.dirname, '..', 'fixtures', 'threads', 'githubScripted.mjs'), { token: 't', owner: 'acme', repo: 'infra', userAgent: 'test', log: (line) => log.push(line) });
    const [failed, pulls] = await Promise.allSettled([scripted.labelEvents(7), scripted.openPullsWithLabel('terraform-applied')]);
    expect(failed).toMatchObject({ status: 'rejected', reason: { status: 403, message: 'You have exceeded a secondary rate limit' } });
    expect(pulls).toMatchObject({ status: 'fulfilled', value: [{ number: 41, labels: ['terraform-applied'] }] });
    expect(log).toEqual(['GitHub secondary rate limit on GET /repos/acme/infra/issues/7/events; retrying after 2s']);
    await expect(scripted.closeIssue(1)).rejects.toThrow('the GitHub client thread stopped (exit code 3)');
    await expect(scripted.openPullsWithLabel('x')).rejects.toThrow(/stopped/);
  });
});
