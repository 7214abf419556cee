import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  NODE_MAJOR,
  tieringFlags,
  tuneTiering
} from "./chunks/chunk-3OKPSYB4.js";
import "./chunks/chunk-WAXSGHYJ.js";

// src/index.ts
import { spawnSync as spawnSync2 } from "node:child_process";
import { fileURLToPath } from "node:url";

// src/reexec.ts
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
var LIFTOFF_ONLY = "--liftoff-only";
var SEMI_SPACE = "--max-semi-space-size=8";
function secondProcessFlags(env, execArgv, nodeMajor = NODE_MAJOR) {
  const chosen = [env.NODE_OPTIONS ?? "", ...execArgv].some((flags) => /--max[-_]semi[-_]space[-_]size/.test(flags));
  return [LIFTOFF_ONLY, ...chosen ? [] : [SEMI_SPACE], ...tieringFlags(nodeMajor, execArgv)];
}
var DOCUMENTATION = /\.(?:md|markdown|mdx|rst|adoc|asciidoc|txt|png|jpe?g|gif|svg|webp|ico|pdf)$/i;
function isDocumentation(path) {
  return DOCUMENTATION.test(path);
}
function statedBase(payload) {
  const sha = payload?.pull_request?.base?.sha;
  return typeof sha === "string" && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha) ? sha : void 0;
}
function changedPathsSince(workspace, base) {
  const git = spawnSync("git", ["-c", "core.quotepath=off", "diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", `${base}...HEAD`, "--"], {
    cwd: workspace,
    encoding: "utf8",
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" },
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 5e3,
    maxBuffer: 64 * 1024 * 1024
  });
  if (git.error || git.status !== 0) return void 0;
  return git.stdout.split("\0").filter((path) => path !== "");
}
function wantsReexec(state) {
  const setting = state.env.DEPLOY_GUARD_REEXEC;
  if (setting === "0" || state.execArgv.includes(LIFTOFF_ONLY)) return false;
  if (setting === "1") return true;
  if (state.nodeMajor < 22) return false;
  const base = statedBase(state.payload);
  if (base === void 0) return true;
  const paths = state.changedPaths(base);
  return paths === void 0 || !paths.every(isDocumentation);
}
function currentEntryState() {
  const env = process.env;
  let payload;
  try {
    payload = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) : void 0;
  } catch {
    payload = void 0;
  }
  return {
    env,
    execArgv: process.execArgv,
    nodeMajor: NODE_MAJOR,
    payload,
    changedPaths: (base) => changedPathsSince(env.GITHUB_WORKSPACE || process.cwd(), base)
  };
}

// src/index.ts
async function main() {
  if (wantsReexec(currentEntryState())) {
    const child = spawnSync2(process.execPath, [...secondProcessFlags(process.env, process.execArgv), ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, DEPLOY_GUARD_REEXEC: "0" }
    });
    if (!child.error) {
      if (child.signal) process.kill(process.pid, child.signal);
      process.exitCode = child.status ?? 1;
      return;
    }
  }
  tuneTiering();
  const { run } = await import("./chunks/main-BKTEWNYG.js");
  await run();
}
await main();
//# sourceMappingURL=index.js.map
