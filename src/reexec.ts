// Whether the entry point (index.ts) starts the action a second time with --liftoff-only. It runs before the
// action loads, so it imports nothing of it but changedFiles.ts: it reads the event and asks git itself.
//
// From Node 22 on, V8 reads its wasm tiering flags once, at start-up: the Liftoff-only window around the bash
// grammar's load (parse/grammars.ts) no longer keeps its 160 KB lexer away from the optimising compiler, and
// the process waits for that compile when it exits (0.6 s of a typical PR on Node 24). A pull request of
// ordinary size therefore runs in a second process started with the flag. A large change keeps this process:
// there the optimising compiler's speed on the HCL grammar and the tree-sitter runtime is worth more than the
// wait (BENCHMARKS.md). So does a change of documentation only, which parses nothing: the second process would
// cost it a third of its run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { statedChangedFiles } from './changedFiles.js';

export const LIFTOFF_ONLY = '--liftoff-only';
/** Changed files up to which a pull request is "ordinary": its run is short enough for the wait to matter. */
export const ORDINARY_CHANGE = 300;

/**
 * Documentation and pictures. No default setting makes such a file deploy-relevant, so a pull request that
 * changes nothing else ends without a parse ("no deploy-relevant changes"). A configuration that makes one a
 * deploy script only makes that run wait for the optimising compile at its end; the checks are the same.
 */
const DOCUMENTATION = /\.(?:md|markdown|mdx|rst|adoc|asciidoc|txt|png|jpe?g|gif|svg|webp|ico|pdf)$/i;

export function isDocumentation(path: string): boolean {
  return DOCUMENTATION.test(path);
}

/** The base commit a pull_request event states (`pull_request.base.sha`), when it is a full object id. */
export function statedBase(payload: unknown): string | undefined {
  const sha = (payload as { pull_request?: { base?: { sha?: unknown } } } | null)?.pull_request?.base?.sha;
  return typeof sha === 'string' && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha) ? sha : undefined;
}

/**
 * The paths a pull request changes since its merge base with `base`, as git lists them in `workspace`;
 * undefined when git cannot tell (a shallow checkout without the base, no git, a timeout). Renames are listed
 * as both their paths. The action reads the changes again, its own way: this list only chooses how it starts.
 */
export function changedPathsSince(workspace: string, base: string): string[] | undefined {
  const git = spawnSync('git', ['-c', 'core.quotepath=off', 'diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', `${base}...HEAD`, '--'], {
    cwd: workspace,
    encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 5_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (git.error || git.status !== 0) return undefined;
  return git.stdout.split('\0').filter((path) => path !== '');
}

export interface EntryState {
  env: NodeJS.ProcessEnv;
  /** The flags this process was started with. */
  execArgv: readonly string[];
  nodeMajor: number;
  /** The event payload, undefined when there is none or it does not parse (the action reports that itself). */
  payload: unknown;
  /** changedPathsSince for this checkout; asked only for an ordinary pull request on Node 22+. */
  changedPaths: (base: string) => string[] | undefined;
}

/** DEPLOY_GUARD_REEXEC=0 always runs here; =1 always re-executes; otherwise see the file's opening comment. */
export function wantsReexec(state: EntryState): boolean {
  const setting = state.env.DEPLOY_GUARD_REEXEC;
  if (setting === '0' || state.execArgv.includes(LIFTOFF_ONLY)) return false;
  if (setting === '1') return true;
  if (state.nodeMajor < 22) return false;
  const changed = statedChangedFiles(state.payload);
  if (changed === undefined || changed > ORDINARY_CHANGE) return false;
  const base = statedBase(state.payload);
  const paths = base === undefined ? undefined : state.changedPaths(base);
  return paths === undefined || !paths.every(isDocumentation);
}

/** The entry state of this process, from its environment and GITHUB_EVENT_PATH. */
export function currentEntryState(): EntryState {
  const env = process.env;
  let payload: unknown;
  try {
    payload = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : undefined;
  } catch {
    payload = undefined; // the action reads the event itself and reports what is wrong with it
  }
  return {
    env,
    execArgv: process.execArgv,
    nodeMajor: Number(process.versions.node.split('.')[0]),
    payload,
    changedPaths: (base) => changedPathsSince(env.GITHUB_WORKSPACE || process.cwd(), base),
  };
}
