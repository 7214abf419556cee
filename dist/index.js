import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  statedChangedFiles
} from "./chunks/chunk-3HOF5KPL.js";
import "./chunks/chunk-WAXSGHYJ.js";

// src/index.ts
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
var FLAG = "--liftoff-only";
var ORDINARY_CHANGE = 300;
function changedFiles() {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return void 0;
  try {
    return statedChangedFiles(JSON.parse(readFileSync(path, "utf8")));
  } catch {
    return void 0;
  }
}
function wantsReexec() {
  const setting = process.env.DEPLOY_GUARD_REEXEC;
  if (setting === "0" || process.execArgv.includes(FLAG)) return false;
  if (setting === "1") return true;
  if (Number(process.versions.node.split(".")[0]) < 22) return false;
  const changed = changedFiles();
  return changed !== void 0 && changed <= ORDINARY_CHANGE;
}
async function main() {
  if (wantsReexec()) {
    const child = spawnSync(process.execPath, [FLAG, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, DEPLOY_GUARD_REEXEC: "0" }
    });
    if (!child.error) {
      if (child.signal) process.kill(process.pid, child.signal);
      process.exitCode = child.status ?? 1;
      return;
    }
  }
  const { run } = await import("./chunks/main-3UQKSI3E.js");
  await run();
}
await main();
//# sourceMappingURL=index.js.map
