// Reading repository files safely: size cap, binary and encoding checks, no symlink escapes.
import { closeSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { basename, dirname, join, posix, sep } from 'node:path';
import { git } from './git.js';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type FileRead =
  | { ok: true; path: string; text: string }
  | { ok: false; path: string; reason: 'too-large' | 'binary' | 'not-utf8' | 'symlink-outside' | 'missing' | 'not-a-file'; detail: string };

/** Repository-relative, forward slashes, no leading './', no '..' escaping the root; undefined when it escapes. */
export function normalisePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The folder of a repository-relative path: '' for a file at the root. */
export function folderOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

/** Every file of the checkout that git knows or would add (tracked plus untracked, ignoring .gitignore'd). */
export async function listFiles(root: string): Promise<string[]> {
  const out = await git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  return [...new Set(out.split('\0').filter(Boolean))].sort();
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The workspace's own real path, resolved once per root (every file read compares against it). */
const realRoots = new Map<string, string>();

function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpathSync.native(root);
    realRoots.set(root, real);
  }
  return real;
}

/**
 * Real paths of the folders files were read from. A run reads thousands of files from a few hundred
 * folders, and resolving a path costs a system call per component; the checkout does not change during a run.
 */
const realFolders = new Map<string, string>();

function realFolder(dir: string): string {
  let real = realFolders.get(dir);
  if (real === undefined) {
    real = realpathSync.native(dir);
    if (realFolders.size >= 20_000) realFolders.clear();
    realFolders.set(dir, real);
  }
  return real;
}

/**
 * The buffer files up to its size are read into: their text is decoded out of it before the read returns, so
 * a run of thousands of files allocates (and zero-fills, and collects) no buffer for each.
 */
const SCRATCH_BYTES = 256 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

/**
 * Reads one repository file, never past the cap and never through a symlink that leaves the workspace.
 * Every call is synchronous: lstat, realpath, open, read and close of a file under the cap take
 * microseconds, while a round trip through libuv's thread pool (and a FileHandle object) costs more than
 * the call itself, and a run reads thousands of files. The content is read from the descriptor, at most
 * the cap.
 */
export async function readRepoFile(root: string, path: string, maxBytes = MAX_FILE_BYTES): Promise<FileRead> {
  const absolute = join(root, path);
  let info;
  try {
    info = lstatSync(absolute);
  } catch {
    return { ok: false, path, reason: 'missing', detail: 'no such file in the checkout' };
  }
  // Every path is resolved, not only a final symlink: a linked folder (`scripts -> /home/runner`) leaves the
  // workspace just as well, and lstat follows it silently.
  let target: string;
  try {
    // A file that is no link lies where its folder really is: the folder is resolved once for all its files.
    target = info.isSymbolicLink() ? realpathSync.native(absolute) : join(realFolder(dirname(absolute)), basename(absolute));
  } catch {
    return { ok: false, path, reason: 'symlink-outside', detail: 'symbolic link that does not resolve (dangling or a loop); not followed' };
  }
  // Both are real paths, so a prefix test is exact (and cheaper than path.relative for every file).
  const real = realRoot(root);
  if (!target.startsWith(real.endsWith(sep) ? real : `${real}${sep}`)) {
    const what = info.isSymbolicLink() ? 'symbolic link to a file outside the workspace' : 'under a symbolically linked folder that leaves the workspace';
    return { ok: false, path, reason: 'symlink-outside', detail: `${what}; not followed` };
  }
  if (info.isSymbolicLink()) info = lstatSync(target);
  if (!info.isFile()) return { ok: false, path, reason: 'not-a-file', detail: 'not a regular file' };
  if (info.size > maxBytes) {
    return { ok: false, path, reason: 'too-large', detail: `${info.size} bytes, over the ${maxBytes}-byte cap; not read` };
  }
  const fd = openSync(absolute, 'r');
  try {
    const size = Math.min(info.size, maxBytes);
    const buffer = size <= SCRATCH_BYTES ? scratch : Buffer.allocUnsafe(size);
    const bytesRead = size === 0 ? 0 : readSync(fd, buffer, 0, size, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if (bytes.includes(0)) return { ok: false, path, reason: 'binary', detail: 'contains NUL bytes (binary file)' };
    try {
      return { ok: true, path, text: decoder.decode(bytes) };
    } catch {
      return { ok: false, path, reason: 'not-utf8', detail: 'not valid UTF-8' };
    }
  } finally {
    closeSync(fd);
  }
}
