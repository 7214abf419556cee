/**
 * SSM Parameter Store facts: parameter history (soak evidence) and current values.
 * The read-only probe (SendCommand) lives in probe.ts and is re-exported here.
 */
import { GetParameterCommand, paginateGetParameterHistory } from '@aws-sdk/client-ssm';
import type { AwsSession } from './clients.js';
import { errorCode, evidenceError, toEvidenceError } from './errors.js';
import { collect } from './pages.js';

export { runProbe, validateProbeRequest, ProbeInputRejected, PROBE_SCRIPT, PROBE_DOCUMENT, PROBE_OUTPUT_LIMIT, buildProbeCommands, parseProbeOutput } from './probe.js';
export type { ProbeRequest, ProbeOptions, ProbeResult, ProbePathFact } from './probe.js';

/** SSM keeps this many versions of a parameter; older ones are deleted. */
export const SSM_HISTORY_KEPT = 100;

export interface ParameterVersion {
  version: number;
  value: string;
  modified: Date;
  user?: string;
}

export interface ParameterHistory {
  name: string;
  region: string;
  /** Kept versions, ascending by version number. */
  versions: ParameterVersion[];
  /**
   * Older versions may be gone, so the history may not reach back far enough: SSM keeps 100
   * versions. True when the oldest kept version is not version 1, or when 100 or more versions are
   * kept and version 1 is not among them. A history that reaches version 1 is complete.
   */
  possiblyTruncated: boolean;
}

export interface ValueInterval {
  from: Date;
  /** When the parameter stopped holding the value; undefined = it still does. */
  to?: Date;
  /**
   * The interval starts at the oldest version SSM still keeps *and* the history is possibly
   * truncated: the value may have been set earlier than `from` (the real start is unknown, `from`
   * is only the earliest provable time). False when `from` is the exact start.
   */
  fromIsOldestKept: boolean;
  /** (to ?? now) - from, in ms. */
  durationMs: number;
}

export interface ParameterValue {
  name: string;
  region: string;
  value: string;
  version: number;
  modified?: Date;
  type?: string;
}

function notFound(session: AwsSession, api: string, region: string, name: string, err: unknown) {
  return evidenceError(
    session.context('ssm', api, region, `parameter ${name}`),
    'not-found',
    `the parameter does not exist (${errorCode(err)})`,
    `check environments.${session.environment}.amis.ssm-parameters, the region and the account`,
    { cause: err },
  );
}

const PARAMETER_NOT_FOUND = new Set(['ParameterNotFound', 'ParameterVersionNotFound']);

/** Every kept version of a parameter (GetParameterHistory, all pages, WithDecryption false). */
export async function parameterHistory(session: AwsSession, region: string, name: string): Promise<ParameterHistory> {
  await session.ensureAccount();
  const client = session.ssm(region);
  const ctx = session.context('ssm', 'GetParameterHistory', region, `parameter ${name}`);
  let raw;
  try {
    raw = await collect(
      paginateGetParameterHistory({ client, stopOnSameToken: true, pageSize: 50 }, { Name: name, WithDecryption: false }),
      ctx,
      (p) => p.Parameters,
      { passThrough: (code) => PARAMETER_NOT_FOUND.has(code) },
    );
  } catch (err) {
    if (PARAMETER_NOT_FOUND.has(errorCode(err))) throw notFound(session, 'GetParameterHistory', region, name, err);
    throw err;
  }
  const byVersion = new Map<number, ParameterVersion>();
  for (const p of raw) {
    if (p.Version === undefined || p.Value === undefined || !(p.LastModifiedDate instanceof Date)) {
      throw evidenceError(ctx, 'unreadable', `a history entry came back without Version, Value or LastModifiedDate (version ${p.Version ?? '?'})`, 'rerun the workflow; report it if it persists');
    }
    byVersion.set(p.Version, {
      version: p.Version,
      value: p.Value,
      modified: p.LastModifiedDate,
      ...(p.LastModifiedUser !== undefined ? { user: p.LastModifiedUser } : {}),
    });
  }
  const versions = [...byVersion.values()].sort((a, b) => a.version - b.version);
  if (versions.length === 0) {
    throw evidenceError(ctx, 'unreadable', 'the parameter has no history at all', 'rerun the workflow; report it if it persists');
  }
  const oldest = versions[0]!.version;
  const possiblyTruncated = oldest > 1 || (versions.length >= SSM_HISTORY_KEPT && oldest !== 1);
  return { name, region, versions, possiblyTruncated };
}

/**
 * Periods during which the parameter held `value` (pure). Consecutive versions with the same value
 * form one period; a period ends when a version with another value was written.
 */
export function intervalsOf(history: ParameterHistory, value: string, now: Date): ValueInterval[] {
  const vs = [...history.versions].sort((a, b) => a.version - b.version);
  const out: ValueInterval[] = [];
  let start: number | undefined;
  for (let i = 0; i < vs.length; i++) {
    const v = vs[i]!;
    if (v.value !== value) continue;
    start ??= i;
    const next = vs[i + 1];
    if (next && next.value === value) continue;
    const from = vs[start]!.modified;
    const to = next?.modified;
    out.push({
      from,
      ...(to !== undefined ? { to } : {}),
      fromIsOldestKept: start === 0 && history.possiblyTruncated,
      durationMs: Math.max(0, (to ?? now).getTime() - from.getTime()),
    });
    start = undefined;
  }
  return out;
}

/** Current value of a parameter (GetParameter, WithDecryption false). */
export async function getParameter(session: AwsSession, region: string, name: string): Promise<ParameterValue> {
  await session.ensureAccount();
  const ctx = session.context('ssm', 'GetParameter', region, `parameter ${name}`);
  let out;
  try {
    out = await session.ssm(region).send(new GetParameterCommand({ Name: name, WithDecryption: false }));
  } catch (err) {
    if (PARAMETER_NOT_FOUND.has(errorCode(err))) throw notFound(session, 'GetParameter', region, name, err);
    throw toEvidenceError(err, ctx);
  }
  const p = out.Parameter;
  if (!p || p.Value === undefined || p.Version === undefined) {
    throw evidenceError(ctx, 'unreadable', 'GetParameter returned no value', 'rerun the workflow; report it if it persists');
  }
  return {
    name,
    region,
    value: p.Value,
    version: p.Version,
    ...(p.LastModifiedDate instanceof Date ? { modified: p.LastModifiedDate } : {}),
    ...(p.Type !== undefined ? { type: p.Type } : {}),
  };
}
