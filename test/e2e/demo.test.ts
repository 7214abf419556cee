// The README's main job must never rot: `npm run demo` replays every scene and exits 0.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('catches every link of the outage, scene by scene', () => {
    const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '../../examples/demo/run.mjs')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stdout).toContain('Every link of the chain was caught.');
    expect(run.status).toBe(0);
    for (const verdict of ['FAIL', 'PASS', 'OVERRIDDEN']) expect(run.stdout).toContain(`verdict: ${verdict}`);
  }, 120_000);
});
