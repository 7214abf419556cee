// Durations as users write them in YAML and inputs: 24h, 90m, 2d, 1d12h, 45s, 1w.

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const WHOLE = /^(?:\d+[smhdw])+$/;
const PART = /(\d+)([smhdw])/g;

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return total > 0 ? total : undefined;
}

/** Human form used in messages: 3h 5m, 24h, 2d 6h, 45s. Under three days in hours, as soak times are written. */
export function formatDuration(ms: number): string {
  const negative = ms < 0;
  let rest = Math.round(Math.abs(ms) / 60_000) * 60_000;
  if (rest === 0) return Math.abs(ms) < 60_000 ? `${Math.round(Math.abs(ms) / 1000)}s` : '0m';
  const units = rest < 3 * UNIT_MS.d ? ([['h', UNIT_MS.h], ['m', UNIT_MS.m]] as const) : ([['d', UNIT_MS.d], ['h', UNIT_MS.h], ['m', UNIT_MS.m]] as const);
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return (negative ? '-' : '') + parts.join(' ');
}
