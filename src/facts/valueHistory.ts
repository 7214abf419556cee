// When did a value serve an environment on the base branch? The first-parent history of the base,
// searched once with `git log -G` over every value's literal text, then confirmed with the Terraform
// grammar at each commit that touched one of them. A commit counts from the time it ENTERED the branch:
// the committer time of the first-parent commit (the merge commit for --no-ff merges), not the author
// or commit time of the branch commits behind it.
import { announceTerraform, pooledTerraform } from '../parse/pool.js';
import { ensureFullHistory, git, readBlobs } from './git.js';
import { promotableValuesIn, valueId, type PromotableValue } from './promotableValues.js';
import { MAX_FILE_BYTES } from './workspace.js';

/** One stretch of time during which the environment had the value on the base branch. */
export interface PresenceInterval {
  /** ISO time the first-parent commit that brought the value entered the branch. */
  from: string;
  fromCommit: string;
  /** The commit is a merge (its time is the merge time). */
  fromMerge: boolean;
  /** A file of the environment that held the value from then on. */
  fromFile: string;
  /** Absent while the value is still there at the tip of the base branch. */
  to?: string;
  toCommit?: string;
}

export interface HistoryQuery {
  cwd: string;
  /** Tip of the base branch (a commit id). */
  base: string;
  values: readonly PromotableValue[];
  /** Whether a path (at any time) belongs to the environment: its roots or a module they use. */
  belongs(path: string): boolean;
}

export interface HistoryResult {
  /** valueId → intervals, oldest first; values never present have none. */
  intervals: Map<string, PresenceInterval[]>;
  /** First-parent commits that touched one of the values (what was parsed). */
  commitsExamined: number;
  filesParsed: number;
}

/** Terraform-ish files the search looks at (git pathspecs: `*` crosses folders). */
const HISTORY_PATHSPECS = ['*.tf', '*.tf.json', '*.tfvars', '*.tfvars.json', '*.hcl'];
/** git's -G takes one ERE; long alternations are split so no argument nears the kernel's limit. */
const MAX_PATTERN_CHARS = 60_000;
/** A value whose text is longer than this is not searched for: it counts as never present, which blocks. */
export const MAX_NEEDLE_CHARS = 1_024;

function escapeEre(text: string): string {
  return text.replace(/[.[\]()*+?{}|^$\\]/g, '\\$&');
}

interface LoggedCommit {
  sha: string;
  at: string;
  merge: boolean;
  files: { status: string; path: string }[];
}

/** Parses `git log -z --format=%x01%H%x00%cI%x00%P --name-status` (newest first). */
export function parseLog(out: string): LoggedCommit[] {
  const tokens = out.split('\0');
  const commits: LoggedCommit[] = [];
  let current: LoggedCommit | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? '').replace(/^\n+/, '');
    if (token.startsWith('\u0001')) {
      const at = tokens[++i] ?? '';
      const parents = (tokens[++i] ?? '').trim();
      current = { sha: token.slice(1), at, merge: parents.split(' ').filter(Boolean).length > 1, files: [] };
      commits.push(current);
    } else if (token !== '' && current) {
      // A status letter, then the path in the next token (--no-renames: always one path).
      current.files.push({ status: token.charAt(0), path: tokens[++i] ?? '' });
    }
  }
  return commits;
}

/** Groups values so that each group's -G pattern stays short; groups are independent searches. */
function groups(values: readonly PromotableValue[]): PromotableValue[][] {
  const result: PromotableValue[][] = [];
  let group: PromotableValue[] = [];
  let size = 0;
  for (const value of values) {
    const cost = value.needles.reduce((sum, needle) => sum + needle.length * 2 + 1, 0);
    if (group.length > 0 && size + cost > MAX_PATTERN_CHARS) {
      result.push(group);
      group = [];
      size = 0;
    }
    group.push(value);
    size += cost;
  }
  if (group.length > 0) result.push(group);
  return result;
}

/** The intervals during which the environment held each value on the base branch's first-parent history. */
export async function presenceHistory(query: HistoryQuery): Promise<HistoryResult> {
  const intervals = new Map<string, PresenceInterval[]>(query.values.map((value) => [valueId(value), []]));
  const result: HistoryResult = { intervals, commitsExamined: 0, filesParsed: 0 };
  const searchable = query.values.filter((value) => value.needles.length > 0 && value.needles.every((needle) => needle.length > 0 && needle.length <= MAX_NEEDLE_CHARS));
  if (searchable.length === 0) return result;
  await ensureFullHistory(query.cwd);
  for (const group of groups(searchable)) await searchGroup(query, group, result);
  return result;
}

async function searchGroup(query: HistoryQuery, values: PromotableValue[], result: HistoryResult): Promise<void> {
  const needles = [...new Set(values.flatMap((value) => value.needles))].filter((needle) => needle.length > 0);
  if (needles.length === 0) return;
  const tracked = new Set(values.map(valueId));
  const out = await git(query.cwd, [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    '-z',
    '--format=%x01%H%x00%cI%x00%P',
    '--name-status',
    `-G${needles.map(escapeEre).join('|')}`,
    query.base,
    '--',
    ...HISTORY_PATHSPECS,
  ]);
  const commits = parseLog(out).reverse();
  result.commitsExamined += commits.length;

  // Every version of the environment's files the search touched, read in a few batches, and announced at
  // once: worker threads parse them while this thread walks the commits.
  const specs: { spec: string; path: string }[] = [];
  for (const commit of commits) {
    for (const file of commit.files) if (file.status !== 'D' && query.belongs(file.path)) specs.push({ spec: `${commit.sha}:${file.path}`, path: file.path });
  }
  const blobs = await readBlobs(query.cwd, specs.map(({ spec }) => spec), MAX_FILE_BYTES);
  for (const { spec, path } of specs) {
    const blob = blobs.get(spec);
    if (blob?.ok) announceTerraform(blob.text, { fileName: path });
  }

  // Walk oldest → newest keeping, per file, which tracked values it holds; a value is present while any file holds it.
  const held = new Map<string, Set<string>>();
  const holders = new Map<string, Set<string>>();
  for (const commit of commits) {
    const before = new Set([...holders].filter(([, files]) => files.size > 0).map(([id]) => id));
    for (const file of commit.files) {
      if (!query.belongs(file.path)) continue;
      let now = new Set<string>();
      if (file.status !== 'D') {
        const blob = blobs.get(`${commit.sha}:${file.path}`);
        // An unreadable version holds nothing: that can only shorten a soak, never lengthen it.
        if (blob?.ok) {
          result.filesParsed += 1;
          const analysis = await pooledTerraform(blob.text, { fileName: file.path });
          now = new Set(promotableValuesIn(file.path, analysis).map(valueId).filter((id) => tracked.has(id)));
        }
      }
      for (const id of held.get(file.path) ?? []) holders.get(id)?.delete(file.path);
      for (const id of now) {
        const files = holders.get(id) ?? new Set<string>();
        files.add(file.path);
        holders.set(id, files);
      }
      held.set(file.path, now);
    }
    for (const [id, files] of holders) {
      const list = result.intervals.get(id);
      if (!list) continue;
      if (files.size > 0 && !before.has(id)) {
        list.push({ from: commit.at, fromCommit: commit.sha, fromMerge: commit.merge, fromFile: [...files].sort()[0] ?? '' });
      } else if (files.size === 0 && before.has(id)) {
        const open = list.at(-1);
        if (open && open.to === undefined) {
          open.to = commit.at;
          open.toCommit = commit.sha;
        }
      }
    }
  }
}
