// GitHub adapter: Octokit with throttling and retry; returns plain facts, decides nothing.
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

/**
 * The client. Octokit and its HTTP stack are a quarter of the bundle: they load on the first call, so a run
 * that never asks GitHub (no deploy-relevant change, the CLI without a token) never compiles them.
 */
export function createGitHubApi(target: GitHubTarget): GitHubApi {
  let api: Promise<GitHubApi> | undefined;
  const client = () => (api ??= import('./githubOctokit.js').then((module) => module.octokitApi(target)));
  return {
    labelEvents: async (pullNumber) => (await client()).labelEvents(pullNumber),
    isTeamMember: async (org, teamSlug, user) => (await client()).isTeamMember(org, teamSlug, user),
    openPullsWithLabel: async (label) => (await client()).openPullsWithLabel(label),
    findOpenIssueWithMarker: async (marker) => (await client()).findOpenIssueWithMarker(marker),
    createIssue: async (title, body, labels) => (await client()).createIssue(title, body, labels),
    updateIssue: async (number, body) => (await client()).updateIssue(number, body),
    commentOnIssue: async (number, body) => (await client()).commentOnIssue(number, body),
    closeIssue: async (number) => (await client()).closeIssue(number),
  };
}
