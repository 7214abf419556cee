// Git adapter: the only place that runs git (the only program deploy-guard ever spawns), apart from the entry
// point's one `git diff --name-only` on Node 22+ (reexec.ts), made before the action loads.
import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ChangedFile, ChangeStatus } from './types.js';

const run = promisify(execFile);
const MAX_BUFFER = 512 * 1024 * 1024;

/** Git history or objects the check needs are missing: the run cannot evaluate and says how to fix it. */
export class GitHistoryError extends Error {
  override name = 'GitHistoryError';
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

export async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'core.quotepath=off', ...args], {
    cwd,
    maxBuffer: MAX_BUFFER,
    encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
  return stdout;
}

async function succeeds(cwd: string, args: string[]): Promise<boolean> {
  try {
    await git(cwd, args);
    return true;
  } catch {
    return false;
  }
}

export async function resolveCommit(cwd: string, rev: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function isShallow(cwd: string): Promise<boolean> {
  return (await git(cwd, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

async function hasRemote(cwd: string): Promise<boolean> {
  return (await git(cwd, ['remote'])).split('\n').includes('origin');
}

export const FETCH_DEPTH_FIX =
  'Check out with full history: in actions/checkout set `fetch-depth: 0` (deploy-guard needs the base branch and its first-parent history).';

/** Makes sure `rev` exists locally, fetching it from origin when the checkout is shallow or partial. */
export async function ensureCommit(cwd: string, rev: string, what: string): Promise<string> {
  const local = await resolveCommit(cwd, rev);
  if (local) return local;
  if (await hasRemote(cwd)) {
    await succeeds(cwd, ['fetch', '--no-tags', '--quiet', 'origin', rev]);
    const fetched = await resolveCommit(cwd, rev);
    if (fetched) return fetched;
  }
  throw new GitHistoryError(`The ${what} revision ${rev} is not in the checkout and could not be fetched.`, FETCH_DEPTH_FIX);
}

/** The merge base of two revisions with the history the checkout has now; undefined when git finds none. */
export async function localMergeBase(cwd: string, a: string, b: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['merge-base', a, b])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The merge base of two commits, deepening a shallow checkout step by step until it is found. */
export async function mergeBase(cwd: string, a: string, b: string): Promise<string> {
  for (const deepen of [50, 200, 1000, 0]) {
    const found = await localMergeBase(cwd, a, b);
    if (found) return found;
    if (!(await isShallow(cwd)) || !(await hasRemote(cwd))) break;
    const args = deepen === 0 ? ['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'] : ['fetch', '--no-tags', '--quiet', `--deepen=${deepen}`, 'origin'];
    if (!(await succeeds(cwd, args))) break;
  }
  throw new GitHistoryError(`No common history between ${a.slice(0, 12)} and ${b.slice(0, 12)} in the checkout.`, FETCH_DEPTH_FIX);
}

/** What `git grep` looks for: one Perl-compatible pattern, or any of some fixed strings (none may hold a line break). */
export type GrepPatterns = { perl: string } | { fixed: readonly string[] };

/** Bytes of pathspecs per `git grep`: far under the kernel's limit on a command line. */
const PATHSPEC_BYTES = 96 * 1024;

/**
 * The working-tree files among `pathspecs` that `git grep` read and found no line of matching `patterns` in,
 * compared byte by byte (`LC_ALL=C`). It reads the files of the checkout as they are (`--no-index`: no
 * index entry stands in for one), from several threads and in its own process, so a run need not read
 * thousands of files it has no use for. A file it did not read (a symbolic link, one it could not open) is
 * not listed, and the caller reads it itself. Undefined when git cannot tell (a git without PCRE, a pattern
 * it cannot take, a warning of any kind): then the caller reads every file. Many pathspecs are split over
 * several runs.
 */
export async function filesWithoutMatch(cwd: string, patterns: GrepPatterns, pathspecs: readonly string[]): Promise<Set<string> | undefined> {
  if ('fixed' in patterns && (patterns.fixed.length === 0 || patterns.fixed.some((word) => word === '' || /[\n\r\0]/.test(word)))) return undefined;
  const expression = 'perl' in patterns ? ['--perl-regexp', '-e', patterns.perl] : ['--fixed-strings', ...patterns.fixed.flatMap((word) => ['-e', word])];
  const chunks: string[][] = [[]];
  let bytes = 0;
  for (const pathspec of pathspecs) {
    if (bytes + pathspec.length > PATHSPEC_BYTES && chunks.at(-1)!.length > 0) {
      chunks.push([]);
      bytes = 0;
    }
    chunks.at(-1)!.push(pathspec);
    bytes += pathspec.length + 1;
  }
  const result = new Set<string>();
  for (const chunk of chunks) {
    const found = await grepWithoutMatch(cwd, expression, chunk);
    if (!found) return undefined;
    found.forEach((path) => result.add(path));
  }
  return result;
}

async function grepWithoutMatch(cwd: string, expression: string[], pathspecs: readonly string[]): Promise<string[] | undefined> {
  const args = ['-c', 'grep.fullName=false', 'grep', '--no-index', '--exclude-standard', '--no-color', '--files-without-match', '-z', ...expression, '--', ...pathspecs];
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await run('git', args, { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' } }));
  } catch (error) {
    // Exit status 1 with nothing on stderr: every file it read has a match, so none is listed.
    const failed = error as { code?: unknown; stderr?: unknown };
    if (failed.code !== 1 || failed.stderr !== '') return undefined;
    return [];
  }
  if (stderr !== '') return undefined;
  return stdout.split('\0').filter(Boolean);
}

const STATUS: Record<string, ChangeStatus> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'added', T: 'modified' };

/** Files changed between two commits, from local git (no API cap on the number of files). */
export async function changedFiles(cwd: string, from: string, to: string): Promise<ChangedFile[]> {
  const out = await git(cwd, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', from, to]);
  const fields = out.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const code = fields[i++] ?? '';
    const status = STATUS[code.charAt(0)] ?? 'modified';
    if (code.startsWith('R') || code.startsWith('C')) {
      const previousPath = fields[i++] ?? '';
      const path = fields[i++] ?? '';
      files.push(code.startsWith('R') ? { path, status, previousPath } : { path, status });
    } else {
      files.push({ path: fields[i++] ?? '', status });
    }
  }
  return files;
}

/** ISO committer time of a commit. */
export async function commitTime(cwd: string, rev: string): Promise<string> {
  return (await git(cwd, ['show', '-s', '--format=%cI', rev])).trim();
}

/** Makes the whole history reachable (history-based checks need every first-parent commit of the base branch). */
export async function ensureFullHistory(cwd: string): Promise<void> {
  if (!(await isShallow(cwd))) return;
  if ((await hasRemote(cwd)) && (await succeeds(cwd, ['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'])) && !(await isShallow(cwd))) return;
  throw new GitHistoryError('The checkout is shallow and its full history could not be fetched.', FETCH_DEPTH_FIX);
}

export type Blob = { ok: true; text: string } | { ok: false; reason: 'missing' | 'too-large' | 'binary' | 'not-utf8' };

/** Specs per `cat-file --batch-check` (sizes first); contents are then read in batches of at most BLOB_BATCH_BYTES. */
const BLOB_BATCH = 4096;
/** Bytes per `cat-file --batch`: bounds the memory of one read (every blob is also under the caller's cap). */
const BLOB_BATCH_BYTES = 32 * 1024 * 1024;

/** A new folder only this user can read, in the runner's temporary folder (the system's when that fails). */
function privateFolder(): string {
  const runnerTemp = process.env.RUNNER_TEMP;
  if (runnerTemp) {
    try {
      return mkdtempSync(join(runnerTemp, 'deploy-guard-git-'));
    } catch {
      // a RUNNER_TEMP that is missing or read-only: the system's temporary folder will do
    }
  }
  return mkdtempSync(join(tmpdir(), 'deploy-guard-git-'));
}

/**
 * Runs git with `input` on stdin and returns its stdout, both through files in a private temporary folder,
 * not pipes: a pipe holds 64 KiB, and while this thread works through a long synchronous stretch (it yields
 * every 50 ms) git would wait on a full pipe, so megabytes of blobs took seconds. A file takes git's output
 * at once, and the answer costs one event (its exit).
 */
function gitWithInput(cwd: string, args: string[], input: string): Promise<Buffer> {
  const dir = privateFolder();
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const inPath = join(dir, 'in');
    const outPath = join(dir, 'out');
    writeFileSync(inPath, input, { mode: 0o600 });
    const stdin = openSync(inPath, 'r');
    const stdout = openSync(outPath, 'w', 0o600);
    let child;
    try {
      child = spawn('git', ['-c', 'core.quotepath=off', ...args], {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
        stdio: [stdin, stdout, 'pipe'],
      });
    } finally {
      closeSync(stdin);
      closeSync(stdout);
    }
    return new Promise<Buffer>((resolve, reject) => {
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', (error) => {
        cleanup();
        reject(error);
      });
      child.on('close', (code) => {
        try {
          if (code === 0) resolve(readFileSync(outPath));
          else reject(new Error(`git ${args[0]} exited with ${code}: ${stderr.trim()}`));
        } catch (error) {
          reject(error);
        } finally {
          cleanup();
        }
      });
    });
  } catch (error) {
    cleanup();
    return Promise.reject(error);
  }
}

const blobDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads many `<rev>:<path>` blobs with one git process for the sizes of up to 4,096 and one for the
 * contents of those under the cap per 32 MiB, never one process per file. Paths with a newline cannot be
 * asked for and read as missing.
 */
export async function readBlobs(cwd: string, specs: readonly string[], maxBytes: number): Promise<Map<string, Blob>> {
  const result = new Map<string, Blob>();
  const wanted = [...new Set(specs)].filter((spec) => {
    if (!spec.includes('\n')) return true;
    result.set(spec, { ok: false, reason: 'missing' });
    return false;
  });
  for (let start = 0; start < wanted.length; start += BLOB_BATCH) {
    const batch = wanted.slice(start, start + BLOB_BATCH);
    const sizes = (await gitWithInput(cwd, ['cat-file', '--batch-check=%(objecttype) %(objectsize)'], batch.map((spec) => `${spec}\n`).join(''))).toString('utf8').split('\n');
    const readable: { spec: string; size: number }[] = [];
    batch.forEach((spec, i) => {
      const [type, size] = (sizes[i] ?? '').split(' ');
      if (type !== 'blob') result.set(spec, { ok: false, reason: 'missing' });
      else if (Number(size) > maxBytes) result.set(spec, { ok: false, reason: 'too-large' });
      else readable.push({ spec, size: Number(size) });
    });
    for (let from = 0; from < readable.length; ) {
      let to = from;
      for (let bytes = 0; to < readable.length && (to === from || bytes + readable[to]!.size <= BLOB_BATCH_BYTES); to++) bytes += readable[to]!.size;
      const group = readable.slice(from, to).map((entry) => entry.spec);
      from = to;
      const out = await gitWithInput(cwd, ['cat-file', '--batch'], group.map((spec) => `${spec}\n`).join(''));
      let offset = 0;
      for (const spec of group) {
        const newline = out.indexOf(10, offset);
        const header = out.subarray(offset, newline < 0 ? out.length : newline).toString('utf8');
        const size = Number(header.split(' ')[2]);
        if (newline < 0 || !header.includes(' blob ') || !Number.isFinite(size)) {
          result.set(spec, { ok: false, reason: 'missing' });
          offset = newline < 0 ? out.length : newline + 1;
          continue;
        }
        const bytes = out.subarray(newline + 1, newline + 1 + size);
        offset = newline + 1 + size + 1;
        if (bytes.includes(0)) result.set(spec, { ok: false, reason: 'binary' });
        else {
          try {
            result.set(spec, { ok: true, text: blobDecoder.decode(bytes) });
          } catch {
            result.set(spec, { ok: false, reason: 'not-utf8' });
          }
        }
      }
    }
  }
  return result;
}
