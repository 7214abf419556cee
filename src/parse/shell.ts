// Shell-script extractor (DESIGN §5.2): which programs a deploy script will execute, which it only
// tests for, which files it sources, which paths it creates itself, and the PATH each call sees.
//
// One tree-sitter bash parse per script, copied out of wasm in one pass (flatTree.ts) and then read from
// JavaScript arrays. The walk takes the nodes that matter in document order and rebuilds nesting from
// their ranges with an explicit stack: no recursion over the tree, so deeply nested input cannot exhaust
// the JS stack. Structure always comes from the grammar; regular expressions only look at single words
// or at data (cron lines, PATH values).
//
// Decisions where the brief left a choice (each one has a test):
// - Variable state follows the text in document order. A function body sees the variables and PATH
//   as assigned textually before the definition; its own assignments count as "maybe" afterwards.
// - Branches (if/elif/else, case items, the right side of && and ||, loop and function bodies) are
//   merged: a variable may hold any literal value assigned on any path, so `"$AWS" s3 ls` after
//   `if …; then AWS=/a; else AWS=/b; fi` yields one command per possible value (/a and /b), in the
//   order the values were assigned. Subshells, `$(…)` and pipeline elements do not leak assignments.
//   `for x in /a /b` gives x each literal of the list.
// - PATH is single-valued: a PATH change inside a branch is assumed to be taken. `$PATH` with no
//   earlier assignment expands to `options.path` when given, else stays as the element '$PATH' for
//   the caller to replace with its run-path. Empty elements mean the current directory ('.');
//   elements with unresolved variables or '~' are dropped. `PATH=… cmd` and `env PATH=… cmd` apply
//   to that command only. sudo's secure_path is not modelled (the image decides it): see `via`.
// - Wrappers that are programs (sudo, doas, env, timeout, nohup, nice, xargs, stdbuf, ionice,
//   setsid, su, runuser, flock, find -exec, bash/sh -c) are reported as commands themselves, and the
//   program they run is reported with the wrapper in `via`. After such a wrapper (and after `exec`)
//   builtins and functions are looked up as files, so `sudo echo` reports `echo`; `command x` skips
//   functions. `xargs` without a command (runs echo) reports nothing more; `ssh`/`chroot` stop.
// - `$SUDO cmd` with SUDO='' runs cmd; an unquoted variable holding "prog args" is word-split.
// - `$(…)`/backticks inside an unquoted heredoc body are run by the shell and are reported; the rest
//   of a heredoc body is data, except when the heredoc feeds a shell (`bash <<EOF`, analysed as a
//   script) or holds cron lines.
// - Cron lines: echo/printf arguments and heredoc bodies whose lines look like crontab entries
//   (five schedule fields of which one has '*', or any entry when the output demonstrably goes to
//   `crontab`, /etc/cron.d, /etc/crontab or /var/spool/cron). The command part is analysed as a
//   script with `via` ['cron', …] and `path` = cron's default PATH (/usr/bin:/bin) or a PATH= line
//   of the same crontab text; its position points into the string (at the variable for substituted
//   parts). System crontabs have a user field; elsewhere a well-known user name (root, ec2-user, …)
//   followed by a command is taken as one.
// - `bash -c '…'` (also sh, dash, zsh, ksh; su -c; flock -c): the string is analysed recursively
//   (nesting capped at 4); its parse errors are not reported, its function names are not returned,
//   and the outer script's functions do not hide its calls. `eval` and `trap` strings are not analysed.
// - `$(dirname "$0")`, `${BASH_SOURCE[0]%/*}`, `$(cd "$(dirname "$0")" && pwd)` and variables holding
//   them denote the script's directory: such paths come out as './x' with relativeTo 'script'.
// - `$(command -v aws)` / `$(which aws)` evaluate to 'aws' (the PATH lookup they stand for).
// - `${X:-/usr/bin/aws}` evaluates to X's literal values if the script assigned X, else the default.
// - Parse errors: the outermost ERROR nodes and MISSING nodes, plus reserved words tree-sitter-bash
//   accepts as commands (a stray `fi`), sorted by position, at most 10.

import { posix } from 'node:path';
import type { Parser } from 'web-tree-sitter';
// Node is flatTree.ts's: web-tree-sitter's API answered from a copy of the tree (see the header).
import { FlatTree, type FlatNode as Node } from './flatTree.js';
import { createParser } from './grammars.js';

export interface ShellCommand {
  /** The program as it will be looked up: '/usr/bin/aws' (absolute), 'aws' (bare), './x' or 'bin/x' (relative). Variables assigned a literal path earlier in the script are substituted ("$AWS_BIN" -> '/usr/bin/aws'). */
  program: string;
  kind: 'absolute' | 'bare' | 'relative';
  /** 1-based, position of the command word in the ORIGINAL text (after lineOffset). */
  line: number;
  /** 1-based. */
  column: number;
  /** How it was reached, for messages: e.g. ['sudo', 'timeout'] wrappers, or '$AWS_BIN' variable, 'cron', 'bash -c'. */
  via: string[];
  /** PATH in effect at this call if the script assigned/exported PATH before it (resolved with $PATH expanded against the previous value; undefined = the run-path the caller supplies). */
  path?: string[];
  /** For kind 'relative': resolved against the current directory, or against the script's own directory ($(dirname "$0")/x). */
  relativeTo?: 'cwd' | 'script';
}

/** [ -x /usr/bin/aws ], test -f, command -v aws, type aws, which aws, hash aws */
export interface ShellGuard {
  program: string;
  line: number;
  column: number;
  /** The test: '-x', '-f', '-e', … for file tests; 'command -v', 'type', 'which', 'hash' for lookups. */
  check: string;
}

/** `source x` / `. x` with a literal (or $(dirname "$0")/x-style) path. */
export interface ShellSource {
  path: string;
  line: number;
  column: number;
  /** For relative paths: bash looks up `source x` in PATH, then the current directory ('cwd'); $(dirname "$0")/x is 'script'. */
  relativeTo?: 'cwd' | 'script';
}

export interface ShellAnalysis {
  commands: ShellCommand[];
  guards: ShellGuard[];
  sources: ShellSource[];
  /** Paths the script itself creates/installs (cp/install/mv/ln destinations, curl -o / wget -O, tar -C dir, unzip -d dir, redirections > file, mkdir, chmod +x targets, tee, aws s3 cp destinations): later calls to these (or under these dirs) are not image binaries. Script-directory paths appear as './x'. */
  writes: string[];
  /** Names of functions defined in the script (calls to them are not binaries). */
  functions: string[];
  parseErrors: { line: number; column: number; message: string }[];
  /** PATH at the end of the script if it assigned PATH (same conventions as ShellCommand.path); useful as `options.path` for a script that sources this one. */
  finalPath?: string[];
  /**
   * The PATH the script starts with (`options.path`) went into this analysis: the script reads `$PATH` where a
   * PATH is built, or appends to a PATH it never set. Absent, the analysis is the same whatever `options.path` is.
   */
  startPathUsed?: true;
}

export interface ShellOptions {
  /** Added to every line, for scripts embedded in other files (heredocs in .tf, runcmd in YAML). */
  lineOffset?: number;
  /** Added to columns on the script's first line only. */
  columnOffset?: number;
  /** PATH in effect when the script starts (the run-path); `$PATH` in PATH assignments expands to it. Without it, '$PATH' stays as an element. */
  path?: string[];
}

/** Shell builtins and reserved words (POSIX + bash): never binaries. */
export const SHELL_BUILTINS: ReadonlySet<string> = new Set([
  // reserved words
  '!', '[[', ']]', '{', '}', 'case', 'coproc', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for',
  'function', 'if', 'in', 'select', 'then', 'time', 'until', 'while',
  // POSIX special and regular builtins
  '.', ':', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift',
  'times', 'trap', 'unset', 'alias', 'bg', 'cd', 'command', 'false', 'fc', 'fg', 'getopts', 'hash',
  'jobs', 'kill', 'pwd', 'read', 'true', 'type', 'ulimit', 'umask', 'unalias', 'wait', 'echo', 'printf',
  'test', '[',
  // bash builtins
  'bind', 'builtin', 'caller', 'compgen', 'complete', 'compopt', 'declare', 'dirs', 'disown', 'enable',
  'help', 'history', 'let', 'local', 'logout', 'mapfile', 'popd', 'pushd', 'readarray', 'shopt', 'source',
  'suspend', 'typeset',
]);

// ---------------------------------------------------------------------------------------------------
// Parser (one per process)

let parserPromise: Promise<Parser> | undefined;
function bashParser(): Promise<Parser> {
  parserPromise ??= createParser('bash').catch((err: unknown) => {
    parserPromise = undefined; // allow a retry after a transient load failure
    throw err;
  });
  return parserPromise;
}

export async function analyseShell(text: string, options: ShellOptions = {}): Promise<ShellAnalysis> {
  const parser = await bashParser();
  const lineOffset = options.lineOffset ?? 0;
  const columnOffset = options.columnOffset ?? 0;
  const line = (row: number): number => row + 1 + lineOffset;
  const column = (row: number, col: number): number => col + 1 + (row === 0 ? columnOffset : 0);

  const runPath = options.path ? options.path.join(':') : undefined;
  const analyzer = new Analyzer(parser, typeof text === 'string' ? text : String(text), 0, undefined, runPath);
  const raw = analyzer.run();

  const functions = [...analyzer.functions];
  const fnSet = analyzer.functions;
  const commands: ShellCommand[] = [];
  for (const c of raw.commands) {
    if (c.shellLookup && c.kind === 'bare' && fnSet.has(c.program)) continue;
    const out: ShellCommand = {
      program: c.program,
      kind: c.kind,
      line: line(c.row),
      column: column(c.row, c.col),
      via: c.via.slice(),
    };
    if (c.path) out.path = c.path.slice();
    if (c.relativeTo) out.relativeTo = c.relativeTo;
    commands.push(out);
  }
  const analysis: ShellAnalysis = {
    commands,
    guards: raw.guards.map((g) => ({ program: g.program, line: line(g.row), column: column(g.row, g.col), check: g.check })),
    sources: raw.sources.map((s) => {
      const out: ShellSource = { path: s.path, line: line(s.row), column: column(s.row, s.col) };
      if (s.relativeTo) out.relativeTo = s.relativeTo;
      return out;
    }),
    writes: raw.writes,
    functions,
    parseErrors: analyzer.errors.map((e) => ({ line: line(e.row), column: column(e.row, e.col), message: e.message })),
  };
  const finalPath = analyzer.finalPath();
  if (finalPath) analysis.finalPath = finalPath;
  if (analyzer.startPathUsed) analysis.startPathUsed = true;
  return analysis;
}

// ---------------------------------------------------------------------------------------------------
// Internal types

interface Seg {
  text: string;
  row: number;
  col: number;
  /** The text is verbatim from the source at (row, col), so offsets inside map 1:1. */
  exact: boolean;
}
/** One possible value of a word, with where each piece of it came from. */
interface Val {
  text: string;
  segs: Seg[];
}
type Values = readonly string[];

interface RawCommand {
  program: string;
  kind: ShellCommand['kind'];
  relativeTo?: 'cwd' | 'script';
  row: number;
  col: number;
  via: string[];
  path?: string[];
  /** Looked up by the shell itself (functions shadow it). */
  shellLookup: boolean;
}
interface RawGuard {
  program: string;
  check: string;
  row: number;
  col: number;
}
interface RawSource {
  path: string;
  relativeTo?: 'cwd' | 'script';
  row: number;
  col: number;
}
interface RawResult {
  commands: RawCommand[];
  guards: RawGuard[];
  sources: RawSource[];
  writes: string[];
}

interface BranchFrame {
  kind: 'branch';
  /** Trail mark where the conditional part starts; -1 until it starts. */
  mark: number;
  /** Source index where the conditional part starts (then, &&/||, a loop or function body). */
  start?: number;
  deltas: Map<string, Values>[];
  /** One of the branches always runs (if with else, case with *). */
  exhaustive: boolean;
  loopVar?: { name: string; values: Values };
}
interface RestoreFrame {
  kind: 'restore';
  mark: number;
}
type Frame = BranchFrame | RestoreFrame | null;
/** A node of the walk whose range is still open. */
interface Open {
  type: string;
  end: number;
  frame: Frame;
  /** For commands: where the command name starts (assignments before it are prefixes). */
  nameStart?: number;
}

type CronFormat = 'system' | 'user';

// Sentinels for "the script's path / directory": two characters each, so that replacing \u0000 by '$'
// turns them into harmless unknown variables ($P, $D) when text is re-parsed.
const SCRIPT_PATH = '\u0000P';
const SCRIPT_DIR = '\u0000D';

const MAX_EVAL_DEPTH = 48;
const MAX_NESTING = 4;
const MAX_VALUES = 16;
const MAX_ERRORS = 10;
const MAX_JOBS = 64;
const CRON_DEFAULT_PATH = '/usr/bin:/bin';

/** The node types the walk visits. */
const WALK_TYPES = [
  'command', 'variable_assignment', 'unset_command', 'if_statement', 'elif_clause', 'else_clause',
  'case_statement', 'case_item', 'list', 'for_statement', 'c_style_for_statement', 'while_statement',
  'function_definition', 'subshell', 'command_substitution', 'process_substitution', 'pipeline',
  'test_command', 'file_redirect', 'heredoc_body', 'ERROR',
];
const REDIRECT_TYPES = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);
const FILE_TESTS = new Set(['-e', '-f', '-x', '-s', '-r', '-w', '-L', '-h', '-a']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh']);
const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '>&']);
const CRON_MACRO = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
const CRON_TIME_FIELD = /^[0-9*][0-9*,/-]*$/;
const CRON_DATE_FIELD = /^(?:[0-9*?][0-9A-Za-z*?,/#-]*|[A-Za-z]{3}(?:[,-][A-Za-z]{3})*)$/;
const COMMON_USERS = new Set(['root', 'ec2-user', 'ubuntu', 'admin', 'centos', 'www-data', 'nobody', 'daemon', 'deploy', 'app', 'apache', 'nginx', 'webapp']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** First word of a $(…) / `…` whose value we can tell. */
const SUBST_HEAD = /^(?:\$\(|`)\s*(?:\\)?([A-Za-z/][A-Za-z0-9_./-]*)(?=[\s)`;&|]|$)/;
const SUBST_PROGRAMS = new Set(['dirname', 'readlink', 'realpath', 'command', 'which', 'type', 'cd', '/usr/bin/dirname', '/usr/bin/readlink', '/usr/bin/realpath', '/usr/bin/which', '/bin/readlink']);
/** Reserved words that cannot start a command. */
const MISPLACED_KEYWORDS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}', 'in', ';;']);
/** A word with nothing to expand, quote or escape. */
const PLAIN_WORD = /^[A-Za-z0-9_./:@%+,=-]+$/;
/** A double-quoted string with nothing to expand or escape, on one line. */
const PLAIN_STRING = /^"[^"$`\\\n]*"$/;
/** Raw text that may hold a crontab entry: a macro, or five schedule fields then a command. */
const CRON_HINT = /(?:^|[\s"'])(?:@[a-z]+|[0-9*][0-9*,/-]*[ \t]+[0-9*][0-9*,/-]*[ \t]+\S+[ \t]+\S+[ \t]+\S+)[ \t]+\S/;
const USER_RE = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;
const ASSIGNMENT_RE = /^[A-Za-z_][A-Za-z0-9_]*=/;

interface OptSpec {
  /** Short options that take an argument. */
  short: string;
  /** Long options that take an argument (also accepted as --name=value). */
  long?: readonly string[];
  /** NAME=value words are skipped too (env, sudo). */
  assignments?: boolean;
}
const SUDO: OptSpec = { short: 'ughpCrtUDRT', long: ['user', 'group', 'host', 'prompt', 'close-from', 'role', 'type', 'other-user', 'chdir', 'chroot', 'command-timeout'], assignments: true };
const DOAS: OptSpec = { short: 'uC' };
const ENV: OptSpec = { short: 'uCS', long: ['unset', 'chdir', 'split-string'], assignments: true };
const EXEC: OptSpec = { short: 'a' };
const NONE: OptSpec = { short: '' };
const TIMEOUT: OptSpec = { short: 'sk', long: ['signal', 'kill-after'] };
const NICE: OptSpec = { short: 'n', long: ['adjustment'] };
const XARGS: OptSpec = { short: 'adEILnPs', long: ['arg-file', 'delimiter', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'process-slot-var'] };
const STDBUF: OptSpec = { short: 'ioe', long: ['input', 'output', 'error'] };
const IONICE: OptSpec = { short: 'cnpPu', long: ['class', 'classdata', 'pid', 'pgid', 'uid'] };
const SU: OptSpec = { short: 'cgGsuw', long: ['command', 'group', 'supp-group', 'shell', 'user', 'whitelist-environment', 'session-command'] };
const FLOCK: OptSpec = { short: 'wEc', long: ['timeout', 'wait', 'conflict-exit-code', 'command'] };
const SHELL_OPTS: OptSpec = { short: 'oO', long: ['rcfile', 'init-file'] };
const CP: OptSpec = { short: 'tS', long: ['target-directory', 'suffix'] };
const INSTALL: OptSpec = { short: 'mogtS', long: ['mode', 'owner', 'group', 'target-directory', 'suffix', 'strip-program'] };
const MKDIR: OptSpec = { short: 'm', long: ['mode'] };
const CURL: OptSpec = { short: 'AbcCdDeEFHKmoPQrtTuUwxXyYz', long: ['output', 'output-dir', 'header', 'data', 'data-raw', 'data-binary', 'request', 'user', 'user-agent', 'max-time', 'connect-timeout', 'retry', 'retry-delay', 'retry-max-time', 'cacert', 'cert', 'key', 'config', 'proxy', 'write-out', 'form', 'referer', 'cookie', 'cookie-jar', 'upload-file', 'range', 'time-cond'] };
const WGET: OptSpec = { short: 'oaeiBTtwUQlARPODXI', long: ['output-document', 'directory-prefix', 'output-file', 'append-output', 'execute', 'input-file', 'tries', 'timeout', 'wait', 'user-agent', 'header', 'user', 'password', 'level', 'accept', 'reject'] };
const TAR: OptSpec = { short: 'CfbFgHIKLNTVX', long: ['directory', 'file', 'exclude', 'files-from', 'transform', 'owner', 'group', 'mode'] };
const UNZIP: OptSpec = { short: 'dx', long: [] };
const CHMOD: OptSpec = { short: '', long: ['reference'] };
const CRONTAB: OptSpec = { short: 'u' };
const READ: OptSpec = { short: 'adinNptu' };
const HASH: OptSpec = { short: 'p' };

// ---------------------------------------------------------------------------------------------------
// Variable state with an undo trail: branches are evaluated one after the other from the same input
// state, their changes collected as deltas and merged; work is proportional to the assignments made.

class VarState {
  readonly vars = new Map<string, Values>();
  private readonly trail: { name: string; old: Values | undefined }[] = [];

  get(name: string): Values | undefined {
    return this.vars.get(name);
  }
  set(name: string, values: Values): void {
    this.trail.push({ name, old: this.vars.get(name) });
    this.vars.set(name, values);
  }
  mark(): number {
    return this.trail.length;
  }
  delta(mark: number): Map<string, Values> {
    const d = new Map<string, Values>();
    for (let i = mark; i < this.trail.length; i++) {
      const name = this.trail[i]!.name;
      if (!d.has(name)) d.set(name, this.vars.get(name) ?? []);
    }
    return d;
  }
  undo(mark: number): void {
    while (this.trail.length > mark) {
      const { name, old } = this.trail.pop()!;
      if (old === undefined) this.vars.delete(name);
      else this.vars.set(name, old);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

function uniq(values: Iterable<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) continue;
    seen.add(v);
    out.push(v);
    if (out.length >= MAX_VALUES) break;
  }
  return out;
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function baseName(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

function hasUnescapedNewline(gap: string): boolean {
  for (let i = gap.indexOf('\n'); i >= 0; i = gap.indexOf('\n', i + 1)) {
    if (gap[i - 1] !== '\\') return true;
  }
  return false;
}

/** `$X` / `${X}` not in quotes (so its value undergoes word splitting). */
function isUnquotedExpansion(node: Node): boolean {
  let n: Node | null = node;
  if (n.type === 'command_name') n = n.namedChildCount === 1 && n.childCount === 1 ? n.firstNamedChild : null;
  return n !== null && (n.type === 'simple_expansion' || n.type === 'expansion');
}

function stripQuotes(s: string): string {
  return s.replace(/["']/g, '');
}

/** Index of the first operand at or after `i` (options and their arguments skipped); `--` is consumed. */
function skipOptions(lit: (i: number) => string | null, n: number, i: number, spec: OptSpec): number {
  while (i < n) {
    const a = lit(i);
    if (a === null) return i;
    if (a === '--') return i + 1;
    if (spec.assignments && ASSIGNMENT_RE.test(a)) {
      i++;
      continue;
    }
    if (a.startsWith('--')) {
      const name = a.slice(2).split('=', 1)[0]!;
      i += !a.includes('=') && spec.long?.includes(name) ? 2 : 1;
      continue;
    }
    if (a.length > 1 && a[0] === '-') {
      let step = 1;
      for (let k = 1; k < a.length; k++) {
        if (spec.short.includes(a[k]!)) {
          if (k === a.length - 1) step = 2;
          break;
        }
      }
      i += step;
      continue;
    }
    return i;
  }
  return i;
}

interface Scanned {
  operands: number[];
  /** Option name ('o', 'output') → values given: the index of the word holding it, or attached text. */
  opts: Map<string, (number | string)[]>;
  flags: Set<string>;
}
/** GNU-style scan of all arguments from `i` (options may follow operands). */
function scanArgs(lit: (i: number) => string | null, n: number, i: number, spec: OptSpec): Scanned {
  const out: Scanned = { operands: [], opts: new Map(), flags: new Set() };
  const add = (name: string, value: number | string): void => {
    if (typeof value === 'number' && value >= n) return;
    const list = out.opts.get(name);
    if (list) list.push(value);
    else out.opts.set(name, [value]);
  };
  let onlyOperands = false;
  while (i < n) {
    const a = lit(i);
    if (onlyOperands || a === null || a === '-' || a[0] !== '-') {
      out.operands.push(i);
      i++;
      continue;
    }
    if (a === '--') {
      onlyOperands = true;
      i++;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) add(name, a.slice(eq + 1));
      else if (spec.long?.includes(name)) {
        add(name, i + 1);
        i++;
      } else out.flags.add(name);
      i++;
      continue;
    }
    let consumed = false;
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (spec.short.includes(c)) {
        if (k < a.length - 1) add(c, a.slice(k + 1));
        else {
          add(c, i + 1);
          consumed = true;
        }
        break;
      }
      out.flags.add(c);
    }
    i += consumed ? 2 : 1;
  }
  return out;
}

function classifyCronPath(p: string | null): CronFormat | undefined {
  if (!p) return undefined;
  if (p === '/etc/crontab' || p.startsWith('/etc/cron.d/')) return 'system';
  if (p.startsWith('/var/spool/cron/')) return 'user';
  return undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Original position of offset `offset` of a value. */
function posAt(val: Val, offset: number): { row: number; col: number } {
  let acc = 0;
  const segs = val.segs;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const len = seg.text.length;
    if (offset < acc + len || i === segs.length - 1) {
      if (!seg.exact) return { row: seg.row, col: seg.col };
      const delta = Math.max(0, Math.min(offset - acc, len));
      const before = seg.text.slice(0, delta);
      const nl = before.lastIndexOf('\n');
      if (nl < 0) return { row: seg.row, col: seg.col + delta };
      let rows = 0;
      for (let k = before.indexOf('\n'); k >= 0; k = before.indexOf('\n', k + 1)) rows++;
      return { row: seg.row + rows, col: delta - nl - 1 };
    }
    acc += len;
  }
  return { row: 0, col: 0 };
}

/** A literal piece of source text (unquoted, inside "…", or a heredoc body), with escapes removed. */
function literalVal(text: string, row: number, col: number, mode: 'unquoted' | 'dq' | 'heredoc' | 'raw'): Val {
  if (mode === 'raw' || !text.includes('\\')) return { text, segs: [{ text, row, col, exact: true }] };
  const segs: Seg[] = [];
  let out = '';
  let runStart = 0;
  let runRow = row;
  let runCol = col;
  let r = row;
  let c = col;
  const flush = (end: number): void => {
    if (end > runStart) {
      const piece = text.slice(runStart, end);
      segs.push({ text: piece, row: runRow, col: runCol, exact: true });
      out += piece;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      const escapable = mode === 'unquoted' || (mode === 'dq' ? '$`"\\\n'.includes(next) : '$`\\\n'.includes(next));
      if (escapable) {
        flush(i);
        if (next === '\n') {
          r++;
          c = 0;
        } else {
          segs.push({ text: next, row: r, col: c + 1, exact: true });
          out += next;
          c += 2;
        }
        i++;
        runStart = i + 1;
        runRow = r;
        runCol = c;
        continue;
      }
    }
    if (ch === '\n') {
      r++;
      c = 0;
    } else c++;
  }
  flush(text.length);
  if (segs.length === 0) segs.push({ text: '', row, col, exact: false });
  return { text: out, segs };
}

function decodeAnsiC(body: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\u0007', b: '\b', e: '\u001b', E: '\u001b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  return body.replace(/\\(.)/gs, (m, c: string) => map[c] ?? m);
}

function product(parts: Val[][]): Val[] {
  let acc: Val[] = [{ text: '', segs: [] }];
  for (const part of parts) {
    if (part.length === 1) {
      const p = part[0]!;
      for (const a of acc) {
        a.text += p.text;
        a.segs = a.segs.concat(p.segs);
      }
      continue;
    }
    const next: Val[] = [];
    outer: for (const a of acc) {
      for (const p of part) {
        next.push({ text: a.text + p.text, segs: a.segs.concat(p.segs) });
        if (next.length >= MAX_VALUES) break outer;
      }
    }
    acc = next;
  }
  return acc;
}

// ---------------------------------------------------------------------------------------------------
// Word lists for one command: nodes, or literal fields produced by word-splitting an unquoted $VAR.

interface WordEntry {
  node: Node;
  fixed?: string;
}

class Words {
  private readonly cache: (Val[] | null | undefined)[] = [];
  constructor(
    private readonly a: Analyzer,
    readonly entries: WordEntry[],
  ) {}
  get length(): number {
    return this.entries.length;
  }
  node(i: number): Node {
    return this.entries[i]!.node;
  }
  vals(i: number): Val[] | null {
    let v = this.cache[i];
    if (v === undefined) {
      const e = this.entries[i]!;
      v = e.fixed !== undefined
        ? [{ text: e.fixed, segs: [{ text: e.fixed, row: e.node.startPosition.row, col: e.node.startPosition.column, exact: false }] }]
        : this.a.evalNode(e.node, 0, false);
      this.cache[i] = v;
    }
    return v;
  }
  /** First possible value, or null when not a literal. */
  lit = (i: number): string | null => {
    if (i >= this.entries.length) return null;
    return this.vals(i)?.[0]?.text ?? null;
  };
  /**
   * For option scanning: an option's literal value, else the word's source text — an operand, whose
   * value is evaluated where it is needed ('"$USER"' reads as an operand, never as an option).
   */
  opt = (i: number): string | null => {
    if (i >= this.entries.length) return null;
    const e = this.entries[i]!;
    if (e.fixed !== undefined) return e.fixed;
    const raw = e.node.text;
    if (PLAIN_WORD.test(raw)) return raw;
    if (raw.startsWith('-') || raw.startsWith('"-') || raw.startsWith("'-")) return this.lit(i) ?? raw;
    return raw;
  };
  /** Values of an option as scanned: all literal values of the word holding it, or the attached text. */
  optValues(list: readonly (number | string)[] | undefined): string[] {
    const out: string[] = [];
    for (const v of list ?? []) {
      if (typeof v === 'number') out.push(...this.all(v));
      else out.push(v);
    }
    return out;
  }
  all(i: number): string[] {
    return uniq((this.vals(i) ?? []).map((v) => v.text));
  }
  /** Literal value of the raw source word, for messages ('$AWS'). */
  viaText(i: number): string | undefined {
    const e = this.entries[i]!;
    if (e.fixed !== undefined) return undefined;
    const node = e.node;
    if (node.type === 'raw_string' || node.type === 'ansi_c_string' || node.type === 'word') return undefined;
    const t = node.text;
    return /\$[A-Za-z_{(0-9@*#?!$-]|`/.test(t) ? stripQuotes(t) : undefined;
  }
  /** Split at entry i into the given literal fields (word splitting of an unquoted expansion). */
  splitAt(i: number, fields: string[]): Words {
    const node = this.entries[i]!.node;
    return new Words(this.a, [...this.entries.slice(0, i), ...fields.map((f) => ({ node, fixed: f })), ...this.entries.slice(i + 1)]);
  }
}

interface Job {
  words: Words;
  i: number;
  via: string[];
  /** Past an exec-style wrapper: builtins and functions are not visible. */
  external: boolean;
  /** After `command`: functions are skipped. */
  noFunc: boolean;
  pathOverride?: string;
  value?: string;
}

// ---------------------------------------------------------------------------------------------------

class Analyzer {
  readonly state = new VarState();
  readonly functions = new Set<string>();
  /** Whether `runPath` (the PATH the script starts with) was consulted: see ShellAnalysis.startPathUsed. */
  startPathUsed = false;
  readonly errors: { row: number; col: number; message: string }[] = [];
  private readonly commands: RawCommand[] = [];
  private readonly guards: RawGuard[] = [];
  private readonly sources: RawSource[] = [];
  private readonly writes = new Set<string>();
  private readonly pathCache = new Map<string, string[]>();
  private checkErrors = false;
  private pathContext = false;
  private readonly substMemo = new Map<number, string | null>();
  /** ERROR nodes currently open in the walk (only the outermost is reported). */
  private openErrors = 0;
  /** A shell reading its script from stdin (`bash <<EOF`): the command's start index and via. */
  private stdinShell: { start: number; via: string[] } | undefined;

  constructor(
    private readonly parser: Parser,
    private readonly src: string,
    private readonly depth: number,
    initialPath: string | undefined,
    private readonly runPath: string | undefined,
  ) {
    if (initialPath !== undefined) this.state.set('PATH', [initialPath]);
  }

  run(): RawResult {
    try {
      const tree = this.parser.parse(this.src);
      if (!tree) {
        this.errors.push({ row: 0, col: 0, message: 'the bash parser returned no tree' });
      } else {
        let flat: FlatTree;
        try {
          flat = new FlatTree(tree, this.src);
        } finally {
          tree.delete();
        }
        this.checkErrors = flat.hasError;
        this.walk(flat);
      }
    } catch (err) {
      // Never throw on input: report it where the caller looks for "could not analyse".
      if (this.errors.length < MAX_ERRORS + 1) {
        this.errors.push({ row: 0, col: 0, message: `internal error while analysing: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    const commands = dedupe(
      this.commands
        .map((c, i) => ({ c, i }))
        .sort((x, y) => x.c.row - y.c.row || x.c.col - y.c.col || x.i - y.i)
        .map((x) => x.c),
      (c) => `${c.row}:${c.col}:${c.program}:${c.via.join('\u0001')}:${c.path?.join(':') ?? ''}`,
    );
    return {
      commands,
      guards: dedupe(this.guards, (g) => `${g.row}:${g.col}:${g.program}:${g.check}`),
      sources: dedupe(this.sources, (s) => `${s.row}:${s.col}:${s.path}`),
      writes: [...this.writes],
    };
  }

  finalPath(): string[] | undefined {
    const p = this.state.get('PATH');
    return p?.[0] !== undefined ? this.splitPath(p[0]).slice() : undefined;
  }

  // -- walk ------------------------------------------------------------------------------------------
  //
  // The nodes that matter, in document (pre-)order, from the flat copy of the tree; nesting is rebuilt
  // from their ranges with an explicit stack of open nodes, so the walk never recurses.

  private walk(tree: FlatTree): void {
    const nodes = tree.rootNode.descendantsOfType(WALK_TYPES);
    const stack: Open[] = [];
    for (const node of nodes) {
      const start = node.startIndex;
      this.advance(stack, start);
      this.visit(node, start, stack);
    }
    this.advance(stack, Number.POSITIVE_INFINITY);
    if (this.checkErrors) this.findMissing(tree);
    this.errors.sort((a, b) => a.row - b.row || a.col - b.col);
    this.errors.splice(MAX_ERRORS);
  }

  /** Closes the open nodes that end at or before `pos` and starts branches that begin by then. */
  private advance(stack: Open[], pos: number): void {
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) return;
      if (top.end <= pos) {
        stack.pop();
        if (top.type === 'ERROR') this.openErrors--;
        if (top.frame?.kind === 'restore') this.state.undo(top.frame.mark);
        else if (top.frame?.kind === 'branch') this.finishBranch(top.frame);
        continue;
      }
      const f = top.frame;
      if (f?.kind === 'branch' && f.mark < 0 && f.start !== undefined && f.start <= pos) {
        f.mark = this.state.mark();
        if (f.loopVar) this.state.set(f.loopVar.name, f.loopVar.values);
        continue;
      }
      return;
    }
  }

  private visit(node: Node, start: number, stack: Open[]): void {
    const type = node.type;
    const top = stack[stack.length - 1];
    const open = (frame: Frame, extra: Partial<Open> = {}): void => {
      stack.push({ type, end: node.endIndex, frame, ...extra });
    };
    const branch = (startAt: number | undefined): BranchFrame => ({ kind: 'branch', mark: -1, deltas: [], exhaustive: false, start: startAt });
    switch (type) {
      case 'command': {
        const nameStart = this.analyseCommand(node);
        open(null, { nameStart });
        return;
      }
      case 'variable_assignment':
        // VAR=value before a command name only applies to that command
        if (top?.type === 'command' && top.nameStart !== undefined && start < top.nameStart) return;
        this.assign(node);
        return;
      case 'if_statement': {
        const then = node.children.find((k) => k.type === 'then');
        open(branch(then ? then.startIndex : start));
        return;
      }
      case 'elif_clause':
      case 'else_clause':
        if (top?.type === 'if_statement' && top.frame?.kind === 'branch') {
          if (type === 'else_clause') top.frame.exhaustive = true;
          this.switchBranch(top.frame);
        }
        return;
      case 'case_statement':
        open(branch(undefined));
        return;
      case 'case_item':
        if (top?.type === 'case_statement' && top.frame?.kind === 'branch') {
          if (node.childrenForFieldName('value').some((v) => v.text === '*')) top.frame.exhaustive = true;
          this.switchBranch(top.frame);
        }
        return;
      case 'list': {
        const op = node.children.find((k) => k.type === '&&' || k.type === '||');
        open(branch(op ? op.endIndex : node.endIndex));
        return;
      }
      case 'for_statement': {
        const f = branch(node.childForFieldName('body')?.startIndex ?? node.endIndex);
        const variable = node.childForFieldName('variable')?.text;
        if (variable && NAME_RE.test(variable)) {
          const values: string[] = [];
          const valueNodes = node.childrenForFieldName('value');
          for (const v of valueNodes) for (const val of this.evalNode(v, 0, false) ?? []) values.push(val.text);
          f.loopVar = { name: variable, values: valueNodes.length ? uniq(values) : [] };
        }
        open(f);
        return;
      }
      case 'c_style_for_statement':
      case 'while_statement':
        open(branch(node.childForFieldName('body')?.startIndex ?? node.endIndex));
        return;
      case 'function_definition': {
        const name = node.childForFieldName('name')?.text;
        if (name) this.functions.add(name);
        open(branch(node.childForFieldName('body')?.startIndex ?? node.endIndex));
        return;
      }
      case 'subshell':
      case 'command_substitution':
      case 'process_substitution':
      case 'pipeline':
        open({ kind: 'restore', mark: this.state.mark() });
        return;
      case 'unset_command':
        for (const v of node.namedChildren) if (v.type === 'variable_name') this.state.set(v.text, []);
        return;
      case 'test_command':
        for (const u of node.descendantsOfType('unary_expression')) this.testGuard(u);
        return;
      case 'file_redirect':
        this.redirectWrite(node);
        return;
      case 'heredoc_body':
        this.heredoc(node);
        return;
      case 'ERROR':
        if (this.openErrors++ === 0) {
          const text = node.text.split('\n', 1)[0]!.slice(0, 40);
          const { row, column } = node.startPosition;
          this.error(row, column, `syntax error near "${text}"`);
        }
        open(null);
        return;
      default:
        return;
    }
  }

  /** MISSING nodes (only looked for when the tree has errors). */
  private findMissing(tree: FlatTree): void {
    let found = 0;
    for (let i = 0; i < tree.count && found < MAX_ERRORS; i++) {
      if (tree.missing?.[i] !== 1) continue;
      found++;
      const { row, column } = tree.position(tree.start[i]!);
      this.error(row, column, `missing "${tree.typeName(i)}"`);
    }
  }

  private switchBranch(f: BranchFrame): void {
    if (f.mark < 0) {
      f.mark = this.state.mark();
      return;
    }
    f.deltas.push(this.state.delta(f.mark));
    this.state.undo(f.mark);
  }

  private finishBranch(f: BranchFrame): void {
    if (f.mark < 0) return;
    this.switchBranch(f);
    const names = new Set<string>();
    for (const d of f.deltas) for (const k of d.keys()) names.add(k);
    for (const name of names) {
      const input = this.state.get(name);
      if (name === 'PATH') {
        // single-valued: a PATH change in a branch is assumed to be taken (the last one wins)
        let last: Values | undefined;
        for (const d of f.deltas) if (d.has(name)) last = d.get(name);
        if (last) this.state.set(name, last);
        continue;
      }
      const all: string[] = [];
      if (!f.exhaustive && input) all.push(...input);
      for (const d of f.deltas) all.push(...(d.get(name) ?? input ?? []));
      this.state.set(name, uniq(all));
    }
  }

  private error(row: number, col: number, message: string): void {
    if (this.errors.length < MAX_ERRORS * 2) this.errors.push({ row, col, message });
  }

  // -- values ----------------------------------------------------------------------------------------

  private currentPathString(): string | undefined {
    return this.state.get('PATH')?.[0];
  }

  private splitPath(p: string): string[] {
    let out = this.pathCache.get(p);
    if (!out) {
      out = [];
      for (const el of p.split(':')) {
        if (el === '$PATH') out.push(el);
        else if (el.includes('$') || el.includes('\u0000') || el.includes('`') || el.startsWith('~')) continue;
        else out.push(el === '' ? '.' : el);
      }
      this.pathCache.set(p, out);
    }
    return out;
  }

  private pathArray(override?: string): string[] | undefined {
    const p = override ?? this.currentPathString();
    return p === undefined ? undefined : this.splitPath(p).slice();
  }

  /** Evaluates the value of a PATH assignment to one PATH string. */
  private evalPath(node: Node | null): string {
    if (!node) return '';
    this.pathContext = true;
    try {
      return this.evalNode(node, 0, true)?.[0]?.text ?? '';
    } finally {
      this.pathContext = false;
    }
  }

  private lookup(name: string): Values | null {
    const v = this.state.get(name);
    if (v && v.length > 0) return v;
    if (name === '0' || name === 'BASH_SOURCE' || name === 'BASH_SOURCE[0]') return [SCRIPT_PATH];
    if (name === 'PATH' && this.pathContext) {
      this.startPathUsed = true;
      return [this.runPath ?? '$PATH'];
    }
    return null;
  }

  /** An unknown part in lenient mode: its source text, except $(…) which the outer shell has already run. */
  private opaque(node: Node): Val {
    const text = node.type === 'command_substitution' ? '${__subst}' : node.text;
    return { text, segs: [{ text, row: node.startPosition.row, col: node.startPosition.column, exact: false }] };
  }

  private valuesAt(values: Values, node: Node): Val[] {
    const { row, column } = node.startPosition;
    return values.map((text) => ({ text, segs: [{ text, row, col: column, exact: false }] }));
  }

  /**
   * Possible literal values of a word. null when some part is unknown, unless `lenient`, in which
   * case unknown parts keep their source text ('$HOME').
   */
  evalNode(node: Node, depth: number, lenient: boolean): Val[] | null {
    if (depth > MAX_EVAL_DEPTH) return lenient ? [this.opaque(node)] : null;
    const { row, column } = node.startPosition;
    // fast path: a plain word (most command names and arguments) needs no look at its children
    const start = node.startIndex;
    const len = node.endIndex - start;
    if (len > 0 && len <= 256) {
      const t = this.src.slice(start, start + len);
      if (PLAIN_WORD.test(t)) return [{ text: t, segs: [{ text: t, row, col: column, exact: true }] }];
      if (PLAIN_STRING.test(t)) {
        const body = t.slice(1, -1);
        return [{ text: body, segs: [{ text: body, row, col: column + 1, exact: true }] }];
      }
    }
    switch (node.type) {
      case 'word':
      case 'number':
      case 'extglob_pattern':
      case 'special_variable_name':
        return [literalVal(node.text, row, column, 'unquoted')];
      case 'raw_string': {
        const t = node.text;
        const body = t.length >= 2 && t.endsWith("'") ? t.slice(1, -1) : t.slice(1);
        return [{ text: body, segs: [{ text: body, row, col: column + 1, exact: true }] }];
      }
      case 'ansi_c_string': {
        const t = node.text;
        const body = t.length >= 3 && t.endsWith("'") ? t.slice(2, -1) : t.slice(2);
        const decoded = decodeAnsiC(body);
        return [{ text: decoded, segs: [{ text: decoded, row, col: column + 2, exact: decoded === body }] }];
      }
      case 'string':
      case 'translated_string':
        return this.evalSeq(node, 'dq', depth, lenient);
      case 'concatenation':
      case 'command_name':
        return this.evalSeq(node, 'unquoted', depth, lenient);
      case 'heredoc_body':
        return node.childCount === 0
          ? [literalVal(node.text, row, column, 'raw')]
          : this.evalSeq(node, 'heredoc', depth, lenient);
      case 'simple_expansion': {
        const name = node.lastNamedChild?.text;
        const v = name ? this.lookup(name) : null;
        return v ? this.valuesAt(v, node) : lenient ? [this.opaque(node)] : null;
      }
      case 'expansion':
        return this.evalExpansion(node, depth, lenient);
      case 'command_substitution': {
        const v = this.evalSubstitution(node, depth);
        return v ? this.valuesAt([v], node) : lenient ? [this.opaque(node)] : null;
      }
      default:
        return lenient ? [this.opaque(node)] : null;
    }
  }

  /** Children of a node in order, the text between them being literal. */
  private evalSeq(node: Node, mode: 'unquoted' | 'dq' | 'heredoc', depth: number, lenient: boolean, from = 0, to = -1): Val[] | null {
    const kids = node.children;
    const end = to < 0 ? kids.length : to;
    const parts: Val[][] = [];
    let prevEnd = from === 0 ? node.startIndex : kids[from - 1]!.endIndex;
    let prevPos = from === 0 ? node.startPosition : kids[from - 1]!.endPosition;
    const gap = (until: number): void => {
      if (until > prevEnd) parts.push([literalVal(this.src.slice(prevEnd, until), prevPos.row, prevPos.column, mode)]);
    };
    for (let i = from; i < end; i++) {
      const k = kids[i]!;
      gap(k.startIndex);
      prevEnd = k.endIndex;
      prevPos = k.endPosition;
      if (!k.isNamed) {
        if (k.type === '"' || k.type === '$"') continue;
        parts.push([literalVal(k.text, k.startPosition.row, k.startPosition.column, mode)]);
        continue;
      }
      if (k.type === 'string_content' || k.type === 'heredoc_content') {
        parts.push([literalVal(k.text, k.startPosition.row, k.startPosition.column, mode)]);
        continue;
      }
      const v = this.evalNode(k, depth + 1, lenient);
      if (!v) return null;
      parts.push(v);
    }
    if (to < 0) gap(node.endIndex);
    return product(parts);
  }

  private evalExpansion(node: Node, depth: number, lenient: boolean): Val[] | null {
    const unknown = (): Val[] | null => (lenient ? [this.opaque(node)] : null);
    const kids = node.children;
    const base = kids[1];
    if (!base || !base.isNamed) return unknown(); // ${#X}, ${!X}
    let name: string | undefined;
    if (base.type === 'variable_name' || base.type === 'special_variable_name') name = base.text;
    else if (base.type === 'subscript') {
      const n = base.childForFieldName('name')?.text;
      const idx = base.childForFieldName('index')?.text;
      if (n === 'BASH_SOURCE' && (idx === '0' || idx === undefined)) name = 'BASH_SOURCE';
    }
    if (!name) return unknown();
    const opIndex = kids.findIndex((k) => k.type !== '${' && !k.isNamed && k.type !== '}');
    if (opIndex < 0) {
      const v = this.lookup(name);
      return v ? this.valuesAt(v, node) : unknown();
    }
    const op = kids[opIndex]!.type;
    if (op === ':-' || op === '-' || op === ':=' || op === '=') {
      const known = this.state.get(name);
      if (known && known.length > 0) return this.valuesAt(known, node);
      const closing = kids.length - 1;
      if (kids[closing]?.type !== '}') return unknown();
      const v = this.evalSeq(node, 'unquoted', depth, lenient, opIndex + 1, closing);
      return v ?? unknown();
    }
    if ((op === '%' || op === '%%') && (name === '0' || name === 'BASH_SOURCE')) {
      const pattern = kids[opIndex + 1]?.text;
      if (pattern === '/*') return this.valuesAt([SCRIPT_DIR], node);
    }
    return unknown();
  }

  /** $(dirname "$0"), $(cd "$(dirname "$0")" && pwd), $(command -v x), $(which x); else null. */
  private evalSubstitution(node: Node, depth: number): string | null {
    if (depth > MAX_EVAL_DEPTH) return null;
    // only a few plain commands are understood: look at the first word's text before anything else
    const head = SUBST_HEAD.exec(this.src.slice(node.startIndex, node.startIndex + 64));
    if (!head || !SUBST_PROGRAMS.has(head[1]!)) return null;
    const key = node.startIndex;
    const memo = this.substMemo.get(key);
    if (memo !== undefined) return memo;
    const result = this.evalSubstitutionUncached(node, depth);
    this.substMemo.set(key, result);
    return result;
  }

  private evalSubstitutionUncached(node: Node, depth: number): string | null {
    const kids = node.namedChildren.filter((k) => k.type !== 'comment');
    const words = (cmd: Node): Words | null => {
      if (cmd.type !== 'command') return null;
      const entries: WordEntry[] = [];
      for (const k of cmd.namedChildren) {
        if (k.type === 'variable_assignment' || REDIRECT_TYPES.has(k.type)) continue;
        entries.push({ node: k });
      }
      return entries.length ? new Words(this, entries) : null;
    };
    const litDeep = (w: Words, i: number): string | null => {
      const e = w.entries[i];
      if (!e) return null;
      return this.evalNode(e.node, depth + 1, false)?.[0]?.text ?? null;
    };
    const single = (cmd: Node): string | null => {
      const w = words(cmd);
      if (!w) return null;
      const lit = (i: number): string | null => litDeep(w, i);
      const prog = lit(0);
      if (prog === null) return null;
      const base = baseName(prog);
      const first = skipOptions(lit, w.length, 1, NONE);
      const arg = lit(first);
      switch (base) {
        case 'dirname':
          if (arg === SCRIPT_PATH || arg === SCRIPT_DIR) return SCRIPT_DIR;
          if (arg?.startsWith(SCRIPT_DIR)) return SCRIPT_DIR + posix.dirname(arg.slice(SCRIPT_DIR.length) || '/').replace(/^\/$/, '');
          if (arg?.startsWith('/') && !arg.includes('\u0000')) return posix.dirname(arg);
          return null;
        case 'readlink':
        case 'realpath':
          return arg === SCRIPT_PATH || arg === SCRIPT_DIR ? arg : null;
        case 'command': {
          const opt = lit(1);
          return opt === '-v' && lit(2) !== null && !lit(2)!.includes('\u0000') ? lit(2) : null;
        }
        case 'which':
          return arg !== null && !arg.includes('\u0000') ? arg : null;
        case 'type': {
          const opt = lit(1);
          return (opt === '-p' || opt === '-P') && lit(2) !== null ? lit(2) : null;
        }
        default:
          return null;
      }
    };
    const cdPwd = (cd: Node | undefined, pwd: Node | undefined): string | null => {
      if (!cd || !pwd) return null;
      const w1 = words(cd);
      const w2 = words(pwd);
      if (!w1 || !w2 || litDeep(w1, 0) !== 'cd' || litDeep(w2, 0) !== 'pwd') return null;
      const lit = (i: number): string | null => litDeep(w1, i);
      const dir = lit(skipOptions(lit, w1.length, 1, NONE));
      return dir === SCRIPT_DIR ? SCRIPT_DIR : null;
    };
    if (kids.length === 1) {
      const k = kids[0]!;
      if (k.type === 'command') return single(k);
      if (k.type === 'list') {
        const parts = k.namedChildren;
        return parts.length === 2 ? cdPwd(parts[0], parts[1]) : null;
      }
      return null;
    }
    if (kids.length === 2) return cdPwd(kids[0], kids[1]);
    return null;
  }

  /** Renders a value as a path for writes/sources; null if it is not a usable literal. */
  private renderPath(v: string): { path: string; relativeTo?: 'cwd' | 'script' } | null {
    if (v === '') return null;
    if (v.startsWith(SCRIPT_DIR)) {
      const rest = v.slice(SCRIPT_DIR.length);
      if (rest.includes('\u0000')) return null;
      if (rest === '') return { path: '.', relativeTo: 'script' };
      if (!rest.startsWith('/')) return null;
      return { path: `.${rest}`, relativeTo: 'script' };
    }
    if (v.includes('\u0000') || v.startsWith('~')) return null;
    return v.startsWith('/') ? { path: v } : { path: v, relativeTo: 'cwd' };
  }

  // -- assignments -----------------------------------------------------------------------------------

  private assign(node: Node): void {
    const nameNode = node.childForFieldName('name');
    if (!nameNode || nameNode.type !== 'variable_name') return;
    const name = nameNode.text;
    const append = node.children.some((k) => k.type === '+=');
    const value = node.childForFieldName('value');
    let values: string[];
    if (name === 'PATH') {
      const v = this.evalPath(value);
      const current = this.currentPathString();
      if (append && current === undefined) this.startPathUsed = true;
      const old = current ?? this.runPath ?? '$PATH';
      values = [append ? old + v : v];
    } else if (!value) values = [''];
    else if (value.type === 'array') values = [];
    else {
      values = uniq((this.evalNode(value, 0, false) ?? []).map((v) => v.text));
      if (append) {
        const old = this.state.get(name);
        values = old && old.length ? uniq(old.flatMap((o) => values.map((v) => o + v))) : [];
      }
    }
    this.state.set(name, values);
  }

  // -- commands --------------------------------------------------------------------------------------

  /** Analyses one simple command; returns where its name starts. */
  private analyseCommand(node: Node): number | undefined {
    const kids = node.namedChildren;
    const types = kids.map((k) => k.type);
    const nameIdx = types.indexOf('command_name');
    if (nameIdx < 0) return undefined;
    // tree-sitter-bash attaches `A=1 B=2<newline>cmd` to cmd as prefixes: a newline ends the statement.
    let standalone = -1;
    for (let j = 0; j < nameIdx; j++) {
      const gap = this.src.slice(kids[j]!.endIndex, kids[j + 1]!.startIndex);
      if (hasUnescapedNewline(gap)) standalone = j;
    }
    let pathOverride: string | undefined;
    for (let j = 0; j < nameIdx; j++) {
      const k = kids[j]!;
      if (types[j] !== 'variable_assignment') continue;
      if (j <= standalone) this.assign(k);
      else if (k.childForFieldName('name')?.text === 'PATH') pathOverride = this.evalPath(k.childForFieldName('value'));
    }
    const nameNode = kids[nameIdx]!;
    const nameText = nameNode.text;
    if (MISPLACED_KEYWORDS.has(nameText)) {
      // tree-sitter-bash takes a stray `fi` or `done` for a command; bash refuses the script
      this.error(nameNode.startPosition.row, nameNode.startPosition.column, `syntax error near unexpected "${nameText}"`);
      return nameNode.startIndex;
    }
    const entries: WordEntry[] = [{ node: nameNode }];
    for (let j = nameIdx + 1; j < kids.length; j++) {
      if (!REDIRECT_TYPES.has(types[j]!) && types[j] !== 'comment') entries.push({ node: kids[j]! });
    }
    const jobs: Job[] = [{ words: new Words(this, entries), i: 0, via: [], external: false, noFunc: false, pathOverride }];
    for (let n = 0; n < MAX_JOBS && jobs.length > 0; n++) this.runJob(jobs.shift()!, jobs, node);
    return nameNode.startIndex;
  }

  private runJob(job: Job, jobs: Job[], cmdNode: Node): void {
    const { words, i } = job;
    if (i >= words.length) return;
    let value = job.value;
    if (value === undefined) {
      const vals = words.vals(i);
      if (!vals) return;
      const texts = uniq(vals.map((v) => v.text));
      if (texts.length !== 1) {
        for (const t of texts) jobs.push({ ...job, value: t });
        return;
      }
      value = texts[0]!;
    }
    // word splitting of an unquoted expansion: "$X" stays one word, $X with spaces does not
    if (/\s/.test(value.trim()) && words.entries[i]!.fixed === undefined && isUnquotedExpansion(words.node(i))) {
      const fields = value.trim().split(/\s+/);
      jobs.push({ ...job, words: words.splitAt(i, fields), via: this.viaWith(job.via, words.viaText(i)), value: undefined });
      return;
    }
    const via = this.viaWith(job.via, words.viaText(i));
    if (value.trim() === '') {
      // an unquoted expansion that is empty disappears: `$SUDO yum install` with SUDO=''
      if (words.entries[i]!.fixed !== undefined || isUnquotedExpansion(words.node(i))) jobs.push({ ...job, i: i + 1, value: undefined });
      return;
    }
    if (value.startsWith('~')) return;
    const pos = words.node(i).startPosition;
    let program = value;
    let relativeTo: 'cwd' | 'script' | undefined;
    if (value.startsWith(SCRIPT_DIR)) {
      const r = this.renderPath(value);
      if (!r) return;
      program = r.path;
      relativeTo = 'script';
    } else if (value.includes('\u0000')) return;
    const bare = !program.includes('/');
    if (bare && !job.external && SHELL_BUILTINS.has(program)) {
      this.builtin(program, { ...job, via }, jobs, cmdNode);
      return;
    }
    if (/[*?]/.test(program)) return;
    const kind: ShellCommand['kind'] = bare ? 'bare' : program.startsWith('/') ? 'absolute' : 'relative';
    if (kind === 'relative') relativeTo ??= 'cwd';
    const rec: RawCommand = {
      program,
      kind,
      row: pos.row,
      col: pos.column,
      via,
      shellLookup: !job.external && !job.noFunc,
    };
    const path = this.pathArray(job.pathOverride);
    if (path) rec.path = path;
    if (relativeTo) rec.relativeTo = relativeTo;
    this.commands.push(rec);
    this.external(baseName(program), { ...job, via }, jobs, cmdNode);
  }

  private viaWith(via: string[], extra: string | undefined): string[] {
    return extra === undefined ? via : [...via, extra];
  }

  private guard(program: string, check: string, node: Node): void {
    if (!program || program.includes('\u0000')) return;
    const { row, column } = node.startPosition;
    this.guards.push({ program, check, row, col: column });
  }

  private write(v: string | null): void {
    if (v === null) return;
    const r = this.renderPath(v);
    if (!r || r.path.startsWith('/dev/') || r.path === '-' || /[$`]|\{\}/.test(r.path)) return;
    this.writes.add(r.path);
  }

  private builtin(name: string, job: Job, jobs: Job[], cmdNode: Node): void {
    const w = job.words;
    const n = w.length;
    const lit = w.opt;
    const next = job.i + 1;
    switch (name) {
      case 'exec':
        jobs.push({ ...job, i: skipOptions(lit, n, next, EXEC), via: [...job.via, 'exec'], external: true, value: undefined });
        return;
      case 'time':
      case 'coproc':
        jobs.push({ ...job, i: skipOptions(lit, n, next, NONE), via: [...job.via, name], value: undefined });
        return;
      case 'command': {
        let i = next;
        let lookup = false;
        for (; i < n; i++) {
          const a = lit(i);
          if (a === '--') {
            i++;
            break;
          }
          if (a === null || !a.startsWith('-') || a.length < 2) break;
          if (a.includes('v') || a.includes('V')) lookup = true;
        }
        if (lookup) {
          for (; i < n; i++) for (const v of w.all(i)) this.guard(v, 'command -v', w.node(i));
        } else jobs.push({ ...job, i, via: [...job.via, 'command'], noFunc: true, value: undefined });
        return;
      }
      case 'type':
      case 'hash': {
        const s = scanArgs(lit, n, next, name === 'hash' ? HASH : NONE);
        if (name === 'hash' && (s.flags.has('r') || s.flags.has('d') || s.flags.has('t') || s.flags.has('l'))) return;
        for (const i of s.operands) for (const v of w.all(i)) this.guard(v, name, w.node(i));
        return;
      }
      case 'test':
      case '[':
        for (let i = next; i + 1 < n; i++) {
          const op = lit(i);
          if (op && FILE_TESTS.has(op) && !(op === '-a' && i > next)) {
            for (const v of w.all(i + 1)) this.guard(v, op, w.node(i + 1));
            i++;
          }
        }
        return;
      case 'source':
      case '.':
        for (const v of w.all(next)) {
          const r = this.renderPath(v);
          if (!r) continue;
          const pos = w.node(next).startPosition;
          const src: RawSource = { path: r.path, row: pos.row, col: pos.column };
          if (r.relativeTo) src.relativeTo = r.relativeTo;
          this.sources.push(src);
        }
        return;
      case 'echo':
      case 'printf':
        this.cronFromArgs(job, cmdNode);
        return;
      case 'read':
      case 'mapfile':
      case 'readarray': {
        const s = scanArgs(lit, n, next, READ);
        for (const i of s.operands) {
          const v = lit(i);
          if (v && NAME_RE.test(v)) this.state.set(v, []);
        }
        for (const arr of w.optValues(s.opts.get('a'))) if (NAME_RE.test(arr)) this.state.set(arr, []);
        return;
      }
      case 'unset': {
        const s = scanArgs(lit, n, next, NONE);
        if (s.flags.has('f')) return;
        for (const i of s.operands) {
          const v = lit(i);
          if (v && NAME_RE.test(v)) this.state.set(v, []);
        }
        return;
      }
      default:
        return;
    }
  }

  /** After reporting `base` as a command: follow wrappers, record guards, writes, cron lines. */
  private external(base: string, job: Job, jobs: Job[], cmdNode: Node): void {
    const w = job.words;
    const n = w.length;
    const lit = w.opt;
    const next = job.i + 1;
    const wrap = (i: number, extra: Partial<Job> = {}): void => {
      jobs.push({ ...job, i, via: [...job.via, base], external: true, noFunc: false, value: undefined, ...extra });
    };
    switch (base) {
      case 'sudo':
      case 'doas': {
        const i = skipOptions(lit, n, next, base === 'sudo' ? SUDO : DOAS);
        wrap(i);
        return;
      }
      case 'env': {
        let pathOverride = job.pathOverride;
        for (let i = next; i < n; i++) {
          const a = lit(i);
          if (a === null || !ASSIGNMENT_RE.test(a)) {
            if (a !== null && a.startsWith('-')) continue;
            break;
          }
          const e = w.entries[i]!;
          if (a.startsWith('PATH=') && e.fixed === undefined) pathOverride = this.evalPath(e.node).slice(5);
        }
        wrap(skipOptions(lit, n, next, ENV), { pathOverride });
        return;
      }
      case 'nohup':
      case 'setsid':
        wrap(skipOptions(lit, n, next, NONE));
        return;
      case 'timeout': {
        const i = skipOptions(lit, n, next, TIMEOUT);
        wrap(i + 1);
        return;
      }
      case 'nice':
        wrap(skipOptions(lit, n, next, NICE));
        return;
      case 'xargs': {
        const i = skipOptions(lit, n, next, XARGS);
        if (i < n) wrap(i);
        return;
      }
      case 'stdbuf':
        wrap(skipOptions(lit, n, next, STDBUF));
        return;
      case 'ionice':
        wrap(skipOptions(lit, n, next, IONICE));
        return;
      case 'which':
        for (const i of scanArgs(lit, n, next, NONE).operands) for (const v of w.all(i)) this.guard(v, 'which', w.node(i));
        return;
      case 'su':
      case 'runuser': {
        const s = scanArgs(lit, n, next, SU);
        if (base === 'runuser' && s.opts.has('u')) {
          // runuser -u user [--] cmd args
          wrap(skipOptions(lit, n, next, SU));
          return;
        }
        const cmdIdx = this.optionIndex(w, next, ['-c', '--command']);
        if (cmdIdx >= 0) this.shellString(w, cmdIdx, [...job.via, `${base} -c`]);
        return;
      }
      case 'flock': {
        const cIdx = this.optionIndex(w, next, ['-c', '--command']);
        if (cIdx >= 0) {
          this.shellString(w, cIdx, [...job.via, 'flock -c']);
          return;
        }
        const lockIdx = skipOptions(lit, n, next, FLOCK);
        if (lockIdx + 1 < n) wrap(lockIdx + 1);
        return;
      }
      case 'chroot':
      case 'ssh':
        return;
      case 'find': {
        // find … -exec cmd {} \; runs cmd for each match
        for (let i = next; i < n - 1; i++) {
          const a = lit(i);
          if (a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir') {
            let end = i + 1;
            while (end < n && w.lit(end) !== ';' && w.lit(end) !== '+') end++;
            wrap(i + 1, { words: new Words(this, w.entries.slice(0, end)) });
            break;
          }
        }
        return;
      }
      case 'cp':
      case 'mv':
      case 'install':
      case 'ln':
        this.copyWrites(base, w, next);
        return;
      case 'mkdir':
        for (const i of scanArgs(lit, n, next, MKDIR).operands) for (const v of w.all(i)) this.write(v);
        return;
      case 'chmod': {
        const s = scanArgs(lit, n, next, CHMOD);
        const mode = s.operands.length > 0 ? lit(s.operands[0]!) : null;
        if (mode && (/^[ugoa]*[+=][rwxXst]*x/.test(mode) || /[+=][rwXst]*x/.test(mode) || (/^[0-7]{3,4}$/.test(mode) && /[1357]/.test(mode.slice(-3))))) {
          for (const i of s.operands.slice(1)) for (const v of w.all(i)) this.write(v);
        }
        return;
      }
      case 'tee':
        for (const i of scanArgs(lit, n, next, NONE).operands) for (const v of w.all(i)) this.write(v);
        return;
      case 'curl': {
        const s = scanArgs(lit, n, next, CURL);
        for (const key of ['o', 'output', 'output-dir']) for (const v of w.optValues(s.opts.get(key))) this.write(v);
        return;
      }
      case 'wget': {
        const s = scanArgs(lit, n, next, WGET);
        for (const key of ['O', 'output-document', 'P', 'directory-prefix']) for (const v of w.optValues(s.opts.get(key))) this.write(v);
        return;
      }
      case 'tar': {
        const s = scanArgs(lit, n, next, TAR);
        for (const key of ['C', 'directory']) for (const v of w.optValues(s.opts.get(key))) this.write(v);
        return;
      }
      case 'unzip': {
        const s = scanArgs(lit, n, next, UNZIP);
        for (const v of w.optValues(s.opts.get('d'))) this.write(v);
        return;
      }
      case 'aws':
        this.awsWrites(w, next);
        return;
      case 'echo':
      case 'printf':
        this.cronFromArgs(job, cmdNode);
        return;
      default:
        if (SHELLS.has(base)) this.shellCommand(base, job, cmdNode);
        return;
    }
  }

  /** Index of the argument following one of `names` (also -xc style clusters for '-c'). */
  private optionIndex(w: Words, from: number, names: string[]): number {
    for (let i = from; i < w.length - 1; i++) {
      const a = w.opt(i);
      if (a === null) continue;
      if (names.includes(a)) return i + 1;
      if (names.includes('-c') && /^-[a-zA-Z]*c$/.test(a) && !a.startsWith('--')) return i + 1;
    }
    return -1;
  }

  private shellCommand(base: string, job: Job, cmdNode: Node): void {
    const w = job.words;
    const n = w.length;
    let i = job.i + 1;
    let hasC = false;
    for (; i < n; i++) {
      const a = w.opt(i);
      if (a === null) break;
      if (a === '--' || a === '-') {
        i++;
        break;
      }
      if (a.startsWith('--')) {
        if (SHELL_OPTS.long?.includes(a.slice(2))) i++;
        continue;
      }
      if ((a[0] === '-' || a[0] === '+') && a.length > 1) {
        if (a.includes('c')) hasC = true;
        if (/[oO]$/.test(a)) i++;
        continue;
      }
      break;
    }
    if (hasC) {
      if (i < n) this.shellString(w, i, [...job.via, `${base} -c`]);
      return;
    }
    if (i >= n) this.stdinShell = { start: cmdNode.startIndex, via: [...job.via, `${base} <<EOF`] };
  }

  /** Analyses word `i` (a literal script string) as a nested script. */
  private shellString(w: Words, i: number, via: string[]): void {
    const e = w.entries[i];
    if (!e || e.fixed !== undefined) return;
    const val = this.evalNode(e.node, 0, true)?.[0];
    if (val) this.embedded(val, 0, val.text.length, via, this.currentPathString(), false);
  }

  private copyWrites(base: string, w: Words, from: number): void {
    const s = scanArgs(w.opt, w.length, from, base === 'install' ? INSTALL : CP);
    const target = [...w.optValues(s.opts.get('t')), ...w.optValues(s.opts.get('target-directory'))];
    const ops = s.operands;
    if (base === 'install' && (s.flags.has('d') || s.flags.has('directory'))) {
      for (const i of ops) for (const v of w.all(i)) this.write(v);
      return;
    }
    const srcBase = (i: number): string | null => {
      const v = w.lit(i);
      return v === null || v.includes('\u0000') ? null : baseName(v.replace(/\/+$/, ''));
    };
    if (target.length > 0) {
      for (const dir of target) {
        this.write(dir);
        for (const i of ops) {
          const b = srcBase(i);
          if (b) this.write(`${dir.replace(/\/+$/, '')}/${b}`);
        }
      }
      return;
    }
    if (ops.length < 2) return;
    const destIdx = ops[ops.length - 1]!;
    const srcs = ops.slice(0, -1);
    for (const dest of w.all(destIdx)) {
      this.write(dest);
      if (dest.endsWith('/') || srcs.length > 1) {
        for (const i of srcs) {
          const b = srcBase(i);
          if (b) this.write(`${dest.replace(/\/+$/, '')}/${b}`);
        }
      }
    }
  }

  private awsWrites(w: Words, from: number): void {
    if (w.opt(from) !== 's3' || !['cp', 'mv', 'sync'].includes(w.opt(from + 1) ?? '')) return;
    const FLAGS = new Set(['recursive', 'quiet', 'dryrun', 'no-progress', 'delete', 'exact-timestamps', 'only-show-errors', 'follow-symlinks', 'no-follow-symlinks', 'no-guess-mime-type', 'force-glacier-transfer', 'ignore-glacier-warnings', 'no-sign-request', 'debug', 'no-verify-ssl', 'no-paginate', 'size-only']);
    const positional: number[] = [];
    for (let i = from + 2; i < w.length; i++) {
      const a = w.opt(i);
      if (a !== null && a.startsWith('--')) {
        if (!a.includes('=') && !FLAGS.has(a.slice(2))) i++;
        continue;
      }
      positional.push(i);
    }
    const destIdx = positional[1];
    if (destIdx === undefined) return;
    for (const v of w.all(destIdx)) if (!v.startsWith('s3://') && v !== '-') this.write(v);
  }

  // -- guards, redirects -----------------------------------------------------------------------------

  private testGuard(node: Node): void {
    const op = node.childForFieldName('operator');
    if (!op || op.type !== 'test_operator' || !FILE_TESTS.has(op.text)) return;
    let operand: Node | null = null;
    for (const k of node.namedChildren) {
      if (k.startIndex > op.startIndex) {
        operand = k;
        break;
      }
    }
    // `[ -x a -a -f b ]` parses as -x (a -a (-f b))
    if (operand?.type === 'binary_expression') operand = operand.childForFieldName('left');
    if (!operand) return;
    for (const v of this.evalNode(operand, 0, false) ?? []) this.guard(v.text, op.text, operand);
  }

  private redirectWrite(node: Node): void {
    const dest = node.childForFieldName('destination');
    if (!dest || dest.type === 'number') return;
    const op = node.children.find((k) => !k.isNamed);
    if (!op || !WRITE_REDIRECTS.has(op.type)) return;
    for (const v of this.evalNode(dest, 0, false) ?? []) this.write(v.text);
  }

  // -- heredocs and cron -----------------------------------------------------------------------------

  private heredoc(body: Node): void {
    const hr = body.parent;
    const owner = hr?.parent;
    if (!hr || !owner) return;
    const cmd = owner.type === 'redirected_statement' ? owner.childForFieldName('body') : owner;
    if (this.stdinShell && cmd && cmd.startIndex === this.stdinShell.start) {
      const via = this.stdinShell.via;
      this.stdinShell = undefined;
      const val = this.evalNode(body, 0, true)?.[0];
      if (val) this.embedded(val, 0, val.text.length, via, this.currentPathString(), false);
      return;
    }
    if (!CRON_HINT.test(body.text)) return;
    let format: CronFormat | undefined | null = null;
    const getFormat = (): CronFormat | undefined => {
      if (format === null) format = this.heredocSink(hr, owner, cmd);
      return format;
    };
    for (const val of this.evalNode(body, 0, true) ?? []) this.cronFromVal(val, [], getFormat);
  }

  private heredocSink(hr: Node, owner: Node, cmd: Node | null): CronFormat | undefined {
    for (const k of hr.namedChildren) {
      if (k.type === 'file_redirect') {
        const f = this.redirectSink(k);
        if (f) return f;
      } else if (k.type === 'pipeline') {
        for (const p of k.namedChildren) {
          const f = this.sinkOfCommand(p);
          if (f) return f;
        }
      }
    }
    if (cmd) {
      const f = this.sinkOfCommand(cmd);
      if (f) return f;
    }
    return this.sinkAbove(cmd ?? owner);
  }

  private redirectSink(r: Node): CronFormat | undefined {
    const dest = r.childForFieldName('destination');
    if (!dest) return undefined;
    const v = this.evalNode(dest, 0, false)?.[0]?.text ?? null;
    return classifyCronPath(v);
  }

  /** `crontab -`, `crontab` (stdin), `tee /etc/cron.d/x`, optionally behind sudo. */
  private sinkOfCommand(node: Node): CronFormat | undefined {
    if (node.type === 'redirected_statement') {
      for (const k of node.namedChildren) {
        if (k.type === 'file_redirect') {
          const f = this.redirectSink(k);
          if (f) return f;
        }
      }
      const body = node.childForFieldName('body');
      return body ? this.sinkOfCommand(body) : undefined;
    }
    if (node.type !== 'command') return undefined;
    const entries: WordEntry[] = [];
    for (const k of node.namedChildren) {
      if (k.type === 'variable_assignment' || REDIRECT_TYPES.has(k.type)) continue;
      entries.push({ node: k });
    }
    const w = new Words(this, entries);
    let i = 0;
    while (i < w.length && baseName(w.lit(i) ?? '') === 'sudo') i = skipOptions(w.opt, w.length, i + 1, SUDO);
    const prog = baseName(w.lit(i) ?? '');
    if (prog === 'crontab') {
      const s = scanArgs(w.opt, w.length, i + 1, CRONTAB);
      if (s.flags.has('l') || s.flags.has('r') || s.flags.has('e')) return undefined;
      return s.operands.every((j) => w.lit(j) === '-') ? 'user' : undefined;
    }
    if (prog === 'tee') {
      for (const j of scanArgs(w.opt, w.length, i + 1, NONE).operands) {
        const f = classifyCronPath(w.lit(j));
        if (f) return f;
      }
    }
    return undefined;
  }

  /** Where the output of `node` goes: its redirects, enclosing redirects and later pipeline stages. */
  private sinkAbove(node: Node, skipOwn = false): CronFormat | undefined {
    if (!skipOwn) {
      for (const k of node.namedChildren) {
        if (k.type === 'file_redirect') {
          const f = this.redirectSink(k);
          if (f) return f;
        }
      }
    }
    let cur = node;
    for (let steps = 0; steps < 16; steps++) {
      const p = cur.parent;
      if (!p) return undefined;
      if (p.type === 'redirected_statement') {
        for (const k of p.namedChildren) {
          if (k.type === 'file_redirect') {
            const f = this.redirectSink(k);
            if (f) return f;
          }
        }
      } else if (p.type === 'pipeline') {
        for (const k of p.namedChildren) {
          if (k.startIndex <= cur.startIndex) continue;
          const f = this.sinkOfCommand(k);
          if (f) return f;
        }
      } else if (!['subshell', 'compound_statement', 'list', 'do_group', 'if_statement', 'else_clause', 'elif_clause', 'case_item', 'case_statement', 'while_statement', 'for_statement'].includes(p.type)) {
        return undefined;
      }
      cur = p;
    }
    return undefined;
  }

  private cronFromArgs(job: Job, cmdNode: Node): void {
    const w = job.words;
    let format: CronFormat | undefined | null = null;
    const getFormat = (): CronFormat | undefined => {
      if (format === null) format = this.sinkAbove(cmdNode);
      return format;
    };
    for (let i = job.i + 1; i < w.length; i++) {
      const e = w.entries[i]!;
      if (e.fixed !== undefined) continue;
      if (!CRON_HINT.test(e.node.text)) continue;
      for (const val of this.evalNode(e.node, 0, true) ?? []) this.cronFromVal(val, job.via, getFormat);
    }
  }

  private cronFromVal(val: Val, via: string[], getFormat: () => CronFormat | undefined): void {
    const text = val.text;
    let cronPath = CRON_DEFAULT_PATH;
    // lines: real newlines, or \n escapes as echo -e / printf would expand them
    let start = 0;
    while (start <= text.length) {
      let end = text.length;
      let nextStart = text.length + 1;
      for (let k = start; k < text.length; k++) {
        if (text[k] === '\n') {
          end = k;
          nextStart = k + 1;
          break;
        }
        if (text[k] === '\\' && text[k + 1] === 'n') {
          end = k;
          nextStart = k + 2;
          break;
        }
      }
      const lineStart = start;
      start = nextStart;
      const line = text.slice(lineStart, end);
      const tokens: { t: string; s: number }[] = [];
      const re = /\S+/g;
      for (let m = re.exec(line); m && tokens.length < 8; m = re.exec(line)) tokens.push({ t: m[0], s: m.index });
      const first = tokens[0];
      if (!first || first.t.startsWith('#')) continue;
      const env = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
      if (env) {
        if (env[1] === 'PATH') cronPath = env[2]!.trim().replace(/^["']|["']$/g, '');
        continue;
      }
      let k: number;
      if (CRON_MACRO.test(first.t)) k = 1;
      else {
        if (tokens.length < 6) continue;
        const fields = tokens.slice(0, 5).map((x) => x.t);
        const valid = CRON_TIME_FIELD.test(fields[0]!) && CRON_TIME_FIELD.test(fields[1]!) && fields.slice(2).every((f) => CRON_DATE_FIELD.test(f));
        if (!valid) continue;
        if (!fields.some((f) => f.includes('*')) && getFormat() === undefined) continue;
        k = 5;
      }
      const format = getFormat();
      // system crontabs have a user field; elsewhere a well-known user name followed by more words is
      // taken as one too (a system-format line written to an unknown place)
      const user = tokens[k];
      if (user && tokens.length > k + 1 && (format === 'system' ? USER_RE.test(user.t) : COMMON_USERS.has(user.t))) k++;
      const cmd = tokens[k];
      if (!cmd) continue;
      let cmdEnd = end;
      for (let p = lineStart + cmd.s; p < end; p++) {
        if (text[p] === '%' && text[p - 1] !== '\\') {
          cmdEnd = p;
          break;
        }
      }
      this.embedded(val, lineStart + cmd.s, cmdEnd, [...via, 'cron'], cronPath, true);
    }
  }

  /** Analyses text[start, end) of a value as a script and merges the results with mapped positions. */
  private embedded(val: Val, start: number, end: number, via: string[], initialPath: string | undefined, cron: boolean): void {
    if (this.depth >= MAX_NESTING) return;
    const text = val.text.slice(start, end).replaceAll('\u0000', '$');
    if (!text.trim()) return;
    const inner = new Analyzer(this.parser, text, this.depth + 1, initialPath, this.runPath);
    const r = inner.run();
    if (inner.startPathUsed) this.startPathUsed = true;
    const starts = lineStarts(text);
    const map = (row: number, col: number): { row: number; col: number } => posAt(val, start + (starts[row] ?? 0) + col);
    for (const c of r.commands) {
      if (c.shellLookup && c.kind === 'bare' && inner.functions.has(c.program)) continue;
      const p = map(c.row, c.col);
      const out: RawCommand = { ...c, row: p.row, col: p.col, via: [...via, ...c.via], shellLookup: false };
      if (!out.path) {
        const path = cron ? this.splitPath(initialPath ?? CRON_DEFAULT_PATH).slice() : this.pathArray();
        if (path) out.path = path;
      }
      this.commands.push(out);
    }
    for (const g of r.guards) this.guards.push({ ...g, ...map(g.row, g.col) });
    for (const s of r.sources) this.sources.push({ ...s, ...map(s.row, s.col) });
    for (const wr of r.writes) this.writes.add(wr);
  }
}
