// GitHub adapter: Octokit with throttling and retry; returns plain facts, decides nothing.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { plainPages, type PlainOptions } from './githubPlain.js';
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
 * source (tests), in this thread. The open pull requests, which a PR check asks for on every run, are asked
 * with a plain GET first (githubPlain.ts): Octokit answers when that is not a plain success. `plain` sets that
 * GET's environment (the proxy variables) and time limit; by default the process's and 15 s.
 */
export function createGitHubApi(target: GitHubTarget, plain: PlainOptions = {}): GitHubApi {
  let api: Promise<GitHubApi> | undefined;
  const octokit = apiThrough(async (method, args) => {
    const client = await (api ??= clientFor(target));
    return (client[method] as (...a: unknown[]) => Promise<unknown>).apply(client, args);
  });
  return {
    ...octokit,
    async openPullsWithLabel(label) {
      const pulls = await plainPages(target, `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/pulls`, { state: 'open', per_page: '100' }, plain);
      return pulls?.every(isListedPull) ? pullsLabelled(pulls, label) : octokit.openPullsWithLabel(label);
    },
  };
}

/** What the pull request list gives of a pull request, as far as deploy-guard reads it. */
export interface ListedPull {
  number: number;
  title: string;
  created_at: string;
  html_url: string;
  labels: { name?: string | null }[];
}

function isListedPull(value: unknown): value is ListedPull {
  const pull = value as Partial<ListedPull> | null;
  return typeof pull === 'object' && pull !== null && typeof pull.number === 'number' && typeof pull.title === 'string' && typeof pull.created_at === 'string' && typeof pull.html_url === 'string' && Array.isArray(pull.labels) && pull.labels.every((l) => typeof l === 'object' && l !== null);
}

/** The pull requests that carry `label`. */
export function pullsLabelled(pulls: readonly ListedPull[], label: string): OpenPull[] {
  return pulls
    .filter((pull) => pull.labels.some((l) => l.name === label))
    .map((pull) => ({ number: pull.number, title: pull.title, createdAt: pull.created_at, url: pull.html_url, labels: pull.labels.map((l) => l.name ?? '') }));
}

/** A GitHubApi whose every call goes through `call`, by method name. */
function apiThrough(call: (method: keyof GitHubApi, args: unknown[]) => Promise<unknown>): GitHubApi {
  const via =
    <M extends keyof GitHubApi>(method: M) =>
    (...args: Parameters<GitHubApi[M]>) =>
      call(method, args) as ReturnType<GitHubApi[M]>;
  return {
    labelEvents: via('labelEvents'),
    isTeamMember: via('isTeamMember'),
    openPullsWithLabel: via('openPullsWithLabel'),
    findOpenIssueWithMarker: via('findOpenIssueWithMarker'),
    createIssue: via('createIssue'),
    updateIssue: via('updateIssue'),
    commentOnIssue: via('commentOnIssue'),
    closeIssue: via('closeIssue'),
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
  return apiThrough(
    (method, args) =>
      new Promise<unknown>((resolve, reject) => {
        if (stopped) {
          reject(stopped);
          return;
        }
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, method, args } satisfies GitHubCall);
      }),
  );
}
