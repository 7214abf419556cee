// The Terraform of the checkout: which files belong to which environment, and the local module graph.
import { dirname, posix } from 'node:path';
import { globMatcher } from '../config/glob.js';
import type { Settings } from '../config/settings.js';
import { analysisPool, announceTerraform, largeRun, pooledTerraform, terraformNow } from '../parse/pool.js';
import { anyFactKind, emptyAnalysis, hasUnicodeEscape, loadTerraformParser, mayReadSsmParameters, TERRAFORM_FACT_WORDS_PCRE, terraformFactKinds, type EmbeddedScript, type TerraformAnalysis, type TerraformFactKind } from '../parse/terraform.js';
import { Beside } from './beside.js';
import type { RunContext } from './context.js';
import { filesWithoutMatch } from './git.js';
import { normalisePath, readRepoFile, type FileRead } from './workspace.js';

/** Terraform configuration proper: a module is exactly the .tf files of one folder. */
export const TERRAFORM_CODE = /\.tf(\.json)?$/;

/** Terraform proper in every spelling (JSON, tfvars, lock and Terragrunt files included): what a PR can change in an environment's Terraform. */
export const TERRAFORM_PROPER = /\.(tf|tf\.json|tfvars|tfvars\.json|hcl)$/;

/** Packer templates: they build images and deploy nowhere. */
export const PACKER_FILE = /\.pkr\.(hcl|json)$/;

/** Files the index parses: Terraform, tfvars, and every HCL file (Terragrunt's terragrunt.hcl, env.hcl, _envcommon/*.hcl; Packer). */
export const TERRAFORM_FILE = /(\.tf|\.tfvars|(?<!(^|\/)\.terraform\.lock)\.hcl)$/;

export interface ParsedTerraform {
  path: string;
  analysis: TerraformAnalysis;
}

export interface UnreadableFile {
  path: string;
  reason: string;
  line?: number;
  column?: number;
}

/** A hop in a module chain: `dir` is used by `by` at `line`. */
export interface ModuleEdge {
  dir: string;
  by: string;
  line: number;
}

export interface TerraformIndex {
  files: Map<string, ParsedTerraform>;
  unreadable: UnreadableFile[];
  /** The calls that use a local module folder. */
  usersOf(dir: string): readonly ModuleEdge[];
  /**
   * The text of a file a narrow PR parses only when a question needs it (see deferrable), while it is not
   * parsed yet; undefined once parsed, and for every other file.
   */
  unparsedText(path: string): string | undefined;
  /**
   * Of such a file that may reference files (file(), templatefile()), its text with the path holes rendered
   * (withPathHoles), for mayReferenceFile: its references are confined to its folder (see deferrable).
   * Undefined once it is parsed, and for every other file.
   */
  unreadReferences(path: string): string | undefined;
  /** The environment whose roots hold `path` directly (from config globs or directory names). */
  environmentOf(path: string): string | undefined;
  /** Every environment whose globs hold `path` (a root shared through per-environment .tfvars is in several). */
  environmentsOf(path: string): string[];
  /** Every environment a change to `path` reaches, each with the module chain that leads there (empty for a direct hit). */
  reach(path: string): Map<string, ModuleEdge[]>;
  /**
   * The user data and provisioner scripts embedded in a file. A file whose only facts can be embedded
   * scripts is parsed for them on the first call (a narrow PR needs those of its changed files only); its
   * `analysis.embeddedScripts` throws rather than answer empty.
   */
  embeddedScripts(path: string): Promise<EmbeddedScript[]>;
}

/** The pathspecs of TERRAFORM_FILE for git (a .terraform.lock.hcl among them is left out by its path). */
const TERRAFORM_PATHSPECS = ['*.tf', '*.tfvars', '*.hcl'];

/**
 * The Terraform files of the checkout that hold none of the words any fact needs (TERRAFORM_FACT_WORDS_PCRE),
 * found by `git grep` in its own process: most files of a large repository (resources, IAM, alarms, outputs)
 * hold none, and a narrow PR need not read them. Empty when git cannot tell: then every file is read.
 */
export async function terraformFilesWithoutFacts(workspace: string): Promise<ReadonlySet<string>> {
  return (await filesWithoutMatch(workspace, { perl: TERRAFORM_FACT_WORDS_PCRE }, TERRAFORM_PATHSPECS)) ?? new Set();
}

/** Files read between two announcements to the analysis pool. */
const ANNOUNCE_BATCH = 64;

/** Unchanged files that can hold nothing but embedded scripts: their text, parsed when asked. */
export type DeferredFiles = Map<string, string>;

export function environmentClassifier(settings: Settings): (path: string) => string | undefined {
  const all = environmentsClassifier(settings);
  return (path) => all(path)[0];
}

export function environmentsClassifier(settings: Settings): (path: string) => string[] {
  const matchers = settings.promotion.map((name) => ({
    name,
    // Flag s: a newline in a file name must not let `**` miss it (git and Terraform take such names).
    match: globMatcher(settings.environments.get(name)?.terraform ?? [], { dot: true, flags: settings.environmentsConfigured ? 's' : 'is' }),
  }));
  return (path) => matchers.filter(({ match }) => match(path)).map(({ name }) => name);
}

/** `../modules//api` (Terragrunt double slash) → folder relative to the repository. */
export function moduleFolder(callerFile: string, source: string): string | undefined {
  const cleaned = source.replace(/\/\/+/g, '/').replace(/\?.*$/, '');
  return normalisePath(posix.join(posix.dirname(callerFile), cleaned));
}

/**
 * A string that ends in a `.` or `..` segment (then only slashes): `"../.."`, `"./"`, `"..?ref=x"`, or a heredoc
 * line. The segment starts after a separator, or starts the string: a sentence's full stop is none.
 */
const DOT_ENDING = /(?<![^\\/"\s])\.\.?[\\/]*["\n\r?]/;

/**
 * What makes a source's text differ from its value, other than \u escapes: a hole that renders a `.` segment
 * (pathHole in parse/terraform.ts: `"./${path.module}"`), or a template directive, which renders nothing.
 */
const TEMPLATE_SEGMENT = /path\.(module|root)|get_terragrunt_dir|%\{/;

/**
 * False means no local module call in `text` can resolve to the folder `dir` (see moduleFolder). A local
 * source starts with ./ or ../; one that resolves to a named folder ends in the last names of that folder,
 * each after a slash (or a backslash, which normalisePath reads as one) and the first after a . or ..
 * segment — unless it ends in a . or .. segment, its text is not its value (see TEMPLATE_SEGMENT), or it
 * spells letters with a \u escape. The narrow index parses only the files this lets through.
 */
export function mayReferenceFolder(text: string, dir: string): boolean {
  return mayReferenceAnyFolder(text) || namesFolder(dir)(text);
}

/** The part of mayReferenceFolder that does not depend on the folder. */
function mayReferenceAnyFolder(text: string): boolean {
  return hasUnicodeEscape(text) || DOT_ENDING.test(text) || TEMPLATE_SEGMENT.test(text);
}

/** The holes pathHole (parse/terraform.ts) renders as `.`; a text with the words left after replacing these has others. */
const PATH_HOLE = /\$\{\s*(?:path\.module|path\.root|get_terragrunt_dir\(\s*\))\s*\}/g;
const PATH_WORDS = /path\.module|path\.root|get_terragrunt_dir/;

/**
 * `text` with its path holes rendered as the extractor renders them (`"pre${path.module}.sh"` names pre..sh):
 * what mayReferenceFile searches.
 */
export function withPathHoles(text: string): string {
  return text.replace(PATH_HOLE, '.');
}

/**
 * Whether every file reference in `text` (file(), templatefile() and the like: ScriptFileRef) can only name a
 * file in the referring file's folder or below, by a last name that the text holds once its path holes are
 * rendered. The extractor joins a reference to that folder, `${path.module}` and `${path.root}` rendering `.`,
 * and other holes make it dynamic (not followed): such a path leaves the folder only through a `..` segment.
 * A `\u` escape can spell any name, a template directive (`%{…}`) renders nothing and a strip marker (`~`)
 * removes spaces, so either can join two pieces into one name or into `..`; a path hole written other than
 * as PATH_HOLE is left to the parser; and a provisioner's `script`/`scripts` is also looked up from the
 * repository's root (as Packer does).
 */
export function fileReferencesConfined(text: string): boolean {
  if (hasUnicodeEscape(text) || text.includes('%{') || text.includes('~') || text.includes('provisioner')) return false;
  const rendered = withPathHoles(text);
  return !rendered.includes('..') && !PATH_WORDS.test(rendered);
}

/**
 * For a text whose references are confined (fileReferencesConfined), given with its path holes rendered
 * (withPathHoles), false means none of them, in a file of the folder `dir`, resolves to `target`: the target
 * is not in that folder or below, or the text does not hold its last name. A name with other than plain
 * characters is let through (an escape can write a quote, a backslash or a newline into it). The narrow index
 * reads the references of the files this lets through.
 */
export function mayReferenceFile(rendered: string, dir: string, target: string): boolean {
  if (dir !== '' && !target.startsWith(`${dir}/`)) return false;
  const name = posix.basename(target);
  return !PLAIN_NAME.test(name) || rendered.includes(name);
}

/** What may follow a source's last name, after its trailing slashes: the end of the string (a quote, a heredoc line's end, a ?query) or of the text. */
const SOURCE_END = new Set(['"', '\n', '\r', '?']);

/** Folder names compared segment by segment. No escape or template spells these characters other than as themselves. */
const PLAIN_NAME = /^[\w.+@~-]+$/;
const PLAIN_CHAR = /[\w.+@~-]/;

const isSeparator = (char: string | undefined): boolean => char === '/' || char === '\\';

/**
 * Whether a text holds a path that ends in the names of `dir` (`"../../modules/stacks/core"` ends in those of
 * modules/stacks/core, not of live/prod/core), from a . or .. segment on. A folder with other than plain
 * names is let through.
 */
function namesFolder(dir: string): (text: string) => boolean {
  if (dir === '') return () => false;
  const names = dir.split('/');
  if (!names.every((name) => PLAIN_NAME.test(name))) return () => true;
  const last = names[names.length - 1]!;
  return (text) => {
    for (let at = text.indexOf(last); at >= 0; at = text.indexOf(last, at + 1)) {
      if (!isSeparator(text[at - 1])) continue;
      let end = at + last.length;
      while (isSeparator(text[end])) end++;
      if ((end === text.length || SOURCE_END.has(text[end]!)) && namesLeadTo(text, at - 1, names)) return true;
    }
    return false;
  };
}

/**
 * Walking back from the separator at `at` (which stands before the last of `names`): the segments before it
 * are the folder's names in order, after a . or .. segment. Empty segments (`//`) are skipped.
 */
function namesLeadTo(text: string, at: number, names: string[]): boolean {
  let next = names.length - 2;
  for (let separator = at; ; ) {
    let start = separator;
    while (start > 0 && PLAIN_CHAR.test(text[start - 1]!)) start--;
    const segment = text.slice(start, separator);
    if (segment === '.' || segment === '..') return true;
    if (segment !== '') {
      if (next < 0 || segment !== names[next]) return false;
      next--;
    }
    // A segment that does not start after a separator is the string's first (or not all plain): not local.
    if (!isSeparator(text[start - 1])) return false;
    separator = start - 1;
  }
}

/** Files kept unparsed until a question needs them: their text and its fact kinds, and the parse that answers. */
export interface LazyFiles {
  files: Map<string, { text: string; kinds: Record<TerraformFactKind, boolean> }>;
  parse: (path: string, text: string) => TerraformAnalysis;
}

export function buildIndex(files: Map<string, ParsedTerraform>, unreadable: UnreadableFile[], settings: Settings, deferred: DeferredFiles = new Map(), lazy?: LazyFiles): TerraformIndex {
  const environmentsOf = environmentsClassifier(settings);
  const environmentOf = (path: string): string | undefined => environmentsOf(path)[0];
  const usedBy = new Map<string, ModuleEdge[]>();
  const addCalls = (path: string, analysis: TerraformAnalysis): void => {
    for (const call of analysis.modules) {
      if (!call.local) continue;
      const dir = moduleFolder(path, call.source);
      if (dir === undefined) continue;
      const edges = usedBy.get(dir) ?? [];
      edges.push({ dir, by: path, line: call.line });
      usedBy.set(dir, edges);
    }
  };
  // Files that may call modules, until a question about a folder they may name parses them.
  const lazyFiles: LazyFiles['files'] = lazy?.files ?? new Map();
  const unparsed = new Map([...lazyFiles].filter(([, file]) => file.kinds.modules).map(([path, { text }]) => [path, text]));
  for (const { path, analysis } of files.values()) if (!unparsed.has(path)) addCalls(path, analysis);

  // A lazy file is parsed the first time a folder it may call is asked about (or anything reads its facts).
  const parsedLazily = new Map<string, TerraformAnalysis>();
  const parseLazy = (path: string): TerraformAnalysis => {
    let analysis = parsedLazily.get(path);
    if (!analysis) {
      analysis = lazy!.parse(path, lazyFiles.get(path)!.text);
      parsedLazily.set(path, analysis);
    }
    return analysis;
  };
  if (lazy) {
    for (const [path, { kinds }] of lazyFiles) {
      const parsed = files.get(path);
      if (parsed) files.set(path, { path, analysis: lazyFacts(parsed.analysis, kinds, () => parseLazy(path)) });
    }
  }
  const asked = new Set<string>();
  const usersOf = (dir: string): readonly ModuleEdge[] => {
    if (!asked.has(dir) && unparsed.size > 0) {
      if (asked.size === 0) {
        // Files that may call any folder are parsed at the first question; the others by name.
        for (const [path, text] of unparsed) {
          if (!mayReferenceAnyFolder(text)) continue;
          unparsed.delete(path);
          addCalls(path, parseLazy(path));
        }
      }
      asked.add(dir);
      const mayCall = namesFolder(dir);
      for (const [path, text] of unparsed) {
        if (!mayCall(text)) continue;
        unparsed.delete(path);
        addCalls(path, parseLazy(path));
      }
    }
    // In the order of the files, as the full index adds them: a caller parsed late must not change which of
    // two equally short chains a finding names.
    const edges = usedBy.get(dir) ?? [];
    if (edges.length > 1) edges.sort((a, b) => (a.by < b.by ? -1 : a.by > b.by ? 1 : a.line - b.line));
    return edges;
  };
  const unparsedText = (path: string): string | undefined => (parsedLazily.has(path) ? undefined : lazyFiles.get(path)?.text);
  const rendered = new Map<string, string>();
  const unreadReferences = (path: string): string | undefined => {
    const file = lazyFiles.get(path);
    if (!file?.kinds.scriptFiles || parsedLazily.has(path)) return undefined;
    let text = rendered.get(path);
    if (text === undefined) rendered.set(path, (text = withPathHoles(file.text)));
    return text;
  };

  // What the folders above a file reach through module calls, once per folder: a change of every file asks
  // for each of a folder's files. Safe to keep: a folder's callers are all known once usersOf was asked for it.
  const reachedFrom = new Map<string, [string, ModuleEdge[]][]>();
  const callersReach = (path: string): [string, ModuleEdge[]][] => {
    // A .tf file belongs to its own folder's module only (a sub-folder is a module of its own, e.g.
    // examples/); other files (templates, scripts) belong to every module folder above them.
    const code = TERRAFORM_CODE.test(path);
    const key = `${code ? 'module' : 'above'}\0${dirname(path)}`;
    let found = reachedFrom.get(key);
    if (found) return found;
    found = [];
    const known = new Set<string>();
    // Breadth-first up the module graph, so each environment gets its shortest chain.
    const queue: { dir: string; chain: ModuleEdge[] }[] = [];
    const seen = new Set<string>();
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const normal = dir === '.' ? '' : dir;
      queue.push({ dir: normal, chain: [] });
      if (dir === '.' || dir === '/' || dir === '' || code) break;
    }
    while (queue.length > 0) {
      const { dir, chain } = queue.shift()!;
      if (seen.has(dir)) continue;
      seen.add(dir);
      for (const edge of usersOf(dir)) {
        const next = [...chain, edge];
        for (const env of environmentsOf(edge.by)) {
          if (known.has(env)) continue;
          known.add(env);
          found.push([env, next]);
        }
        queue.push({ dir: posix.dirname(edge.by) === '.' ? '' : posix.dirname(edge.by), chain: next });
      }
    }
    reachedFrom.set(key, found);
    return found;
  };

  const reach = (path: string): Map<string, ModuleEdge[]> => {
    const result = new Map<string, ModuleEdge[]>();
    for (const direct of environmentsOf(path)) result.set(direct, []);
    for (const [env, chain] of callersReach(path)) if (!result.has(env)) result.set(env, chain);
    return result;
  };

  const parsedLater = new Map<string, Promise<EmbeddedScript[]>>();
  const embeddedScripts = (path: string): Promise<EmbeddedScript[]> => {
    const text = deferred.get(path);
    if (text === undefined) return Promise.resolve(files.get(path)?.analysis.embeddedScripts ?? []);
    let pending = parsedLater.get(path);
    if (!pending) {
      pending = pooledTerraform(text, { fileName: path }).then((analysis) => analysis.embeddedScripts);
      parsedLater.set(path, pending);
    }
    return pending;
  };

  return { files, unreadable, usersOf, unparsedText, unreadReferences, environmentOf, environmentsOf, reach, embeddedScripts };
}

export function describeRead(read: Exclude<FileRead, { ok: true }>): string {
  return read.detail;
}

/** The analysis of a deferred file: no facts of the other kinds, and embedded scripts only through the index. */
function deferredFacts(path: string): TerraformAnalysis {
  const analysis = emptyAnalysis();
  Object.defineProperty(analysis, 'embeddedScripts', {
    enumerable: true,
    get(): never {
      throw new Error(`internal: the embedded scripts of ${path} are read through TerraformIndex.embeddedScripts()`);
    },
  });
  return analysis;
}

/**
 * The analysis of a file the index deferred (see deferrable): the kinds terraformFactKinds rules out are empty
 * without a parse; its module calls, SSM parameters, scripts and parse errors parse it on first use.
 */
function lazyFacts(known: TerraformAnalysis, kinds: Record<TerraformFactKind, boolean>, parse: () => TerraformAnalysis): TerraformAnalysis {
  const analysis = { ...known };
  for (const key of ['modules', 'ssmParameters', 'scriptFiles', 'embeddedScripts', 'parseErrors'] as const) {
    if (key !== 'parseErrors' && !kinds[key]) continue;
    Object.defineProperty(analysis, key, { enumerable: true, get: () => parse()[key] });
  }
  return analysis;
}

/**
 * In a narrow PR, a file is parsed when a question needs it if its only facts can be module calls, SSM
 * parameters it writes (release tags promoted from one environment to the next), or scripts: embedded ones,
 * and files it references when those stay in its folder (fileReferencesConfined; not a Packer template).
 * Module calls are asked for by folder (usersOf), values by value (the promotion checks look for a changed
 * value in the text first), references by the file they may name (mayReferenceFile: the deploy scripts'
 * discovery and ReachMap), and a narrow PR reads no embedded script of a file it leaves as it is. AMIs and AMI
 * lookups must be known at once. The index's readers of SSM parameters that are read rely on this: a file the
 * index has not parsed holds none (floatingAmiSources).
 */
function deferrable(kinds: Record<TerraformFactKind, boolean>, text: string, path: string): boolean {
  if (kinds.amis || kinds.amiLookups) return false;
  if (kinds.ssmParameters && mayReadSsmParameters(text)) return false;
  if ((kinds.scriptFiles || kinds.embeddedScripts) && (PACKER_FILE.test(path) || !fileReferencesConfined(text))) return false;
  return kinds.modules || kinds.ssmParameters || kinds.scriptFiles || kinds.embeddedScripts;
}

/**
 * Reads every Terraform file of the checkout and parses, once, those that hold facts (see
 * terraformFactKinds); the others are indexed with no facts, without a parse. A file whose only facts can
 * be embedded scripts is parsed when they are asked for (TerraformIndex.embeddedScripts). Files in
 * `mustParse` (a PR's changed files) are always read, so that a file that cannot be read is named, and parsed
 * at once when they may hold a fact, so that their parse errors are known: a text with none of the words
 * cannot change what a rule sees, whatever its syntax (`terraform validate` is the check for that). With `narrow`
 * (a PR), a file whose only facts can be module calls, SSM parameters it writes or scripts is parsed when a
 * question needs it (see deferrable): when the reach of a folder it may call or of a file it may reference is
 * asked for, or its facts are read. A typical PR asks about a few folders and files only.
 * Files in `wordless` (not in `mustParse`) are known to hold none of the words of any fact (see
 * terraformFilesWithoutFacts): they are indexed with no facts without being read. Given as a promise, the
 * files are read in order until it settles, and only the rest are skipped.
 */
export async function gatherTerraform(
  context: RunContext,
  repoFiles: string[],
  mustParse: ReadonlySet<string> = new Set(),
  narrow = false,
  wordless: ReadonlySet<string> | Promise<ReadonlySet<string>> = new Set<string>(),
): Promise<TerraformIndex> {
  // git grep runs beside this thread, which reads files until its answer comes.
  const known = new Beside<ReadonlySet<string>>(wordless, new Set());
  const files = new Map<string, ParsedTerraform>();
  const unreadable: UnreadableFile[] = [];
  const paths = repoFiles.filter((path) => TERRAFORM_FILE.test(path) && !path.includes('/.terraform/') && !path.startsWith('.terraform/'));
  // A run that must parse this many files will start worker threads: they load while this thread reads.
  if (paths.filter((path) => mustParse.has(path)).length >= largeRun()) analysisPool().warm();
  // The grammar compiles on V8's background threads while this thread reads the files below.
  const parserLoad = paths.length > 0 ? loadTerraformParser() : undefined;
  parserLoad?.catch(() => undefined); // analyseTerraform reports a grammar that does not load, per file
  const deferred: DeferredFiles = new Map();
  const toParse: { path: string; text: string }[] = [];
  const announce = (batch: { path: string; text: string }[]) => {
    for (const { path, text } of batch) announceTerraform(text, { fileName: path });
  };
  const lazyFiles: LazyFiles['files'] = new Map();
  for (const [index, path] of paths.entries()) {
    await known.poll(index);
    if (known.value?.has(path) && !mustParse.has(path)) {
      files.set(path, { path, analysis: emptyAnalysis() });
      continue;
    }
    const read = await readRepoFile(context.workspace, path);
    if (!read.ok) {
      unreadable.push({ path, reason: read.detail });
      continue;
    }
    const kinds = terraformFactKinds(read.text);
    if (!anyFactKind(kinds)) {
      files.set(path, { path, analysis: emptyAnalysis() });
      continue;
    }
    if (!mustParse.has(path)) {
      const others = kinds.amis || kinds.modules || kinds.ssmParameters || kinds.amiLookups || kinds.scriptFiles;
      if (!others) {
        if (kinds.embeddedScripts) deferred.set(path, read.text);
        files.set(path, { path, analysis: kinds.embeddedScripts ? deferredFacts(path) : emptyAnalysis() });
        continue;
      }
      if (narrow && deferrable(kinds, read.text, path)) {
        lazyFiles.set(path, { text: read.text, kinds });
        files.set(path, { path, analysis: emptyAnalysis() });
        continue;
      }
    }
    toParse.push({ path, text: read.text });
    // Announced as they are read, 64 at a time: a worker thread, when there is one, starts on the newest.
    if (toParse.length % ANNOUNCE_BATCH === 0) announce(toParse.slice(-ANNOUNCE_BATCH));
  }
  announce(toParse.slice(toParse.length - (toParse.length % ANNOUNCE_BATCH)));
  // This thread parses from the front, worker threads from the back.
  for (const { path, text } of toParse) {
    const analysis = await pooledTerraform(text, { fileName: path });
    const firstError = analysis.parseErrors[0];
    if (firstError) unreadable.push({ path, reason: `parse error: ${firstError.message}`, line: firstError.line, column: firstError.column });
    files.set(path, { path, analysis });
  }
  // The index lists files in the order of the checkout, parsed or not.
  const ordered = new Map<string, ParsedTerraform>();
  for (const path of paths) {
    const parsed = files.get(path);
    if (parsed) ordered.set(path, parsed);
  }
  unreadable.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (lazyFiles.size === 0) return buildIndex(ordered, unreadable, context.settings, deferred);
  const parser = await (parserLoad ?? loadTerraformParser());
  return buildIndex(ordered, unreadable, context.settings, deferred, { files: lazyFiles, parse: (path, text) => terraformNow(parser, text, { fileName: path }) });
}
