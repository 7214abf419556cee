// The audit's tracking issue is found by a hidden marker, and anyone can open an issue in a public
// repository. An outsider's issue carrying the marker must not become the alarm: deploy-guard would write
// the audit into an issue its author can edit or close, and the real alarm would never open.
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubApi } from '../../src/facts/github.js';
import { TRACKING_ISSUE_MARKER } from '../../src/report/trackingIssue.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type FakeIssue, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction } from '../support/runAction.js';

const closers: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const each of closers.splice(0)) await each.close();
});

type Authored = FakeIssue & { user: { login: string; type: 'User' | 'Bot' }; author_association: string };
const issue = (number: number, login: string, type: 'User' | 'Bot', association: string): Authored => ({
  number,
  title: 'deploy-guard audit: live infrastructure needs attention',
  body: `${TRACKING_ISSUE_MARKER}\nAll clear, nothing to see.`,
  state: 'open',
  labels: [],
  comments: [],
  user: { login, type },
  author_association: association,
});

async function github(issues: Authored[]): Promise<GitHubLoopback> {
  const loopback = await startGitHubLoopback({ issues, pulls: [] });
  closers.push(loopback);
  return loopback;
}

const api = (url: string) => createGitHubApi({ token: 't', owner: 'acme', repo: 'infra', baseUrl: url, userAgent: 'deploy-guard/test' });

describe('the audit tracking issue under spoofing', () => {
  it.each([
    ['an outsider', 'mallory', 'User', 'NONE'],
    ['a past contributor', 'mallory', 'User', 'CONTRIBUTOR'],
    ['a first-time contributor', 'mallory', 'User', 'FIRST_TIME_CONTRIBUTOR'],
  ] as const)('ignores a marker in an issue opened by %s', async (_, login, type, association) => {
    const loopback = await github([issue(5, login, type, association)]);
    expect(await api(loopback.url).findOpenIssueWithMarker(TRACKING_ISSUE_MARKER)).toBeUndefined();
  });

  it.each([
    ['github-actions[bot] (the workflow token)', 'github-actions[bot]', 'Bot', 'NONE'],
    ['a maintainer', 'alice', 'User', 'MEMBER'],
    ['a collaborator', 'bob', 'User', 'COLLABORATOR'],
  ] as const)('finds the issue opened by %s', async (_, login, type, association) => {
    const loopback = await github([issue(5, 'mallory', 'User', 'NONE'), issue(6, login, type, association)]);
    expect(await api(loopback.url).findOpenIssueWithMarker(TRACKING_ISSUE_MARKER)).toMatchObject({ number: 6 });
  });

  it('opens its own issue instead of writing into the outsider\'s (bundled action, audit)', async () => {
    const repo: TestRepo = createRepo({
      'terraform/staging/main.tf': 'resource "aws_instance" "api" {\n  ami = "ami-0123456789abcdef0"\n}\n',
      'terraform/prod/main.tf': 'resource "aws_instance" "api" {\n  ami = "ami-0aaaaaaaaaaaaaaaa"\n}\n',
      'deploy/start.sh': '#!/bin/sh\n/usr/bin/aws s3 ls\n',
      'deploy/@org/team <img src=x onerror=alert(1)> #1.sh': '#!/bin/sh\n/usr/bin/aws s3 ls\n',
    });
    closers.push({ close: () => repo.cleanup() });
    const spoof = issue(5, 'mallory', 'User', 'NONE');
    const loopback = await github([spoof]);
    const run = await runAction({ workspace: repo.dir, eventName: 'schedule', event: { repository: { full_name: 'acme/infra' } }, env: { GITHUB_API_URL: loopback.url } });
    expect(run.outputs.result).not.toBe('pass');
    expect(loopback.state.issues.find((each) => each.number === 5)).toMatchObject({ body: spoof.body, state: 'open', comments: [] });
    expect(loopback.requests).not.toContain('PATCH /repos/acme/infra/issues/5');
    const opened = loopback.state.issues.filter((each) => each.number !== 5 && each.body.includes(TRACKING_ISSUE_MARKER));
    expect(opened).toHaveLength(1);
    // The alarm echoes repository file names: rendered inert, no mention, no cross-reference, no HTML.
    const body = opened[0]!.body;
    expect(body).toContain('onerror=alert(1)');
    expect(body).not.toMatch(/<img|@org\/team|(?<![\\&])#1\b/);
    expect(body.indexOf(TRACKING_ISSUE_MARKER)).toBe(body.lastIndexOf(TRACKING_ISSUE_MARKER));
  });
});
