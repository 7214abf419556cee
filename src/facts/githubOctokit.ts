// The Octokit implementation of GitHubApi (throttling and retry), loaded only when a run first asks GitHub.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { pullsLabelled, type GitHubApi, type GitHubTarget } from './github.js';

const MAX_RETRIES_ON_LIMIT = 3;
const TRUSTED_AUTHORS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

export function octokitApi(target: GitHubTarget): GitHubApi {
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
      return pullsLabelled(await octokit.paginate(octokit.rest.pulls.list, { owner, repo, state: 'open', per_page: 100 }), label);
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
