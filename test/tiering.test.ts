// The V8 tiering the action runs with (src/tiering.ts): set at start on Node 20, on the second process's command
// line on Node 22+. That the bundled entry applies it is checked end to end in e2e/entry.test.ts (its debug line);
// what it gains is measured by `npm run bench` (BENCHMARKS.md).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { INTERRUPT_BUDGET, TURBOFAN_INVOCATIONS, tieringFlags } from '../src/tiering.js';

describe('tieringFlags', () => {
  it('raises the interrupt budget on Node 20 and 21, sixteen times V8 11.3’s default', () => {
    expect(INTERRUPT_BUDGET).toBe(1_081_344);
    expect(tieringFlags(20, [])).toEqual(['--interrupt-budget=1081344']);
    expect(tieringFlags(21, ['--enable-source-maps'])).toEqual(['--interrupt-budget=1081344']);
  });

  it('raises the TurboFan invocation count from Node 22 on, where V8 counts invocations and has no budget flag', () => {
    expect(TURBOFAN_INVOCATIONS).toBe(90_000);
    expect(tieringFlags(22, [])).toEqual(['--invocation-count-for-turbofan=90000']);
    expect(tieringFlags(24, ['--liftoff-only'])).toEqual(['--invocation-count-for-turbofan=90000']);
  });

  it('keeps a threshold the process was started with, in either spelling', () => {
    expect(tieringFlags(20, ['--interrupt-budget=4096'])).toEqual([]);
    expect(tieringFlags(20, ['--interrupt_budget=4096'])).toEqual([]);
    expect(tieringFlags(20, ['--interrupt-budget-for-feedback-allocation=100'])).toEqual(['--interrupt-budget=1081344']);
    expect(tieringFlags(24, ['--invocation-count-for-turbofan=10'])).toEqual([]);
    expect(tieringFlags(24, ['--invocation-count-for-turbofan-osr=10'])).toEqual(['--invocation-count-for-turbofan=90000']);
    // Each Node's V8 has only its own flag: the other one is no threshold the user set.
    expect(tieringFlags(24, ['--interrupt-budget=4096'])).toEqual(['--invocation-count-for-turbofan=90000']);
  });

  it('chooses only flags that the V8 of the Node running the tests knows (an unknown one prints an error)', () => {
    const flags = tieringFlags(Number(process.versions.node.split('.')[0]), []);
    expect(flags).toHaveLength(1);
    // At run time (Node 20) and on the command line (the second process, Node 22+).
    const child = spawnSync(process.execPath, ['-e', `const v8 = require('node:v8'); for (const flag of ${JSON.stringify(flags)}) v8.setFlagsFromString(flag);`], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const started = spawnSync(process.execPath, [...flags, '-e', '0'], { encoding: 'utf8' });
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    // The check itself sees an unknown flag.
    const unknown = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString('--no-such-flag-in-v8=1')`], { encoding: 'utf8' });
    expect(unknown.stderr).toMatch(/unrecognized flag/);
  });
});
