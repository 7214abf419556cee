/**
 * Read-only image probe over SSM Run Command (DESIGN §5.2).
 *
 * For exactly the absolute paths and bare command names that deploy scripts use, it asks one
 * instance running the AMI: does the path exist, is it an executable file, and what does
 * `command -v` resolve a name (or a missing path's basename) to under the scripts' PATH.
 *
 * Why this is safe although the paths come from the repository:
 *
 * 1. Every path, name and PATH segment is checked against a strict allow-list BEFORE any AWS call
 *    ({@link validateProbeRequest}); anything else throws {@link ProbeInputRejected} and nothing is
 *    sent. Allowed characters are only `A-Z a-z 0-9 . _ + - /` (and `:` between PATH segments): no
 *    quote, backslash, `$`, backtick, whitespace, newline, `;`, `&`, `|`, `<`, `>`, `(`, `)`, `*`,
 *    `?`, `[`, `~`, `#` or `=`. `..` segments are refused.
 * 2. The script text is the constant {@link PROBE_SCRIPT}. AWS-RunShellScript only takes a list of
 *    command lines, so the data follows the script as lines of exactly one form,
 *    `dg_path '<path>'`, `dg_name '<name>'` and `DG_RUN_PATH='<p1>:<p2>'`: a validated value inside
 *    single quotes. In POSIX sh nothing inside single quotes is interpreted, and a validated value
 *    cannot contain a single quote or a newline, so each data line is one call of a fixed function
 *    with one literal argument (or one literal assignment) — it can never become code.
 * 3. The functions only use their argument double-quoted, in `[ -e ]`, `[ -f ]`, `[ -x ]`,
 *    `[ -h ]`, `command -v --` and `printf '%s'`: it is never evaluated, never executed, and paths
 *    always start with `/`, so they cannot be taken for options. Nothing is written on the instance.
 */
import { GetCommandInvocationCommand, SendCommandCommand, type GetCommandInvocationCommandOutput } from '@aws-sdk/client-ssm';
import type { AwsSession } from './clients.js';
import { AwsEvidenceError, errorCode, evidenceError, toEvidenceError } from './errors.js';

export const PROBE_DOCUMENT = 'AWS-RunShellScript';
/** SSM returns at most this many characters of StandardOutputContent (the rest is cut off). */
export const PROBE_OUTPUT_LIMIT = 24_000;
/** Estimated output per SendCommand is kept below this, so real output never reaches the limit. */
export const PROBE_OUTPUT_BUDGET = 20_000;
/** Data lines per SendCommand are kept below this many characters. */
export const PROBE_INPUT_BUDGET = 24_000;
export const PROBE_LIMITS = { paths: 500, names: 500, pathLength: 512, nameLength: 128, runPathSegments: 32 } as const;

const PATH_RE = /^\/[A-Za-z0-9._+\-/]+$/;
const NAME_RE = /^[A-Za-z0-9._+-]+$/;
const INSTANCE_RE = /^m?i-[0-9a-f]{8,17}$/;

/** The fixed probe script (POSIX sh). Data lines are appended after it; see the module comment. */
export const PROBE_SCRIPT: readonly string[] = Object.freeze([
  '# deploy-guard read-only probe v1: tests paths and resolves names; reads only, writes nothing',
  'dg_n=0',
  'dg_lookup() { ( unset -f dg_lookup dg_path dg_name dg_end 2>/dev/null; PATH=$DG_RUN_PATH; command -v -- "$1" ) 2>/dev/null || :; }',
  'dg_path() {',
  '  dg_n=$((dg_n + 1))',
  '  if [ -f "$1" ] && [ -x "$1" ]; then dg_s=x',
  '  elif [ -e "$1" ] || [ -h "$1" ]; then dg_s=f',
  '  else dg_s=-',
  '  fi',
  '  dg_alt=',
  '  if [ "$dg_s" != x ]; then dg_alt=$(dg_lookup "${1##*/}"); fi',
  "  printf 'P\\t%s\\t%s\\t%s\\n' \"$1\" \"$dg_s\" \"$dg_alt\"",
  '}',
  'dg_name() {',
  '  dg_n=$((dg_n + 1))',
  "  printf 'N\\t%s\\t%s\\n' \"$1\" \"$(dg_lookup \"$1\")\"",
  '}',
  "dg_end() { printf 'DG-PROBE\\tEND\\t%s\\n' \"$dg_n\"; }",
  "printf 'DG-PROBE\\tBEGIN\\t1\\n'",
]);

export interface ProbeRequest {
  /** Absolute paths the scripts execute. */
  paths: string[];
  /** Bare command names the scripts execute. */
  names: string[];
  /** PATH the scripts run with (`/usr/local/bin:/usr/bin:…`). */
  runPath: string;
}

export interface ProbeOptions {
  /** Delay between GetCommandInvocation polls. Default 2 000 ms. */
  pollMs?: number;
  /** Give up after this long (counted as polls × pollMs). Default 120 000 ms. */
  timeoutMs?: number;
  /** Injectable sleep (tests). */
  sleep?: (ms: number) => Promise<void>;
  /** Seconds the script may run on the instance (AWS-RunShellScript executionTimeout). Default 60. */
  executionTimeoutSeconds?: number;
}

export interface ProbePathFact {
  exists: boolean;
  /** An executable regular file (after following symlinks). */
  executable: boolean;
  /**
   * When the path is not executable: where its basename resolves under the run PATH
   * (`/usr/bin/aws` missing → `/usr/local/bin/aws`), or null when nowhere.
   */
  foundOnPath?: string | null;
}

export interface ProbeResult {
  instanceId: string;
  paths: Map<string, ProbePathFact>;
  /** Resolved path per name, null when it does not resolve. A value without `/` is a shell builtin. */
  names: Map<string, string | null>;
  /** SendCommand command ids (one per chunk). */
  commandIds: string[];
}

/** Input refused by the allow-list. A security finding, not missing evidence: no call was made. */
export class ProbeInputRejected extends Error {
  override readonly name = 'ProbeInputRejected';
  constructor(
    readonly field: 'paths' | 'names' | 'runPath' | 'instanceId',
    readonly value: string,
    readonly rule: string,
  ) {
    super(`probe input refused (${field} ${JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value)}): ${rule}; nothing was sent to the instance`);
  }
}

function checkPath(field: 'paths' | 'runPath', p: string): void {
  if (typeof p !== 'string' || !PATH_RE.test(p)) {
    throw new ProbeInputRejected(field, String(p), 'only absolute paths of the characters A-Z a-z 0-9 . _ + - / are probed');
  }
  if (p.length > PROBE_LIMITS.pathLength) throw new ProbeInputRejected(field, p, `paths longer than ${PROBE_LIMITS.pathLength} characters are not probed`);
  if (p.split('/').includes('..')) throw new ProbeInputRejected(field, p, 'paths with `..` segments are not probed');
}

/** Validate everything (throws ProbeInputRejected); returns the deduplicated request. */
export function validateProbeRequest(instanceId: string, request: ProbeRequest): { paths: string[]; names: string[]; runPath: string[] } {
  if (typeof instanceId !== 'string' || !INSTANCE_RE.test(instanceId)) {
    throw new ProbeInputRejected('instanceId', String(instanceId), 'not an EC2 instance id (i-…)');
  }
  if (!Array.isArray(request.paths) || !Array.isArray(request.names) || typeof request.runPath !== 'string') {
    throw new ProbeInputRejected('paths', '', 'paths and names must be lists and runPath a string');
  }
  const paths = [...new Set(request.paths)];
  const names = [...new Set(request.names)];
  if (paths.length > PROBE_LIMITS.paths) throw new ProbeInputRejected('paths', `${paths.length} paths`, `at most ${PROBE_LIMITS.paths} paths per probe`);
  if (names.length > PROBE_LIMITS.names) throw new ProbeInputRejected('names', `${names.length} names`, `at most ${PROBE_LIMITS.names} names per probe`);
  for (const p of paths) checkPath('paths', p);
  for (const n of names) {
    if (typeof n !== 'string' || !NAME_RE.test(n)) {
      throw new ProbeInputRejected('names', String(n), 'only command names of the characters A-Z a-z 0-9 . _ + - are probed');
    }
    if (n.length > PROBE_LIMITS.nameLength) throw new ProbeInputRejected('names', n, `names longer than ${PROBE_LIMITS.nameLength} characters are not probed`);
    if (/^\.+$/.test(n)) throw new ProbeInputRejected('names', n, '`.` and `..` are not command names');
  }
  const runPath = request.runPath.split(':');
  if (runPath.length > PROBE_LIMITS.runPathSegments) {
    throw new ProbeInputRejected('runPath', request.runPath, `at most ${PROBE_LIMITS.runPathSegments} PATH entries`);
  }
  for (const seg of runPath) checkPath('runPath', seg); // also refuses empty entries (= current directory)
  return { paths, names, runPath };
}

interface Entry {
  kind: 'P' | 'N';
  value: string;
}

/** Lines sent as the `commands` parameter: the fixed script, then quoted data lines. */
export function buildProbeCommands(entries: Entry[], runPath: string[]): string[] {
  // Every value here passed validateProbeRequest: no `'`, no newline (see module comment).
  const data = entries.map((e) => (e.kind === 'P' ? `dg_path '${e.value}'` : `dg_name '${e.value}'`));
  return [...PROBE_SCRIPT, `DG_RUN_PATH='${runPath.join(':')}'`, ...data, 'dg_end'];
}

/** Split entries so that neither the command nor its worst-case output gets near SSM's limits. */
function chunkEntries(entries: Entry[], runPath: string[]): Entry[][] {
  const longestDir = Math.max(...runPath.map((s) => s.length));
  const chunks: Entry[][] = [];
  let cur: Entry[] = [];
  let out = 64;
  let input = 0;
  for (const e of entries) {
    const base = e.kind === 'P' ? e.value.slice(e.value.lastIndexOf('/') + 1) : e.value;
    const resolved = Math.max(longestDir + 1 + base.length, base.length);
    const o = 8 + e.value.length + resolved;
    const i = 12 + e.value.length;
    if (cur.length > 0 && (out + o > PROBE_OUTPUT_BUDGET || input + i > PROBE_INPUT_BUDGET)) {
      chunks.push(cur);
      cur = [];
      out = 64;
      input = 0;
    }
    cur.push(e);
    out += o;
    input += i;
  }
  if (cur.length > 0) chunks.push(cur);
  return chunks;
}

/** Parse the probe output; `{ error }` when it is not complete or not as expected. */
export function parseProbeOutput(
  output: string,
  entries: Entry[],
): { paths: Map<string, ProbePathFact>; names: Map<string, string | null> } | { error: string } {
  const lines = output.split('\n');
  const begin = lines.indexOf('DG-PROBE\tBEGIN\t1');
  if (begin < 0) return { error: 'the probe output has no start marker' };
  const endIdx = lines.findIndex((l, i) => i > begin && l.startsWith('DG-PROBE\tEND\t'));
  if (endIdx < 0) return { error: 'the probe output has no end marker (cut off)' };
  const count = Number(lines[endIdx]!.split('\t')[2]);
  if (count !== entries.length) return { error: `the probe checked ${lines[endIdx]!.split('\t')[2]} entries, ${entries.length} were sent` };
  const paths = new Map<string, ProbePathFact>();
  const names = new Map<string, string | null>();
  for (const line of lines.slice(begin + 1, endIdx)) {
    const f = line.split('\t');
    if (f[0] === 'P' && f.length === 4) {
      const [, p, s, alt] = f as [string, string, string, string];
      if (s !== 'x' && s !== 'f' && s !== '-') return { error: `unexpected probe line ${JSON.stringify(line.slice(0, 200))}` };
      paths.set(p, s === 'x' ? { exists: true, executable: true } : { exists: s === 'f', executable: false, foundOnPath: alt === '' ? null : alt });
    } else if (f[0] === 'N' && f.length === 3) {
      names.set(f[1]!, f[2] === '' ? null : f[2]!);
    } else {
      return { error: `unexpected probe line ${JSON.stringify(line.slice(0, 200))}` };
    }
  }
  for (const e of entries) {
    if (!(e.kind === 'P' ? paths.has(e.value) : names.has(e.value))) return { error: `the probe output lacks ${e.kind === 'P' ? 'path' : 'name'} ${e.value}` };
  }
  return { paths, names };
}

const RUNNING = new Set(['Pending', 'InProgress', 'Delayed']);
const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');

/**
 * Run the probe on one instance. Validation happens before any call (ProbeInputRejected, zero AWS
 * calls). Any status but Success, incomplete or cut-off output, or a timeout → AwsEvidenceError.
 */
export async function runProbe(
  session: AwsSession,
  region: string,
  instanceId: string,
  request: ProbeRequest,
  options: ProbeOptions = {},
): Promise<ProbeResult> {
  const valid = validateProbeRequest(instanceId, request);
  const result: ProbeResult = { instanceId, paths: new Map(), names: new Map(), commandIds: [] };
  const entries: Entry[] = [...valid.paths.map((value) => ({ kind: 'P' as const, value })), ...valid.names.map((value) => ({ kind: 'N' as const, value }))];
  if (entries.length === 0) return result;
  await session.ensureAccount();
  for (const chunk of chunkEntries(entries, valid.runPath)) {
    const part = await probeChunk(session, region, instanceId, chunk, valid.runPath, options, result.commandIds);
    for (const [k, v] of part.paths) result.paths.set(k, v);
    for (const [k, v] of part.names) result.names.set(k, v);
  }
  return result;
}

async function probeChunk(
  session: AwsSession,
  region: string,
  instanceId: string,
  entries: Entry[],
  runPath: string[],
  options: ProbeOptions,
  commandIds: string[],
): Promise<{ paths: Map<string, ProbePathFact>; names: Map<string, string | null> }> {
  const client = session.ssm(region);
  const resource = `instance ${instanceId}`;
  const sendCtx = session.context('ssm', 'SendCommand', region, resource);
  const execSeconds = options.executionTimeoutSeconds ?? 60;
  let commandId: string | undefined;
  try {
    const sent = await client.send(
      new SendCommandCommand({
        DocumentName: PROBE_DOCUMENT,
        InstanceIds: [instanceId],
        Comment: 'deploy-guard read-only probe of paths and command names',
        TimeoutSeconds: 60,
        Parameters: { commands: buildProbeCommands(entries, runPath), executionTimeout: [String(execSeconds)] },
      }),
    );
    commandId = sent.Command?.CommandId;
  } catch (err) {
    throw toEvidenceError(err, sendCtx);
  }
  if (!commandId) throw evidenceError(sendCtx, 'unreadable', 'SendCommand returned no CommandId', 'rerun the workflow; report it if it persists');
  commandIds.push(commandId);

  const ctx = session.context('ssm', 'GetCommandInvocation', region, `${resource}, command ${commandId}`);
  const pollMs = options.pollMs ?? 2_000;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxPolls = Math.max(1, Math.ceil(timeoutMs / Math.max(1, pollMs)));
  let last: GetCommandInvocationCommandOutput | undefined;
  for (let poll = 0; poll < maxPolls; poll++) {
    await sleep(pollMs);
    let inv: GetCommandInvocationCommandOutput;
    try {
      inv = await client.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
    } catch (err) {
      if (errorCode(err) === 'InvocationDoesNotExist') continue; // not registered yet right after SendCommand
      throw toEvidenceError(err, ctx);
    }
    last = inv;
    const status = inv.Status ?? '';
    const details = norm(inv.StatusDetails);
    if (RUNNING.has(status) && !TERMINAL_DETAILS.has(details)) continue;
    if (status === 'Success' && (details === '' || details === 'Success')) return readOutput(inv, entries, ctx, instanceId);
    throw failed(inv, ctx, instanceId, execSeconds);
  }
  throw evidenceError(
    ctx,
    'probe-timeout',
    `the command did not finish within ${timeoutMs} ms (last status ${last?.Status ?? 'not yet registered'}${last?.StatusDetails ? ` / ${last.StatusDetails}` : ''})`,
    `check that the SSM agent on ${instanceId} is online (Fleet Manager / ssm:DescribeInstanceInformation) or raise the probe timeout`,
  );
}

const TERMINAL_DETAILS = new Set(['DeliveryTimedOut', 'ExecutionTimedOut', 'Failed', 'Canceled', 'Cancelled', 'Undeliverable', 'Terminated', 'Incomplete', 'RateExceeded', 'AccessDenied']);

function failed(inv: GetCommandInvocationCommandOutput, ctx: ReturnType<AwsSession['context']>, instanceId: string, execSeconds: number): AwsEvidenceError {
  const status = inv.Status ?? 'unknown';
  const details = norm(inv.StatusDetails);
  const stderr = (inv.StandardErrorContent ?? '').trim().slice(0, 300);
  const said = `status ${status}${inv.StatusDetails ? ` / ${inv.StatusDetails}` : ''}${inv.ResponseCode !== undefined && inv.ResponseCode !== -1 ? `, exit code ${inv.ResponseCode}` : ''}${stderr ? `, stderr ${JSON.stringify(stderr)}` : ''}`;
  let fix: string;
  switch (status === 'Cancelling' ? 'Cancelled' : details || status) {
    case 'Undeliverable':
      fix = `make ${instanceId} a managed node (SSM agent running, instance profile with AmazonSSMManagedInstanceCore) or probe another instance`;
      break;
    case 'Terminated':
      fix = `the instance ${instanceId} was terminated during the probe; rerun so another instance running the AMI is chosen`;
      break;
    case 'DeliveryTimedOut':
      fix = `check that the SSM agent on ${instanceId} is online and can reach the SSM endpoints, then rerun`;
      break;
    case 'ExecutionTimedOut':
    case 'TimedOut':
      fix = `the probe ran longer than ${execSeconds} s on ${instanceId}: check the instance's load or raise the probe's execution timeout`;
      break;
    case 'Cancelled':
    case 'Canceled':
      fix = 'someone or something cancelled the probe command; rerun the workflow';
      break;
    default:
      fix = `check the command's output on ${instanceId} in the SSM console; the probe script only reads, so a failure points at the instance (shell, agent)`;
  }
  return evidenceError(ctx, 'probe-failed', `the probe did not succeed (${said})`, fix);
}

function readOutput(
  inv: GetCommandInvocationCommandOutput,
  entries: Entry[],
  ctx: ReturnType<AwsSession['context']>,
  instanceId: string,
): { paths: Map<string, ProbePathFact>; names: Map<string, string | null> } {
  const out = inv.StandardOutputContent ?? '';
  if (out.length >= PROBE_OUTPUT_LIMIT) {
    throw evidenceError(
      ctx,
      'truncated',
      `the probe output reached SSM's ${PROBE_OUTPUT_LIMIT}-character limit and may be cut off`,
      'probe fewer paths and names at once (split the scripts by image) or provide an image manifest',
    );
  }
  const parsed = parseProbeOutput(out, entries);
  if ('error' in parsed) {
    throw evidenceError(ctx, 'truncated', `${parsed.error} on ${instanceId}`, 'rerun the workflow; if it repeats, check the instance shell (/bin/sh) or provide an image manifest');
  }
  return parsed;
}
