// Preloaded into benchmarked Node processes (NODE_OPTIONS=--import): when the process exits, writes its
// peak resident set size (KiB, getrusage ru_maxrss) and its own CPU time (ms, user + system; child
// processes such as git not included) to DG_BENCH_RSS_FILE as JSON.
import { writeFileSync } from 'node:fs';

const out = process.env.DG_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage();
      writeFileSync(out, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) }));
    } catch {
      // The benchmark reports the figures as missing.
    }
  });
}
