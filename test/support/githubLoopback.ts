// A loopback GitHub REST API with just the routes deploy-guard calls; state is plain data the test builds.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  comments: string[];
  pull_request?: boolean;
  /** As GitHub lists them; issues the action opens are authored by github-actions[bot]. */
  user?: { login: string; type: 'User' | 'Bot' };
  author_association?: string;
}

export interface GitHubState {
  labelEvents?: Record<number, { label: string; actor: string; at: string }[]>;
  /** "org/team" → members */
  teams?: Record<string, string[]>;
  pulls?: { number: number; title: string; created_at: string; labels: string[] }[];
  issues?: FakeIssue[];
  /** Respond to the first N requests with a secondary rate limit (403 + retry-after: 0). */
  secondaryRateLimits?: number;
}

export interface GitHubLoopback {
  url: string;
  state: Required<Pick<GitHubState, 'issues'>> & GitHubState;
  requests: string[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startGitHubLoopback(initial: GitHubState = {}): Promise<GitHubLoopback> {
  const state = { issues: [], ...initial } as GitHubLoopback['state'];
  const requests: string[] = [];
  let limited = state.secondaryRateLimits ?? 0;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    requests.push(route);
    if (limited > 0) {
      limited--;
      send(res, 403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '0' });
      return;
    }
    let match: RegExpExecArray | null;
    if ((match = /^GET \/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/events$/.exec(route))) {
      const events = state.labelEvents?.[Number(match[1])] ?? [];
      send(res, 200, events.map((event, id) => ({ id, event: 'labeled', label: { name: event.label }, actor: { login: event.actor }, created_at: event.at })));
    } else if ((match = /^GET \/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(route))) {
      const members = state.teams?.[`${match[1]}/${match[2]}`];
      if (members?.includes(match[3]!)) send(res, 200, { state: 'active', role: 'member' });
      else send(res, 404, { message: 'Not Found' });
    } else if (/^GET \/repos\/[^/]+\/[^/]+\/pulls$/.test(route)) {
      send(res, 200, (state.pulls ?? []).map((pull) => ({ ...pull, html_url: `https://github.com/acme/infra/pull/${pull.number}`, labels: pull.labels.map((name) => ({ name })) })));
    } else if (/^GET \/repos\/[^/]+\/[^/]+\/issues$/.test(route)) {
      send(res, 200, state.issues.filter((issue) => issue.state === 'open').map((issue) => ({ ...issue, labels: issue.labels.map((name) => ({ name })), pull_request: issue.pull_request ? {} : undefined })));
    } else if (/^POST \/repos\/[^/]+\/[^/]+\/issues$/.test(route)) {
      const body = await readBody(req);
      const issue: FakeIssue = { number: 100 + state.issues.length, title: String(body.title), body: String(body.body ?? ''), state: 'open', labels: (body.labels as string[]) ?? [], comments: [], user: { login: 'github-actions[bot]', type: 'Bot' }, author_association: 'NONE' };
      state.issues.push(issue);
      send(res, 201, { number: issue.number });
    } else if ((match = /^PATCH \/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(route))) {
      const body = await readBody(req);
      const issue = state.issues.find((candidate) => candidate.number === Number(match![1]));
      if (!issue) return send(res, 404, { message: 'Not Found' });
      if (typeof body.body === 'string') issue.body = body.body;
      if (body.state === 'closed') issue.state = 'closed';
      send(res, 200, { number: issue.number });
    } else if ((match = /^POST \/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(route))) {
      const body = await readBody(req);
      state.issues.find((candidate) => candidate.number === Number(match![1]))?.comments.push(String(body.body));
      send(res, 201, { id: 1 });
    } else {
      send(res, 404, { message: `no route ${route}` });
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
