// Preloaded into benchmarked Node processes (NODE_OPTIONS=--import): when the process exits, appends a line
// with its peak resident set size (KiB, getrusage ru_maxrss) and its own CPU time (ms, user + system; child
// processes such as git not included) to DG_BENCH_RSS_FILE as JSON. The action's second process (Node 22+,
// src/reexec.ts) inherits NODE_OPTIONS and appends its own line: the harness takes the largest peak and the
// sum of the CPU times.
import { appendFileSync } from 'node:fs';

const out = process.env.DG_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage();
      appendFileSync(out, `${JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) })}\n`);
    } catch {
      // The benchmark reports the figures as missing.
    }
  });
}
