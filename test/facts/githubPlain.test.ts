// The open pull requests a PR check asks for on every run come from a plain GET; anything but a plain success
// goes to Octokit, so failures, retries, rate limits and proxies stay Octokit's (loopback HTTP servers).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubApi, type GitHubTarget } from '../../src/facts/github.js';
import { plainPages } from '../../src/facts/githubPlain.js';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(handler: Handler): Promise<{ url: string; seen: { path: string; headers: IncomingMessage['headers'] }[] }> {
  const seen: { path: string; headers: IncomingMessage['headers'] }[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    seen.push({ path: `${url.pathname}${url.search}`, headers: req.headers });
    handler(req, res, url);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const pull = (number: number, labels: string[]) => ({ number, title: `PR ${number}`, created_at: '2026-01-01T00:00:00Z', html_url: `https://github.com/acme/infra/pull/${number}`, labels: labels.map((name) => ({ name })) });
const target = (baseUrl: string): GitHubTarget => ({ token: 't0ken', owner: 'acme', repo: 'infra', baseUrl, userAgent: 'deploy-guard/test' });
const NO_PROXY_ENV = { env: {} };

describe('plainPages', () => {
  it('follows rel="next" on the same origin and sends the token and user agent', async () => {
    const server = await serve((_req, res, url) => {
      if (url.searchParams.get('page') === '2') json(res, 200, [pull(3, [])]);
      else json(res, 200, [pull(1, ['applied']), pull(2, [])], { link: `<${server.url}/repos/acme/infra/pulls?state=open&per_page=100&page=2>; rel="next", <${server.url}/x?page=2>; rel="last"` });
    });
    const items = await plainPages(target(server.url), '/repos/acme/infra/pulls', { state: 'open', per_page: '100' }, NO_PROXY_ENV);
    expect((items as { number: number }[]).map((item) => item.number)).toEqual([1, 2, 3]);
    expect(server.seen.map((request) => request.path)).toEqual(['/repos/acme/infra/pulls?state=open&per_page=100', '/repos/acme/infra/pulls?state=open&per_page=100&page=2']);
    expect(server.seen[0]!.headers).toMatchObject({ authorization: 'token t0ken', 'user-agent': 'deploy-guard/test', accept: 'application/vnd.github+json' });
  });

  it('imports node:http itself on a Node without process.getBuiltinModule (before 20.16)', async () => {
    const server = await serve((_req, res) => json(res, 200, [pull(7, [])]));
    const own = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule');
    Object.defineProperty(process, 'getBuiltinModule', { value: undefined, configurable: true, writable: true });
    try {
      const items = await plainPages(target(server.url), '/repos/acme/infra/pulls', {}, NO_PROXY_ENV);
      expect((items as { number: number }[]).map((item) => item.number)).toEqual([7]);
    } finally {
      if (own) Object.defineProperty(process, 'getBuiltinModule', own);
      else delete (process as { getBuiltinModule?: unknown }).getBuiltinModule;
    }
  });

  it('never sends the token to another origin', async () => {
    const elsewhere = await serve((_req, res) => json(res, 200, []));
    const server = await serve((_req, res) => json(res, 200, [pull(1, [])], { link: `<${elsewhere.url}/repos/acme/infra/pulls?page=2>; rel="next"` }));
    expect(await plainPages(target(server.url), '/repos/acme/infra/pulls', {}, NO_PROXY_ENV)).toBeUndefined();
    expect(elsewhere.seen).toEqual([]);
  });

  it('answers nothing for a status other than 200, a body that is not a JSON array, or no answer in time', async () => {
    for (const answer of [
      (res: ServerResponse) => json(res, 500, { message: 'oops' }),
      (res: ServerResponse) => json(res, 403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '1' }),
      (res: ServerResponse) => json(res, 301, {}, { location: 'https://example.com/' }),
      (res: ServerResponse) => json(res, 200, { message: 'not a list' }),
      (res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('[{"number": 1');
      },
    ]) {
      const server = await serve((_req, res) => answer(res));
      expect(await plainPages(target(server.url), '/repos/acme/infra/pulls', {}, NO_PROXY_ENV)).toBeUndefined();
      expect(server.seen).toHaveLength(1);
    }
    const silent = await serve(() => undefined);
    expect(await plainPages(target(silent.url), '/repos/acme/infra/pulls', {}, { env: {}, timeoutMs: 200 })).toBeUndefined();
  });

  it('leaves a run behind a proxy to Octokit without a request', async () => {
    const server = await serve((_req, res) => json(res, 200, []));
    for (const env of [{ http_proxy: 'http://proxy:3128' }, { HTTP_PROXY: 'http://proxy:3128' }]) {
      expect(await plainPages(target(server.url), '/repos/acme/infra/pulls', {}, { env })).toBeUndefined();
    }
    // An https proxy is not one for an http API URL (nor the other way round).
    expect(await plainPages(target(server.url), '/repos/acme/infra/pulls', {}, { env: { HTTPS_PROXY: 'http://proxy:3128' } })).toEqual([]);
    expect(server.seen).toHaveLength(1);
    expect(await plainPages(target('https://api.github.invalid'), '/x', {}, { env: { https_proxy: 'http://proxy:3128' } })).toBeUndefined();
  });
});

describe('openPullsWithLabel', () => {
  it('answers a plain success itself: one request, without Octokit', async () => {
    const server = await serve((_req, res) => json(res, 200, [pull(1, ['applied']), pull(2, ['other']), pull(3, ['applied', 'x'])]));
    const pulls = await createGitHubApi(target(server.url), NO_PROXY_ENV).openPullsWithLabel('applied');
    expect(pulls).toEqual([
      { number: 1, title: 'PR 1', createdAt: '2026-01-01T00:00:00Z', url: 'https://github.com/acme/infra/pull/1', labels: ['applied'] },
      { number: 3, title: 'PR 3', createdAt: '2026-01-01T00:00:00Z', url: 'https://github.com/acme/infra/pull/3', labels: ['applied', 'x'] },
    ]);
    expect(server.seen.map((request) => request.headers['user-agent'])).toEqual(['deploy-guard/test']);
  });

  it('asks Octokit when the plain GET fails, and answers what Octokit answers', async () => {
    let first = true;
    const server = await serve((_req, res) => {
      if (first) json(res, 502, { message: 'Bad Gateway' });
      else json(res, 200, [pull(4, ['applied'])]);
      first = false;
    });
    const pulls = await createGitHubApi(target(server.url), NO_PROXY_ENV).openPullsWithLabel('applied');
    expect(pulls.map((found) => found.number)).toEqual([4]);
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]!.headers['user-agent']).toMatch(/^deploy-guard\/test octokit/);
  });

  it('asks Octokit when a listed item is not a pull request as expected, and its failure is the error', async () => {
    const server = await serve((_req, res) => json(res, 200, [{ number: 1, title: 'no labels' }]));
    await expect(createGitHubApi(target(server.url), NO_PROXY_ENV).openPullsWithLabel('applied')).rejects.toThrow();
    expect(server.seen).toHaveLength(2);
    const denied = await serve((_req, res) => json(res, 403, { message: 'Resource not accessible by integration' }));
    await expect(createGitHubApi(target(denied.url), NO_PROXY_ENV).openPullsWithLabel('applied')).rejects.toMatchObject({ status: 403 });
  });
});
