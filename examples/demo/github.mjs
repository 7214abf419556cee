// The few GitHub API routes the demo's scenes need, on a loopback port: label events and open PRs.
import { createServer } from 'node:http';

export async function startGitHub(state) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const events = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/events$/.exec(url.pathname);
    if (req.method === 'GET' && events) {
      return reply(200, (state.labelEvents[events[1]] ?? []).map((event, id) => ({ id, event: 'labeled', label: { name: event.label }, actor: { login: event.actor }, created_at: event.at })));
    }
    if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls$/.test(url.pathname)) {
      return reply(200, state.openPulls.map((pull) => ({ ...pull, html_url: `https://github.com/acme/infra/pull/${pull.number}`, labels: pull.labels.map((name) => ({ name })) })));
    }
    return reply(404, { message: 'Not Found' });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) };
}
