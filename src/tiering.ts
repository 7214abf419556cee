// How eagerly V8 optimises the action's JavaScript on Node 20 (and 21), set by the entry points before the
// action loads. It imports nothing of the action.
//
// Node 20's V8 (11.3) has two tiers above the interpreter: Sparkplug, which compiles a function quickly into
// plain machine code, and TurboFan, which optimises it slowly on background threads. A function goes to
// TurboFan once it has run `--interrupt-budget` bytes of bytecode (66 KB by default), a threshold made for
// long-lived pages and servers. The action lives a few seconds: a PR of every file on the bench repository
// optimised 440 functions in its two threads, and those compiles took about 1.2 s of its 3 s of CPU, on the
// same two cores as the analyses they were meant to speed up (BENCHMARKS.md, session 12). With 16 times the
// budget only the functions that stay hot are optimised: the same run 1.6 → 1.3 s, a 4× larger repository
// 5.0 → 4.4 s, a typical PR 357 → 331 ms. From Node 22, V8 has Maglev, a mid tier, and counts invocations
// instead; the flag no longer exists there (setting it prints an error), so nothing is changed.
import { setFlagsFromString } from 'node:v8';

/** 16 × V8 11.3's default of 66 KB (--interrupt-budget=67584). 8–32 × measured the same; 64 × slower. */
export const INTERRUPT_BUDGET = 16 * 67_584;

/** The V8 flags to set in this process: none from Node 22 on, or when the process was started with its own budget. */
export function tieringFlags(nodeMajor: number, execArgv: readonly string[]): string[] {
  if (nodeMajor >= 22) return [];
  if (execArgv.some((flag) => /^--interrupt[-_]budget(?:=|$)/.test(flag))) return [];
  return [`--interrupt-budget=${INTERRUPT_BUDGET}`];
}

let applied: readonly string[] = [];

/** Sets tieringFlags in this process (V8's flags are the process's: worker threads started later share them). */
export function tuneTiering(): void {
  applied = tieringFlags(Number(process.versions.node.split('.')[0]), process.execArgv);
  for (const flag of applied) setFlagsFromString(flag);
}

/** The flags tuneTiering set, for the debug log. */
export function tieringApplied(): readonly string[] {
  return applied;
}
