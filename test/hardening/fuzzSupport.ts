// Shared settings of the fuzz tests: one seed, the run counts (quoted in the README's Reliability section),
// token-soup arbitraries, and the one-second budget per case.
import fc from 'fast-check';
import { expect } from 'vitest';

export const SEED = 20_261_126;

export const RUNS = {
  shell: 300,
  shellNesting: 16,
  terraform: 300,
  terraformNesting: 16,
  config: 500,
  configJson: 300,
  documents: 500,
  paths: 2000,
  outcome: 1000,
} as const;

/** Text made of `tokens` (grammar fragments, hostile characters) in any order: it reaches deep into a parser. */
export function fragments(tokens: readonly string[], maxLength: number, separator = ''): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...tokens), { maxLength }).map((parts) => parts.join(separator));
}

const BUDGET_MS = 1000;

/**
 * Measures every case. The bound is on CPU time of this process: the suite runs beside other test files on a
 * shared machine, so wall time would measure the neighbours; the slowest wall time is kept for the report.
 */
export function withinASecond() {
  let worstCpuMs = 0;
  let worstWallMs = 0;
  const record = (cpu: NodeJS.CpuUsage, wall: number) => {
    const spent = process.cpuUsage(cpu);
    worstCpuMs = Math.max(worstCpuMs, (spent.user + spent.system) / 1000);
    worstWallMs = Math.max(worstWallMs, performance.now() - wall);
  };
  return {
    async measure<T>(work: () => Promise<T>): Promise<T> {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      try {
        return await work();
      } finally {
        record(cpu, wall);
      }
    },
    measureSync<T>(work: () => T): T {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      try {
        return work();
      } finally {
        record(cpu, wall);
      }
    },
    check(): { worstCpuMs: number; worstWallMs: number } {
      expect(worstCpuMs, `slowest case took ${worstCpuMs.toFixed(0)} ms of CPU (${worstWallMs.toFixed(0)} ms wall)`).toBeLessThan(BUDGET_MS);
      return { worstCpuMs, worstWallMs };
    },
  };
}
