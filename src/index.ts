// The action's entry point (GitHub runs `node dist/index.js`, with no flags). On Node 22+ a run that may parse
// runs in a second process started with --liftoff-only (reexec.ts says when and why), which gets stdio,
// arguments and environment, and whose exit status is this one's. Either way V8 optimises later than by default
// (tiering.ts): on Node 22+ by that process's flags, on Node 20 set here before the action loads.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { currentEntryState, secondProcessFlags, wantsReexec } from './reexec.js';
import { tuneTiering } from './tiering.js';

async function main(): Promise<void> {
  if (wantsReexec(currentEntryState())) {
    const child = spawnSync(process.execPath, [...secondProcessFlags(process.env, process.execArgv), ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
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
  tuneTiering();
  const { run } = await import('./main.js');
  await run();
}

await main();
