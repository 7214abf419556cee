// GitHub adapter: Octokit with throttling and retry; returns plain facts, decides nothing.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { LabelEvent } from './types.js';

export interface OpenPull {
  number: number;
  title: string;
  createdAt: string;
  url: string;
  labels: string[];
}

/** The calls deploy-guard makes; tests inject a fake or point GITHUB_API_URL at a loopback server. */
export interface GitHubApi {
  labelEvents(pullNumber: number): Promise<LabelEvent[]>;
  /** True when `user` is an active member of org/team; throws when membership cannot be read. */
  isTeamMember(org: string, teamSlug: string, user: string): Promise<boolean>;
  openPullsWithLabel(label: string): Promise<OpenPull[]>;
  findOpenIssueWithMarker(marker: string): Promise<{ number: number; body: string } | undefined>;
  createIssue(title: string, body: string, labels: string[]): Promise<number>;
  updateIssue(number: number, body: string): Promise<void>;
  commentOnIssue(number: number, body: string): Promise<void>;
  closeIssue(number: number): Promise<void>;
}

export interface GitHubTarget {
  token: string;
  owner: string;
  repo: string;
  baseUrl?: string;
  userAgent: string;
  log?: (message: string) => void;
}

const MAX_RETRIES_ON_LIMIT = 3;
const TRUSTED_AUTHORS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

export function createGitHubApi(target: GitHubTarget): GitHubApi {
  const { owner, repo } = target;
  const octokit = getOctokit(
    target.token,
    {
      ...(target.baseUrl ? { baseUrl: target.baseUrl } : {}),
      userAgent: target.userAgent,
      throttle: {
        onRateLimit: (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
          target.log?.(`GitHub rate limit on ${options.method} ${options.url}; retrying after ${retryAfter}s`);
          return retryCount < MAX_RETRIES_ON_LIMIT;
        },
        onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
          target.log?.(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying after ${retryAfter}s`);
          return retryCount < MAX_RETRIES_ON_LIMIT;
        },
      },
    },
    throttling,
    retry,
  );

  return {
    async labelEvents(pullNumber) {
      const events = await octokit.paginate(octokit.rest.issues.listEvents, { owner, repo, issue_number: pullNumber, per_page: 100 });
      return events
        .filter((event) => event.event === 'labeled' && 'label' in event && event.label)
        .map((event) => ({
          label: (event as { label: { name: string } }).label.name,
          actor: event.actor?.login ?? '',
          at: event.created_at,
        }));
    },
    async isTeamMember(org, teamSlug, user) {
      try {
        const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: teamSlug, username: user });
        return data.state === 'active';
      } catch (error) {
        if ((error as { status?: number }).status === 404) return false;
        throw error;
      }
    },
    async openPullsWithLabel(label) {
      const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner, repo, state: 'open', per_page: 100 });
      return pulls
        .filter((pull) => pull.labels.some((l) => l.name === label))
        .map((pull) => ({
          number: pull.number,
          title: pull.title,
          createdAt: pull.created_at,
          url: pull.html_url,
          labels: pull.labels.map((l) => l.name ?? ''),
        }));
    },
    async findOpenIssueWithMarker(marker) {
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, state: 'open', per_page: 100, creator: undefined });
      // Anyone may open an issue holding the marker: only one opened by an app (the workflow token is
      // github-actions[bot]) or by someone with access to the repository can be the tracking issue.
      const trusted = (issue: (typeof issues)[number]) => issue.user?.type === 'Bot' || TRUSTED_AUTHORS.has(issue.author_association ?? '');
      const found = issues.find((issue) => !issue.pull_request && trusted(issue) && (issue.body ?? '').includes(marker));
      return found ? { number: found.number, body: found.body ?? '' } : undefined;
    },
    async createIssue(title, body, labels) {
      const { data } = await octokit.rest.issues.create({ owner, repo, title, body, labels });
      return data.number;
    },
    async updateIssue(number, body) {
      await octokit.rest.issues.update({ owner, repo, issue_number: number, body });
    },
    async commentOnIssue(number, body) {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
    },
    async closeIssue(number) {
      await octokit.rest.issues.update({ owner, repo, issue_number: number, state: 'closed', state_reason: 'completed' });
    },
  };
}
