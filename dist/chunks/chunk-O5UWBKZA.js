import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);

// src/facts/github.ts
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

// src/facts/githubPlain.ts
var TIMEOUT_MS = 15e3;
var MAX_PAGES = 50;
async function plainPages(target, path, query, options = {}) {
  let url;
  try {
    url = new URL(`${(target.baseUrl ?? "https://api.github.com").replace(/\/+$/, "")}${path}?${new URLSearchParams(query).toString()}`);
  } catch {
    return void 0;
  }
  const origin = url.origin;
  if (url.protocol !== "https:" && url.protocol !== "http:" || proxied(url, options.env ?? process.env)) return void 0;
  const items = [];
  for (let page = 0; url; page++) {
    if (page === MAX_PAGES) return void 0;
    const answer = await get(url, target, options.timeoutMs ?? TIMEOUT_MS);
    if (!answer) return void 0;
    let parsed;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      return void 0;
    }
    if (!Array.isArray(parsed)) return void 0;
    items.push(...parsed);
    const next = nextPage(answer.link);
    if (next === null) return void 0;
    url = next;
    if (url && url.origin !== origin) return void 0;
  }
  return items;
}
function proxied(url, env) {
  const names = url.protocol === "https:" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy", "HTTP_PROXY"];
  return names.some((name) => (env[name] ?? "").trim() !== "");
}
function nextPage(link) {
  if (!link) return void 0;
  const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(link);
  if (!match) return void 0;
  try {
    return new URL(match[1]);
  } catch {
    return null;
  }
}
async function requester(protocol) {
  if (protocol === "https:") return (process.getBuiltinModule?.("node:https") ?? await import("node:https")).request;
  return (process.getBuiltinModule?.("node:http") ?? await import("node:http")).request;
}
async function get(url, target, timeoutMs) {
  const request = await requester(url.protocol);
  const options = {
    method: "GET",
    headers: { accept: "application/vnd.github+json", authorization: `token ${target.token}`, "user-agent": target.userAgent }
  };
  return new Promise((resolve) => {
    const done = (value) => {
      clearTimeout(timer);
      resolve(value);
    };
    const req = request(url, options, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        done(void 0);
        return;
      }
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        const link = res.headers.link;
        done({ body: Buffer.concat(chunks).toString("utf8"), link: Array.isArray(link) ? link.join(", ") : link });
      });
      res.on("error", () => done(void 0));
    });
    const timer = setTimeout(() => {
      req.destroy();
      done(void 0);
    }, timeoutMs);
    req.on("error", () => done(void 0));
    req.end();
  });
}

// src/facts/github.ts
function createGitHubApi(target, plain = {}) {
  let api;
  const octokit = apiThrough(async (method, args) => {
    const client = await (api ??= clientFor(target));
    return client[method].apply(client, args);
  });
  return {
    ...octokit,
    async openPullsWithLabel(label) {
      const pulls = await plainPages(target, `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/pulls`, { state: "open", per_page: "100" }, plain);
      return pulls?.every(isListedPull) ? pullsLabelled(pulls, label) : octokit.openPullsWithLabel(label);
    }
  };
}
function isListedPull(value) {
  const pull = value;
  return typeof pull === "object" && pull !== null && typeof pull.number === "number" && typeof pull.title === "string" && typeof pull.created_at === "string" && typeof pull.html_url === "string" && Array.isArray(pull.labels) && pull.labels.every((l) => typeof l === "object" && l !== null);
}
function pullsLabelled(pulls, label) {
  return pulls.filter((pull) => pull.labels.some((l) => l.name === label)).map((pull) => ({ number: pull.number, title: pull.title, createdAt: pull.created_at, url: pull.html_url, labels: pull.labels.map((l) => l.name ?? "") }));
}
function apiThrough(call) {
  const via = (method) => (...args) => call(method, args);
  return {
    labelEvents: via("labelEvents"),
    isTeamMember: via("isTeamMember"),
    openPullsWithLabel: via("openPullsWithLabel"),
    findOpenIssueWithMarker: via("findOpenIssueWithMarker"),
    createIssue: via("createIssue"),
    updateIssue: via("updateIssue"),
    commentOnIssue: via("commentOnIssue"),
    closeIssue: via("closeIssue")
  };
}
async function clientFor(target) {
  const script = workerScript();
  if (script) {
    try {
      return threadClient(script, target);
    } catch {
    }
  }
  return (await import("./githubOctokit-QIDYUN57.js")).octokitApi(target);
}
function workerScript() {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, "githubWorker.js"), join(here, "..", "githubWorker.js")].find((candidate) => existsSync(candidate));
}
function threadClient(script, target) {
  const { log, ...plain } = target;
  const worker = new Worker(script, { workerData: { target: plain } });
  worker.unref();
  const pending = /* @__PURE__ */ new Map();
  let next = 1;
  let stopped;
  const failAll = (error) => {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker.unref();
  };
  worker.on("message", (answer) => {
    if ("log" in answer) {
      log?.(answer.log);
      return;
    }
    const call = pending.get(answer.id);
    if (!call) return;
    pending.delete(answer.id);
    if (pending.size === 0) worker.unref();
    if (answer.ok) call.resolve(answer.value);
    else call.reject(Object.assign(new Error(answer.message), answer.status === void 0 ? {} : { status: answer.status }));
  });
  worker.on("error", (error) => failAll(error instanceof Error ? error : new Error(String(error))));
  worker.on("exit", (code) => failAll(new Error(`the GitHub client thread stopped (exit code ${code})`)));
  return apiThrough(
    (method, args) => new Promise((resolve, reject) => {
      if (stopped) {
        reject(stopped);
        return;
      }
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, method, args });
    })
  );
}

export {
  createGitHubApi,
  pullsLabelled
};
//# sourceMappingURL=chunk-O5UWBKZA.js.map
