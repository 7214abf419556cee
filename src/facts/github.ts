// GitHub adapter: Octokit with throttling and retry; returns plain facts, decides nothing.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GitHubAnswer, GitHubCall } from './githubWorker.js';
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
 * that never asks GitHub (no deploy-relevant change, the CLI without a token) never compiles them. In the
 * bundle they load and run on a thread of their own (githubWorker.ts), started by that first call; from
 * source (tests), in this thread.
 */
export function createGitHubApi(target: GitHubTarget): GitHubApi {
  let api: Promise<GitHubApi> | undefined;
  const client = () => (api ??= clientFor(target));
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

async function clientFor(target: GitHubTarget): Promise<GitHubApi> {
  const script = workerScript();
  if (script) {
    try {
      return threadClient(script, target);
    } catch {
      // no thread could start: the calls run here
    }
  }
  return (await import('./githubOctokit.js')).octokitApi(target);
}

/** The bundled worker script, beside dist/index.js (shared chunks sit one folder below); none from source. */
function workerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'githubWorker.js'), join(here, '..', 'githubWorker.js')].find((candidate) => existsSync(candidate));
}

/**
 * GitHubApi through the client's thread. The thread keeps the process alive only while a call is pending; an
 * error comes back as an Error with the message and HTTP status the caller would have seen in this thread.
 */
export function threadClient(script: string, target: GitHubTarget): GitHubApi {
  const { log, ...plain } = target;
  const worker = new Worker(script, { workerData: { target: plain } });
  worker.unref();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 1;
  let stopped: Error | undefined;
  const failAll = (error: Error) => {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker.unref();
  };
  worker.on('message', (answer: GitHubAnswer) => {
    if ('log' in answer) {
      log?.(answer.log);
      return;
    }
    const call = pending.get(answer.id);
    if (!call) return;
    pending.delete(answer.id);
    if (pending.size === 0) worker.unref();
    if (answer.ok) call.resolve(answer.value);
    else call.reject(Object.assign(new Error(answer.message), answer.status === undefined ? {} : { status: answer.status }));
  });
  worker.on('error', (error) => failAll(error instanceof Error ? error : new Error(String(error))));
  worker.on('exit', (code) => failAll(new Error(`the GitHub client thread stopped (exit code ${code})`)));
  const call = <T>(method: keyof GitHubApi, ...args: unknown[]): Promise<T> =>
    new Promise<unknown>((resolve, reject) => {
      if (stopped) {
        reject(stopped);
        return;
      }
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, method, args } satisfies GitHubCall);
    }) as Promise<T>;
  return {
    labelEvents: (pullNumber) => call('labelEvents', pullNumber),
    isTeamMember: (org, teamSlug, user) => call('isTeamMember', org, teamSlug, user),
    openPullsWithLabel: (label) => call('openPullsWithLabel', label),
    findOpenIssueWithMarker: (marker) => call('findOpenIssueWithMarker', marker),
    createIssue: (title, body, labels) => call('createIssue', title, body, labels),
    updateIssue: (number, body) => call('updateIssue', number, body),
    commentOnIssue: (number, body) => call('commentOnIssue', number, body),
    closeIssue: (number) => call('closeIssue', number),
  };
}
