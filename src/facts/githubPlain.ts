// The one GitHub call a pull request's check makes on every run (its open pull requests, for the applied
// label), as plain GETs over Node's own http/https. Octokit, its HTTP stack (undici) and the thread it runs on
// cost a typical PR check more than everything else it asks GitHub (BENCHMARKS.md, session 9). Only a plain
// success is answered here. Anything else (a status other than 200, a body that is not a JSON array, a next
// page on another origin, a network error, a timeout, a proxy to go through) answers undefined, and the
// caller asks Octokit instead, which retries, waits out rate limits and goes through proxies: what a failure
// looks like, and how hard the run tries, stays Octokit's.
import type { IncomingMessage, RequestOptions } from 'node:http';
import type { GitHubTarget } from './github.js';

/** Longest wait for a page before Octokit is asked instead. */
const TIMEOUT_MS = 15_000;
/** Pages followed before Octokit is asked instead (100 pull requests a page). */
const MAX_PAGES = 50;

export interface PlainOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Every item of a paginated GET of `path` (with `query`) under the target's API URL, following `Link:
 * rel="next"` on the same origin; undefined when anything is not plain (see the file's opening comment).
 */
export async function plainPages(target: GitHubTarget, path: string, query: Record<string, string>, options: PlainOptions = {}): Promise<unknown[] | undefined> {
  let url: URL | undefined;
  try {
    url = new URL(`${(target.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '')}${path}?${new URLSearchParams(query).toString()}`);
  } catch {
    return undefined;
  }
  const origin = url.origin;
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || proxied(url, options.env ?? process.env)) return undefined;
  const items: unknown[] = [];
  for (let page = 0; url; page++) {
    if (page === MAX_PAGES) return undefined;
    const answer = await get(url, target, options.timeoutMs ?? TIMEOUT_MS);
    if (!answer) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      return undefined;
    }
    if (!Array.isArray(parsed)) return undefined;
    items.push(...parsed);
    const next = nextPage(answer.link);
    if (next === null) return undefined;
    url = next;
    // The token goes to the API URL's origin only.
    if (url && url.origin !== origin) return undefined;
  }
  return items;
}

/**
 * Whether a proxy is configured for the URL's scheme (the variables @actions/http-client reads). Octokit goes
 * through it, and honours NO_PROXY; this client goes nowhere when one is set.
 */
function proxied(url: URL, env: NodeJS.ProcessEnv): boolean {
  const names = url.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  return names.some((name) => (env[name] ?? '').trim() !== '');
}

/** The `rel="next"` URL of a Link header; undefined when there is none, null when it does not parse. */
function nextPage(link: string | undefined): URL | undefined | null {
  if (!link) return undefined;
  const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(link);
  if (!match) return undefined;
  try {
    return new URL(match[1]!);
  } catch {
    return null;
  }
}

/**
 * node:http or node:https through process.getBuiltinModule (Node 20.16+), not an `import`: importing node:http
 * builds its ES module facade, which on Node 24 reads every export, undici's lazy ones too (about 45 ms of a run).
 */
async function requester(protocol: string): Promise<typeof import('node:http').request> {
  if (protocol === 'https:') return (process.getBuiltinModule?.('node:https') ?? (await import('node:https'))).request;
  return (process.getBuiltinModule?.('node:http') ?? (await import('node:http'))).request;
}

async function get(url: URL, target: GitHubTarget, timeoutMs: number): Promise<{ body: string; link: string | undefined } | undefined> {
  const request = await requester(url.protocol);
  const options: RequestOptions = {
    method: 'GET',
    headers: { accept: 'application/vnd.github+json', authorization: `token ${target.token}`, 'user-agent': target.userAgent },
  };
  return new Promise((resolve) => {
    const done = (value: { body: string; link: string | undefined } | undefined) => {
      clearTimeout(timer);
      resolve(value);
    };
    const req = request(url, options, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        res.resume();
        done(undefined);
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const link = res.headers.link;
        done({ body: Buffer.concat(chunks).toString('utf8'), link: Array.isArray(link) ? link.join(', ') : link });
      });
      res.on('error', () => done(undefined));
    });
    const timer = setTimeout(() => {
      req.destroy();
      done(undefined);
    }, timeoutMs);
    req.on('error', () => done(undefined));
    req.end();
  });
}
