// The GitHub client's thread (see createGitHubApi in github.ts): Octokit and its HTTP stack load and run
// here, beside the thread that parses and decides, which they kept busy for 0.1–0.2 s of a typical PR.
// Each message is one GitHubApi call; the answer is plain data, or the error's message and HTTP status.
import { parentPort, workerData } from 'node:worker_threads';
import type { GitHubApi, GitHubTarget } from './github.js';
import { octokitApi } from './githubOctokit.js';

if (!parentPort) throw new Error('githubWorker.js runs as a worker thread of deploy-guard');
const port = parentPort;

export interface GitHubCall {
  id: number;
  method: keyof GitHubApi;
  args: unknown[];
}
export type GitHubAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; status?: number } | { log: string };

const { target } = workerData as { target: Omit<GitHubTarget, 'log'> };
const api = octokitApi({ ...target, log: (message) => port.postMessage({ log: message } satisfies GitHubAnswer) });

port.on('message', ({ id, method, args }: GitHubCall) => {
  const call = api[method] as (...a: unknown[]) => Promise<unknown>;
  call.apply(api, args).then(
    (value) => port.postMessage({ id, ok: true, value } satisfies GitHubAnswer),
    (error: unknown) => {
      const status = (error as { status?: unknown } | null)?.status;
      port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error), ...(typeof status === 'number' ? { status } : {}) } satisfies GitHubAnswer);
    },
  );
});
