// How eagerly V8 optimises the action's JavaScript. It imports nothing of the action.
//
// Above its interpreter V8 has quick tiers (Sparkplug; from Node 22 also Maglev) and TurboFan, which optimises
// a function slowly, on background threads, once it has run long enough. That threshold is made for
// long-lived pages and servers; the action lives seconds, on runners with two cores that its own threads
// already fill. A PR of every file on the bench repository sent 440 functions of its two threads to TurboFan
// on Node 20, and by per-thread CPU those compiles took about 1.2 s of the run's 3 s (BENCHMARKS.md, session 12).
// With a higher threshold only the functions that stay hot are optimised:
// - Node 20 and 21 (V8 11.x): `--interrupt-budget`, the bytecode a function runs before it is optimised, 16 ×
//   its default. Worst case 1.6 → 1.3 s, typical PR 368 → 331 ms, a 4× larger repository 5.0 → 4.4 s.
// - Node 22+ (V8 12+, which counts invocations instead, and has no such flag): `--invocation-count-for-turbofan`,
//   30 × its default. Worst case on Node 24 1.48 → 1.36 s, an audit 1.75 → 1.56 s, a 4× larger repository
//   4.7 → 4.3 s; the typical PR within the noise.
// On Node 22+ the flag goes on the second process's command line (reexec.ts), beside --liftoff-only, which has
// already cost that process Node's code cache. Node 20 has no second process: the entry points set it at
// run time, before the action loads (V8 reads it each time a function's budget is renewed). Node's documentation
// warns that a flag changed after start may do nothing or misbehave; this one only moves a threshold, every
// end-to-end test runs the bundled action with it, and the A/B runs show it taking effect. It also costs Node 20
// its code cache for the built-in modules loaded after it (10–15 ms of the main thread in a profiled large run).
import { setFlagsFromString } from 'node:v8';

/** Node 20/21: 16 × V8 11.3's default of 66 KB (--interrupt-budget=67584). 8–32 × measured the same; 64 × slower. */
export const INTERRUPT_BUDGET = 16 * 67_584;

/** Node 22+: 30 × V8's default of 3,000 (V8 12.4 to 14.1). 10 × gained less; no TurboFan at all, the same. */
export const TURBOFAN_INVOCATIONS = 30 * 3_000;

const FIRST_V8_COUNTING_INVOCATIONS = 22;

/** The major version of the Node running this process. */
export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** The V8 flag that sets the threshold on this Node; none when the process was started with its own. */
export function tieringFlags(nodeMajor: number, execArgv: readonly string[]): string[] {
  const [name, value] = nodeMajor >= FIRST_V8_COUNTING_INVOCATIONS ? ['invocation-count-for-turbofan', TURBOFAN_INVOCATIONS] : ['interrupt-budget', INTERRUPT_BUDGET];
  const spelled = new RegExp(`^--${name.replace(/-/g, '[-_]')}(?:=|$)`);
  return execArgv.some((flag) => spelled.test(flag)) ? [] : [`--${name}=${value}`];
}

let applied: readonly string[] = [];

/**
 * On Node 20 and 21, sets tieringFlags in this process (V8's flags are the process's: worker threads started
 * later share them). From Node 22 they are on the second process's command line instead, and a run that stays in
 * the first process (a change of documentation only) parses nothing.
 */
export function tuneTiering(): void {
  applied = NODE_MAJOR < FIRST_V8_COUNTING_INVOCATIONS ? tieringFlags(NODE_MAJOR, process.execArgv) : [];
  for (const flag of applied) setFlagsFromString(flag);
}

/** The flags tuneTiering set, for the debug log. */
export function tieringApplied(): readonly string[] {
  return applied;
}
