// The action's entry point (GitHub runs `node dist/index.js`, with no flags).
//
// From Node 22 on, V8 reads its wasm tiering flags once, at start-up: the Liftoff-only window around the
// bash grammar's load (parse/grammars.ts) no longer keeps its 160 KB lexer away from the optimising
// compiler, and the process waits for that compile when it exits (0.6 s of a typical PR on Node 24).
// For a pull request of ordinary size the entry point therefore starts the action once more with
// --liftoff-only, passing stdio, arguments, environment and exit status through. A large change keeps this
// process: there the optimising compiler's speed on the HCL grammar and the tree-sitter runtime is worth
// more than the wait (BENCHMARKS.md). DEPLOY_GUARD_REEXEC=0 always runs here; =1 always re-executes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { statedChangedFiles } from './changedFiles.js';

const FLAG = '--liftoff-only';
/** Changed files up to which a pull request is "ordinary": its run is short enough for the wait to matter. */
const ORDINARY_CHANGE = 300;

function changedFiles(): number | undefined {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  try {
    return statedChangedFiles(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined; // the action reads the event itself and reports what is wrong with it
  }
}

function wantsReexec(): boolean {
  const setting = process.env.DEPLOY_GUARD_REEXEC;
  if (setting === '0' || process.execArgv.includes(FLAG)) return false;
  if (setting === '1') return true;
  if (Number(process.versions.node.split('.')[0]) < 22) return false;
  const changed = changedFiles();
  return changed !== undefined && changed <= ORDINARY_CHANGE;
}

async function main(): Promise<void> {
  if (wantsReexec()) {
    const child = spawnSync(process.execPath, [FLAG, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, DEPLOY_GUARD_REEXEC: '0' },
    });
    if (!child.error) {
      if (child.signal) process.kill(process.pid, child.signal);
      process.exitCode = child.status ?? 1;
      return;
    }
    // No second process could start: run here, only slower to exit.
  }
  const { run } = await import('./main.js');
  await run();
}

await main();
