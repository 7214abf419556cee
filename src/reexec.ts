// Whether the entry point (index.ts) starts the action a second time, and with which flags. It runs before
// the action loads, so it imports nothing of it: it reads the event and asks git itself.
//
// From Node 22 on, V8 reads its wasm tiering flags once, at start-up: the Liftoff-only window around the bash
// grammar's load (parse/grammars.ts) no longer keeps its 160 KB lexer away from the optimising compiler. That
// compile takes about 500 MB for a moment, and a process waits for it when it exits (0.6 s of a typical PR on
// Node 24). So on Node 22+ every run that may parse runs in a second process started with --liftoff-only.
// Until a PR of every file parsed only the Terraform that can hold a fact (BENCHMARKS.md, session 8), the
// optimising compiler made large runs faster, and they kept this process. A change of documentation only
// keeps it too: it parses nothing, and the second process would cost it a third of its run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { NODE_MAJOR, tieringFlags } from './tiering.js';

const LIFTOFF_ONLY = '--liftoff-only';

/**
 * The largest semi-space of the young generation of each V8 heap (the main thread's and each worker's), in MB.
 * Node 24's default lets it grow larger than Node 20's: a PR of every file peaked at 350–370 MB of memory in
 * the second process by default, and at 260–275 MB with 8, in the same time.
 */
const SEMI_SPACE = '--max-semi-space-size=8';

/**
 * The flags the second process starts with, before this one's: Liftoff only, a smaller young generation and a
 * later TurboFan (tiering.ts). A young generation size or a TurboFan threshold the user set is kept.
 */
export function secondProcessFlags(env: NodeJS.ProcessEnv, execArgv: readonly string[], nodeMajor = NODE_MAJOR): string[] {
  const chosen = [env.NODE_OPTIONS ?? '', ...execArgv].some((flags) => /--max[-_]semi[-_]space[-_]size/.test(flags));
  return [LIFTOFF_ONLY, ...(chosen ? [] : [SEMI_SPACE]), ...tieringFlags(nodeMajor, execArgv)];
}

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
  /** changedPathsSince for this checkout; asked only for a pull request on Node 22+. */
  changedPaths: (base: string) => string[] | undefined;
}

/** DEPLOY_GUARD_REEXEC=0 always runs here; =1 always re-executes; otherwise see the file's opening comment. */
export function wantsReexec(state: EntryState): boolean {
  const setting = state.env.DEPLOY_GUARD_REEXEC;
  if (setting === '0' || state.execArgv.includes(LIFTOFF_ONLY)) return false;
  if (setting === '1') return true;
  if (state.nodeMajor < 22) return false;
  // Not a pull request (an audit, a preflight, a push), or one whose base is not an object id: it may parse.
  const base = statedBase(state.payload);
  if (base === undefined) return true;
  const paths = state.changedPaths(base);
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
    nodeMajor: NODE_MAJOR,
    payload,
    changedPaths: (base) => changedPathsSince(env.GITHUB_WORKSPACE || process.cwd(), base),
  };
}
