// Git adapter: the only place that runs git (the only program deploy-guard ever spawns).
import { execFile } from 'node:child_process';
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

/** The merge base of two commits, deepening a shallow checkout step by step until it is found. */
export async function mergeBase(cwd: string, a: string, b: string): Promise<string> {
  for (const deepen of [50, 200, 1000, 0]) {
    try {
      return (await git(cwd, ['merge-base', a, b])).trim();
    } catch {
      if (!(await isShallow(cwd)) || !(await hasRemote(cwd))) break;
      const args = deepen === 0 ? ['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'] : ['fetch', '--no-tags', '--quiet', `--deepen=${deepen}`, 'origin'];
      if (!(await succeeds(cwd, args))) break;
    }
  }
  throw new GitHistoryError(`No common history between ${a.slice(0, 12)} and ${b.slice(0, 12)} in the checkout.`, FETCH_DEPTH_FIX);
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
