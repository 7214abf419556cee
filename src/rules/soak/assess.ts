// Pure: how long the evidence proves an AMI served the previous environment, and what that means.
// Any listed source suffices (a source that shows nothing is no counter-evidence); with
// `evidence-mode: all` every listed source must prove it. A read that failed always blocks.
import type { EvidenceFailure, ServedInterval, SoakCase, SoakSource, SourceReading } from '../../facts/types.js';
import type { Evidence } from '../../model.js';

export interface ProvenSoak {
  source: SoakSource;
  interval: ServedInterval;
  /** Time served before it reached N (or before now). */
  servedMs: number;
  /** End of the counted stretch: when it stopped serving N-1, when it reached N, or now. */
  until: number;
}

export type SoakVerdict =
  | { state: 'soaked'; proofs: ProvenSoak[] }
  /** Served N-1, but not long enough. `allowedAt`: when the stretch still running reaches the soak (PR, preflight). */
  | { state: 'short'; best: ProvenSoak; allowedAt?: string }
  | { state: 'never'; silent: SoakSource[] }
  | { state: 'unknown'; failures: EvidenceFailure[]; gaps: { source?: SoakSource; text: string; fix: string }[] };

type SourceVerdict =
  | { kind: 'proves'; best: ProvenSoak }
  | { kind: 'short'; best: ProvenSoak; allowedAt?: number }
  | { kind: 'none' }
  | { kind: 'cannot-tell'; text: string; fix: string }
  | { kind: 'not-configured'; text: string; fix: string }
  | { kind: 'failed'; failures: EvidenceFailure[] };

export function isoTime(value: string | number | Date): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function judgeSource(reading: SourceReading, soakCase: SoakCase, now: Date): SourceVerdict {
  switch (reading.state) {
    case 'failed':
      return { kind: 'failed', failures: reading.failures };
    case 'not-configured':
      return { kind: 'not-configured', text: `${reading.source}: ${reading.summary}`, fix: reading.fix };
    case 'unavailable':
      return { kind: 'cannot-tell', text: `${reading.source}: ${reading.summary}`, fix: reading.fix };
    case 'nothing':
      return { kind: 'none' };
    case 'shown':
      break;
  }
  const until = soakCase.reachedAt ? Math.min(Date.parse(soakCase.reachedAt.at), now.getTime()) : now.getTime();
  let best: ProvenSoak | undefined;
  let openStart: ServedInterval | undefined;
  let allowedAt: number | undefined;
  for (const interval of reading.intervals) {
    const from = Date.parse(interval.from);
    if (!(from < until)) continue; // served N-1 only after it reached N: no soak
    const end = Math.min(interval.to ? Date.parse(interval.to) : until, until);
    const proven: ProvenSoak = { source: reading.source, interval, servedMs: Math.max(0, end - from), until: end };
    if (!best || proven.servedMs > best.servedMs) best = proven;
    if (interval.mayStartEarlier) openStart = interval;
    // Still serving N-1 and N not reached yet: allowed once this stretch reaches the soak.
    if (!interval.to && !soakCase.reachedAt) allowedAt = Math.min(allowedAt ?? Infinity, from + soakCase.requiredMs);
  }
  if (!best) return { kind: 'none' };
  if (best.servedMs >= soakCase.requiredMs) return { kind: 'proves', best };
  if (openStart) {
    return {
      kind: 'cannot-tell',
      text: `${reading.source}: ${openStart.what}; the history does not reach back to when it started`,
      fix: 'Let another listed source prove the soak (the pipeline tag deploy-guard:<env>-since, or git).',
    };
  }
  return { kind: 'short', best, ...(allowedAt !== undefined ? { allowedAt } : {}) };
}

function failuresOf(verdicts: SourceVerdict[]): EvidenceFailure[] {
  const seen = new Set<string>();
  const out: EvidenceFailure[] = [];
  for (const verdict of verdicts) {
    if (verdict.kind !== 'failed') continue;
    for (const failure of verdict.failures) if (!seen.has(failure.message) && seen.add(failure.message)) out.push(failure);
  }
  return out;
}

export function assessSoak(soakCase: SoakCase, mode: 'any' | 'all', now: Date): SoakVerdict {
  const verdicts = soakCase.readings.map((reading) => judgeSource(reading, soakCase, now));
  const failures = failuresOf(verdicts);
  if (failures.length > 0) return { state: 'unknown', failures, gaps: [] };

  const gaps = verdicts.flatMap((verdict) => (verdict.kind === 'cannot-tell' || verdict.kind === 'not-configured' ? [{ text: verdict.text, fix: verdict.fix }] : []));
  const proofs = verdicts.flatMap((verdict) => (verdict.kind === 'proves' ? [verdict.best] : []));
  const shorts = verdicts.flatMap((verdict) => (verdict.kind === 'short' ? [verdict] : []));
  const silent = soakCase.readings.filter((_, i) => verdicts[i]!.kind === 'none').map((reading) => reading.source);
  const reachedUnclear = soakCase.reachedAt?.mayBeEarlier
    ? [{ text: `it went live in ${soakCase.environment} at ${soakCase.reachedAt.at} or earlier (${soakCase.reachedAt.what})`, fix: `Let another source show when it went live in ${soakCase.environment} (launch-template versions, instance launch times, git).` }]
    : [];

  if (mode === 'all') {
    if (gaps.length > 0) return { state: 'unknown', failures: [], gaps: gaps.map((gap) => ({ ...gap, fix: `${gap.fix} With evidence-mode: all every listed source must prove the soak; or remove the source from evidence.` })) };
    if (verdicts.length > 0 && proofs.length === verdicts.length) return reachedUnclear.length > 0 ? { state: 'unknown', failures: [], gaps: reachedUnclear } : { state: 'soaked', proofs };
    if (silent.length > 0) return { state: 'never', silent };
    // Every source shows it, some too briefly: the weakest decides, and all must get there.
    const weakest = shorts.reduce((a, b) => (a.best.servedMs <= b.best.servedMs ? a : b));
    const allowed = shorts.every((verdict) => verdict.allowedAt !== undefined) ? Math.max(...shorts.map((verdict) => verdict.allowedAt!)) : undefined;
    return { state: 'short', best: weakest.best, ...(allowed !== undefined ? { allowedAt: isoTime(allowed) } : {}) };
  }

  if (proofs.length > 0) return reachedUnclear.length > 0 ? { state: 'unknown', failures: [], gaps: reachedUnclear } : { state: 'soaked', proofs };
  // Nothing proves it; a source that cannot tell might have: could not evaluate rather than a verdict.
  const cannotTell = verdicts.flatMap((verdict) => (verdict.kind === 'cannot-tell' ? [{ text: verdict.text, fix: verdict.fix }] : []));
  if (cannotTell.length > 0) return { state: 'unknown', failures: [], gaps: cannotTell };
  if (shorts.length > 0) {
    const best = shorts.reduce((a, b) => (a.best.servedMs >= b.best.servedMs ? a : b));
    const allowed = shorts.flatMap((verdict) => (verdict.allowedAt !== undefined ? [verdict.allowedAt] : []));
    return { state: 'short', best: best.best, ...(allowed.length > 0 ? { allowedAt: isoTime(Math.min(...allowed)) } : {}) };
  }
  if (verdicts.every((verdict) => verdict.kind === 'not-configured')) {
    return { state: 'unknown', failures: [], gaps: gaps.length > 0 ? gaps : [{ text: 'no evidence source is listed', fix: 'List sources under evidence.' }] };
  }
  return { state: 'never', silent };
}

/** What each source showed, as finding evidence. */
export function readingEvidence(soakCase: SoakCase): Evidence[] {
  return soakCase.readings.map((reading) => ({
    source: reading.source,
    text: `${soakCase.previous}: ${reading.state === 'shown' ? '' : `${reading.state === 'nothing' ? 'nothing' : reading.state}: `}${reading.summary}`,
  }));
}
