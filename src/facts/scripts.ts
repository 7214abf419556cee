// The deploy scripts that run on instances, each command mapped back to the line users edit.
//
// Discovery (cheap: file names, appspec YAML and the shared Terraform index): `scripts.include` globs,
// CodeDeploy appspec hooks, Terraform user data (heredocs, strings, file()/templatefile()), cloud-init
// `#cloud-config` documents, Packer shell provisioners. Analysis (the costly part: a shell parse) runs
// only on the scripts in scope: in a PR the changed ones, the ones that source a changed file, and every
// script of an environment whose AMI the PR changes; in audit and preflight all of them.
import { posix } from 'node:path';
import { globMatcher } from '../config/glob.js';
import { DEFAULT_SCRIPT_GLOBS } from '../config/settings.js';
import type { AppspecFiles } from '../parse/appspec.js';
import { analyseCloudInit, isCloudConfig } from '../parse/cloudInit.js';
import { announceAppspec, announceShell, answeredShell, largeRun, pooledAppspec, pooledShell, pooledTerraform } from '../parse/pool.js';
import { SHELL_BUILTINS, type ShellAnalysis } from '../parse/shell.js';
import { mapScriptPosition, renderTemplateFile, TF_INTERP_PLACEHOLDER, type EmbeddedScript, type ScriptFileRef } from '../parse/terraform.js';
import type { DeployScript, DeployScripts, EnvironmentAmis, MissingScript, ScriptCommand, ScriptImage, UnanalysedScript } from './binaryFacts.js';
import { Beside } from './beside.js';
import type { RunContext } from './context.js';
import { filesWithoutMatch, type Blob } from './git.js';
import { imagesFor, preflightTarget } from './images.js';
import { BaseVersions } from './pullRequest.js';
import type { FactStore } from './registry.js';
import { mayReferenceFile, PACKER_FILE, TERRAFORM_FILE, type ParsedTerraform, type TerraformIndex } from './terraform.js';
import { changedPaths, pathsOf, type ChangeSet } from './types.js';
import { folderOf, normalisePath, readRepoFile, type FileRead } from './workspace.js';

interface Pos {
  line: number;
  column: number;
}
type MapPos = (line: number, column: number) => Pos;

/** A run of shell text and how its positions map to the file users edit. */
interface ShellPiece {
  text: string;
  map: MapPos;
  /** The whole script of a file that is executed: its `#!` line names an interpreter on the image. */
  executed: boolean;
}

interface Content {
  pieces: ShellPiece[];
  /** Programs executed without a shell (cloud-init list-form runcmd, a `#!` interpreter). */
  direct: { program: string; pos: Pos; via: string }[];
  provided: string[];
  providedNames: string[];
  problems: { pos?: Pos; reason: string }[];
  /** Why nothing in it is analysed (PowerShell user data), for the report's notes. */
  skipped?: string;
}

type Loaded = Content | { failure: string } | { notScript: true };

interface Unit {
  id: string;
  file: string;
  /** Repository files whose change puts it in scope. */
  inputs: Set<string>;
  runs: string[];
  onInstance: boolean;
  /** Environments of the scripts that source it. */
  environments: Set<string>;
  /**
   * Files (Terraform, appspecs) that refer to it: their reach is environments it runs in, looked up only when
   * they are asked for (environmentsOf). A narrow PR asks for those of the units in scope only.
   */
  reachOf: Set<string>;
  /** Runs only during image builds (Packer provisioners): on no environment's image. */
  buildOnly: boolean;
  /** How its text becomes shell: templatefile() renders `${…}`; 'auto' keeps only files that look like scripts. */
  render?: 'shell' | 'template' | 'auto';
  /** The appspec whose hooks share the files the deployment installs. */
  deployment?: string;
  bundle?: { root: string; files: AppspecFiles[] };
  provided: Set<string>;
  /** A script file on disk (relative `source` and `$(dirname "$0")` resolve against it). */
  scriptPath?: string;
  load(): Promise<Loaded>;
  /** Raw text for the cheap "does it mention the changed file" test. */
  peek(): Promise<string | undefined>;
  /** Only a candidate because it may source a changed file: kept only if it does. */
  viaSource?: boolean;
  /** Analysed only for what it installs, for the other hooks of its appspec: not reported on. */
  companion?: boolean;
  /** Depth in a chain of `source`s. */
  depth: number;
}

const SHELL_EXTENSION = /\.(sh|bash|ksh|zsh|dash)$/i;
/**
 * SHELL_EXTENSION for git. git compares every file it walks with every pathspec: five patterns cost it next to
 * nothing, where one literal pathspec per script (1,500 of them) took 60 ms of CPU per grep.
 */
const SHELL_PATHSPECS = ['sh', 'bash', 'ksh', 'zsh', 'dash'].map((extension) => `:(icase)*.${extension}`);
const APPSPEC = /(^|\/)appspec\.ya?ml$/i;
const CLOUD_INIT_NAME = /(^|\/)(user[-_]?data|cloud[-_]?init)[^/]*$/i;
const SHELL_INTERPRETER = /^(sh|bash|dash|ksh|zsh|ash|busybox)$/;
/** Changed files whose content no script sources. */
const NOT_SOURCEABLE = /\.(tf|tfvars|hcl|json|md|ya?ml|png|jpe?g|gif|svg|txt|lock)$/i;
const MAX_SOURCE_DEPTH = 8;

export interface ScriptDependencies {
  repoFiles: string[];
  terraform: TerraformIndex;
  changes?: ChangeSet;
  environmentAmis?: EnvironmentAmis;
  /** Files read before the Terraform was ready (see readEarly). */
  read?: ReadonlyMap<string, FileRead>;
  /** In a PR: the shell scripts that name none of the changed files, or none of their folders (see scriptsNamingNone). */
  unnamed?: Promise<ScriptsNamingNone>;
  /** In a PR: files at the merge base, shared with the promotion checks (read here when not given). */
  baseVersions?: Promise<BaseVersions>;
}

/** See Catalogue.namedScriptsThatMayMatter. */
interface NamedScripts {
  paths: Set<string>;
  /** The names of the changed files scripts may source. */
  sourceable: string[];
}

/**
 * The analysis reached, through a `source`, a file that a Terraform file whose references were left unread
 * may name: its unit may lack what that file says of it (how it runs, where).
 */
class ReferencesLeftUnread extends Error {}

export interface ScriptsNamingNone {
  files: ReadonlySet<string>;
  folders: ReadonlySet<string>;
}

/** The registry's entry point: reads the facts this one depends on, only those the mode needs. */
export async function gatherDeployScriptsFrom(context: RunContext, facts: FactStore): Promise<DeployScripts> {
  const imageChecks = context.settings.images.configured;
  const unnamed = context.mode === 'pr' ? scriptsNamingNone(context, facts) : undefined;
  const baseVersions = context.mode === 'pr' ? facts.get('baseVersions') : undefined;
  baseVersions?.catch(() => undefined); // asked for only when a changed Terraform file may bring a new AMI
  const [read, repoFiles, terraform, changes, environmentAmis] = await Promise.all([
    readEarly(context, facts),
    facts.get('repoFiles'),
    facts.get('terraform'),
    context.mode === 'pr' ? facts.get('changes') : undefined,
    imageChecks ? facts.get('environmentAmis') : undefined,
  ]);
  return gatherDeployScripts(context, {
    repoFiles,
    terraform,
    read,
    ...(unnamed ? { unnamed } : {}),
    ...(baseVersions ? { baseVersions } : {}),
    ...(changes ? { changes } : {}),
    ...(environmentAmis ? { environmentAmis } : {}),
  });
}

/**
 * A large run (an audit, a preflight, a PR of many files) analyses every appspec and every shell script: they
 * are read and announced to the analysis pool while the Terraform is read and parsed, so that a worker thread
 * has them at hand when it runs out of Terraform, instead of waiting for this thread to finish the
 * Terraform's facts. A shell script is announced as loadFile will ask for it (its whole text, when it is a
 * shell script); one that turns out to run nowhere (not under an environment's Terraform, in no revision) is
 * parsed for nothing, a price a large run pays gladly for a worker that never waits. A narrow PR analyses the
 * few its change can reach, later (see Catalogue.scope).
 */
async function readEarly(context: RunContext, facts: FactStore): Promise<Map<string, FileRead>> {
  const read = new Map<string, FileRead>();
  if (context.mode === 'pr' && (await facts.get('changes')).files.length < largeRun()) return read;
  const { scripts } = context.settings;
  const excluded = globMatcher(scripts.exclude, { dot: true, flags: 's' });
  const include = globMatcher(scripts.include, { dot: true, flags: 's' });
  const repoFiles = (await facts.get('repoFiles')).filter((path) => !excluded(path));
  for (const path of repoFiles.filter((candidate) => APPSPEC.test(candidate))) {
    const file = await readRepoFile(context.workspace, path);
    read.set(path, file);
    if (file.ok) announceAppspec(file.text);
  }
  for (const path of repoFiles.filter((candidate) => SHELL_EXTENSION.test(candidate) && include(candidate) && !APPSPEC.test(candidate) && !TERRAFORM_FILE.test(candidate))) {
    const file = await readRepoFile(context.workspace, path);
    read.set(path, file);
    if (!file.ok) continue;
    for (const piece of contentOfRead(file).pieces) announceShell(piece.text);
  }
  return read;
}

/**
 * A PR that changes a file scripts may `source` (common.sh) makes every script that names it a candidate,
 * and Catalogue.scope reads them all to look (a typical PR: 1,521 files). git grep, started as soon as the
 * changes are known, tells beside the run which shell scripts name none of those files, and which none of
 * their folders (see maySource): scope reads only the others. Empty sets when git cannot tell; none for a PR
 * so large that its worker threads want the second core.
 */
export async function scriptsNamingNone(context: RunContext, facts: FactStore): Promise<ScriptsNamingNone> {
  const none: ScriptsNamingNone = { files: new Set(), folders: new Set() };
  const [changes, repoFiles] = await Promise.all([facts.get('changes'), facts.get('repoFiles')]);
  if (changes.files.length >= largeRun()) return none;
  const changed = changedPaths(changes);
  const repo = new Set(repoFiles);
  const sourceable = [...changed].filter((path) => repo.has(path) && !NOT_SOURCEABLE.test(path));
  const scripts = new Set(repoFiles.filter((path) => SHELL_EXTENSION.test(path) && !changed.has(path)));
  if (sourceable.length === 0 || scripts.size === 0) return none;
  const names = [...new Set(sourceable.map((path) => posix.basename(path)))];
  const folders = [...new Set(sourceable.map((path) => posix.basename(folderOf(path))).filter((name) => name !== ''))];
  const [files, withoutFolders] = await Promise.all([
    filesWithoutMatch(context.workspace, { fixed: names }, SHELL_PATHSPECS),
    folders.length > 0 ? filesWithoutMatch(context.workspace, { fixed: folders }, SHELL_PATHSPECS) : undefined,
  ]);
  const ofScripts = (found: ReadonlySet<string> | undefined) => new Set([...(found ?? [])].filter((path) => scripts.has(path)));
  return { files: ofScripts(files), folders: ofScripts(withoutFolders) };
}

export async function gatherDeployScripts(context: RunContext, deps: ScriptDependencies): Promise<DeployScripts> {
  const { settings } = context;
  const imageChecks = settings.images.configured;
  if (!imageChecks) {
    context.journal.note('scripts', 'Image checks are off: there is no `images` configuration, so deploy scripts are only checked for missing scripts (DG203) and hard-coded tool paths (DG204).');
  }
  const catalogue = new Catalogue(context, deps);
  await catalogue.discover();
  try {
    return await catalogue.analyse(await catalogue.scope(), imageChecks);
  } catch (error) {
    if (!(error instanceof ReferencesLeftUnread)) throw error;
    const complete = new Catalogue(context, deps, true);
    await complete.discover();
    return complete.analyse(await complete.scope(), imageChecks);
  }
}

// ---------------------------------------------------------------------------------------------------

class Catalogue {
  private readonly units = new Map<string, Unit>();
  private readonly missing: (MissingScript & { inputs: string[] })[] = [];
  private readonly unanalysed: UnanalysedScript[] = [];
  private readonly repo: Set<string>;
  private readonly excluded: (path: string) => boolean;
  private readonly reads = new Map<string, Promise<FileRead>>();
  private readonly runPath: string[];

  constructor(
    private readonly context: RunContext,
    private readonly deps: ScriptDependencies,
    /** Read the references of every Terraform file, as an audit does (see ReferencesLeftUnread). */
    private readonly everyReference = false,
  ) {
    this.repo = new Set(deps.repoFiles);
    // Flag s: `**` must match folder names with a newline too (git takes them).
    this.excluded = globMatcher(context.settings.scripts.exclude, { dot: true, flags: 's' });
    this.runPath = context.settings.scripts.runPath;
  }

  private read(path: string): Promise<FileRead> {
    let pending = this.reads.get(path);
    if (!pending) {
      const early = this.deps.read?.get(path);
      pending = early ? Promise.resolve(early) : readRepoFile(this.context.workspace, path);
      this.reads.set(path, pending);
    }
    return pending;
  }

  private unit(id: string, create: () => Omit<Unit, 'id' | 'inputs' | 'runs' | 'environments' | 'reachOf' | 'provided' | 'onInstance' | 'buildOnly' | 'depth'>): Unit {
    let unit = this.units.get(id);
    if (!unit) {
      unit = { id, inputs: new Set(), runs: [], environments: new Set(), reachOf: new Set(), provided: new Set(), onInstance: false, buildOnly: false, depth: 0, ...create() };
      this.units.set(id, unit);
    }
    return unit;
  }

  /** A script file of the repository; `render` says how its text becomes shell (templatefile() renders `${…}`). */
  private fileUnit(path: string, render: 'shell' | 'template' | 'auto'): Unit {
    const unit: Unit = this.unit(path, () => ({
      file: path,
      scriptPath: path,
      load: () => this.loadFile(path, unit.render ?? 'shell'),
      peek: async () => {
        const read = await this.read(path);
        return read.ok ? read.text : undefined;
      },
    }));
    unit.inputs.add(path);
    // A template reference wins (read as plain shell, Terraform's `$${…}` escapes would remain); a known script beats a guess.
    const rank = { auto: 0, shell: 1, template: 2 } as const;
    if (!unit.render || rank[render] > rank[unit.render]) unit.render = render;
    return unit;
  }

  /** Something runs the unit on instances: a build (Packer) or an environment's. */
  private runsOnInstance(unit: Unit, build: boolean): void {
    if (build) {
      if (!unit.onInstance) unit.buildOnly = true;
    } else unit.buildOnly = false;
    unit.onInstance = true;
  }

  private async loadFile(path: string, render: 'shell' | 'template' | 'auto'): Promise<Loaded> {
    const read = await this.read(path);
    if (!read.ok) return { failure: read.detail };
    if (render === 'template') {
      const rendered = await renderTemplateFile(read.text);
      const first = rendered.parseErrors[0];
      const content = contentOf(rendered.text, detectFormat(rendered.text), (line, column) => mapScriptPosition({ ...rendered, line: 1, column: 1 }, line, column), true);
      if (first) content.problems.push({ pos: { line: first.line, column: first.column }, reason: `template parse error: ${first.message}` });
      return content;
    }
    if (render === 'auto' && detectFormat(read.text) === 'shell' && !read.text.startsWith('#!')) return { notScript: true };
    return contentOfRead(read);
  }

  async discover(): Promise<void> {
    const { settings } = this.context;
    const include = globMatcher(settings.scripts.include, { dot: true, flags: 's' });
    const explicitInclude = JSON.stringify(settings.scripts.include) !== JSON.stringify(DEFAULT_SCRIPT_GLOBS);
    const { terraform } = this.deps;

    // Files by name: shell scripts matched by the include globs, cloud-init documents.
    for (const path of this.deps.repoFiles) {
      if (this.excluded(path) || APPSPEC.test(path) || TERRAFORM_FILE.test(path)) continue;
      if (include(path)) {
        const unit = this.fileUnit(path, SHELL_EXTENSION.test(path) ? 'shell' : 'auto');
        if (explicitInclude) {
          this.runsOnInstance(unit, false);
          unit.runs.push('matched by scripts.include');
        } else if (terraform.reach(path).size > 0) {
          // Scripts under an environment's Terraform (or a module it uses) run on that environment's images.
          this.runsOnInstance(unit, false);
          unit.runs.push(`a script in the Terraform of ${[...terraform.reach(path).keys()].join(', ')}`);
        }
      } else if (CLOUD_INIT_NAME.test(path) && !SHELL_EXTENSION.test(path)) {
        const unit = this.fileUnit(path, 'auto');
        this.runsOnInstance(unit, false);
        unit.runs.push('user data / cloud-init document');
      }
    }

    // CodeDeploy appspecs: hooks, and the files the deployment installs.
    const narrow = await this.narrowChanges();
    const appspecs: string[] = [];
    for (const appspec of this.deps.repoFiles.filter((path) => APPSPEC.test(path) && !this.excluded(path))) {
      if (narrow && !(await this.appspecMayMatter(appspec, narrow))) continue;
      appspecs.push(appspec);
    }
    // Announced at once: worker threads parse the YAML of the later ones while this thread handles the first.
    for (const appspec of appspecs) {
      const read = await this.read(appspec);
      if (read.ok) announceAppspec(read.text);
    }
    for (const appspec of appspecs) {
      await this.discoverAppspec(appspec);
    }

    // Terraform and Packer: embedded user data and provisioners, referenced script files. In a narrow PR the
    // scripts embedded in an unchanged file cannot be in scope (their one input is that file): not read. Nor
    // are the references of an unchanged file the index has not parsed, unless one may name a script that can
    // be in scope (see referencesMayMatter).
    const tfFiles = [...terraform.files.values()].sort((a, b) => a.path.localeCompare(b.path));
    const named = narrow && !this.everyReference ? this.namedScriptsThatMayMatter(narrow, tfFiles) : undefined;
    for (const { path, analysis } of tfFiles) {
      if (this.excluded(path)) continue;
      const rendered = named && !narrow?.has(path) ? terraform.unreadReferences(path) : undefined;
      if (rendered !== undefined && !(await this.referencesMayMatter(path, rendered, named!))) {
        this.unreadReferences.push({ path, rendered });
        continue;
      }
      const embedded = narrow && !narrow.has(path) ? [] : await terraform.embeddedScripts(path);
      if (embedded.length === 0 && analysis.scriptFiles.length === 0) continue;
      const packer = PACKER_FILE.test(path);
      this.discoverEmbedded(path, embedded, packer);
      for (const ref of analysis.scriptFiles) {
        if (ref.dynamic) continue;
        const build = packer || ref.context.startsWith('build.');
        const candidates = this.referenceCandidates(path, ref);
        const found = candidates.find((candidate) => this.repo.has(candidate));
        const by = build ? `Packer provisioner "shell" ${ref.fn} in ${path}` : `${ref.fn === 'file' || ref.fn === 'templatefile' ? `${ref.fn}()` : ref.fn} in ${ref.context} of ${path}`;
        if (!found) {
          const expected = candidates[0];
          if (expected !== undefined && !this.excluded(expected)) {
            this.missing.push({ expected, reference: ref.path, file: path, line: ref.line, column: ref.column, by, inputs: [path, expected] });
          }
          continue;
        }
        if (this.excluded(found)) continue;
        const unit = this.fileUnit(found, ref.fn === 'templatefile' ? 'template' : 'shell');
        unit.inputs.add(path);
        unit.runs.push(by);
        this.runsOnInstance(unit, build);
        if (!build) unit.reachOf.add(path);
      }
    }

    // Scripts inside a CodeDeploy bundle go to the instances with it.
    for (const unit of this.units.values()) {
      if (!unit.scriptPath || unit.deployment) continue;
      const owner = this.bundles.find(({ root }) => root === '' || unit.scriptPath!.startsWith(`${root}/`));
      if (!owner) continue;
      unit.deployment = owner.appspec;
      unit.bundle = { root: owner.root, files: owner.files };
      this.runsOnInstance(unit, false);
      unit.inputs.add(owner.appspec);
      unit.reachOf.add(owner.appspec);
      owner.files.forEach((entry) => unit.provided.add(entry.destination));
      if (unit.runs.length === 0 || unit.runs.every((run) => run === 'matched by scripts.include')) unit.runs.push(`part of the CodeDeploy revision of ${owner.appspec}`);
    }
  }

  private readonly bundles: { appspec: string; root: string; files: AppspecFiles[] }[] = [];

  private sorted?: string[];

  /** The repository's files in the folder `dir` and below. */
  private *filesUnder(dir: string): Generator<string> {
    const sorted = (this.sorted ??= [...this.repo].sort());
    const prefix = dir === '' ? '' : `${dir}/`;
    // The paths that start with the prefix are one run of the sorted list, from the first not below it.
    let low = 0;
    for (let high = sorted.length; low < high; ) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    for (let at = low; at < sorted.length && sorted[at]!.startsWith(prefix); at++) yield sorted[at]!;
  }

  /** Unchanged Terraform files whose references a narrow PR did not read (see referencesMayMatter), their path holes rendered. */
  private readonly unreadReferences: { path: string; rendered: string }[] = [];

  /**
   * Files whose unit can be in scope when a Terraform file names them, without reading their text: the
   * changed files, those a changed Terraform file references (its units have it as an input), and the
   * CodeDeploy hooks (companions of the hooks in scope). Files of a revision found above, and files whose
   * text names a changed file that scripts may source (maySource), are told by referencesMayMatter.
   */
  private namedScriptsThatMayMatter(changed: Set<string>, tfFiles: readonly ParsedTerraform[]): NamedScripts {
    const paths = new Set(changed);
    for (const { path, analysis } of tfFiles) {
      if (!changed.has(path)) continue;
      for (const ref of analysis.scriptFiles) for (const candidate of this.referenceCandidates(path, ref)) paths.add(candidate);
    }
    for (const unit of this.units.values()) if (unit.deployment && unit.scriptPath) paths.add(unit.scriptPath);
    const sourceable = [...changed].filter((path) => this.repo.has(path) && !NOT_SOURCEABLE.test(path));
    return { paths, sourceable: [...new Set(sourceable.map((path) => posix.basename(path)))] };
  }

  /** The files a reference may name: against its file's folder and, for a provisioner's script(s), the repository's root. */
  private referenceCandidates(path: string, ref: ScriptFileRef): string[] {
    const candidates = [normalisePath(posix.join(folderOf(path), ref.path))];
    // Packer resolves script paths against the folder `packer build` runs in: usually the template's, often the repository root.
    if (ref.fn === 'script' || ref.fn === 'scripts') candidates.push(normalisePath(ref.path));
    return candidates.filter((candidate): candidate is string => candidate !== undefined);
  }

  /**
   * In a narrow PR, whether the references of an unchanged Terraform file may add to a unit that can be in
   * scope. A unit is in scope for a changed input (its file, a Terraform file that references it, its
   * revision's appspec), as a companion hook, or when its text names a changed file it may source (see scope).
   * A file the index has not parsed references only files in its folder, by their last names as written
   * (`rendered`, TerraformIndex.unreadReferences; mayReferenceFile): each such file is tested for those
   * reasons, reading its text only for the last. The others are left unread; should the analysis then reach
   * one of their targets through a `source`, discovery starts again with every reference read
   * (ReferencesLeftUnread).
   */
  private async referencesMayMatter(path: string, rendered: string, named: NamedScripts): Promise<boolean> {
    const dir = folderOf(path);
    for (const target of named.paths) if (mayReferenceFile(rendered, dir, target)) return true;
    for (const target of this.filesUnder(dir)) {
      if (!mayReferenceFile(rendered, dir, target)) continue;
      if (this.bundles.some(({ root }) => root === '' || target.startsWith(`${root}/`))) return true;
      if (named.sourceable.length === 0) continue;
      const read = await this.read(target);
      if (!read.ok || named.sourceable.some((name) => read.text.includes(name))) return true;
    }
    return false;
  }

  /**
   * A PR's changed paths when its scope is narrow (not the configuration, not an image manifest, no new
   * AMI for an environment): then only the scripts reached from the changed files are analysed, and an
   * appspec that cannot reach one is not parsed (see appspecMayMatter). Undefined when every script is in scope.
   */
  private async narrowChanges(): Promise<Set<string> | undefined> {
    const { changes } = this.deps;
    const { settings, mode } = this.context;
    if (mode !== 'pr' || !changes) return undefined;
    const changed = changedPaths(changes);
    if (this.wholeRepository(changed)) return undefined;
    if (settings.images.configured && (await this.newAmiEnvironments(changes)).size > 0) return undefined;
    return changed;
  }

  /**
   * In a narrow PR, an appspec matters only when it changes, when its revision holds a changed file, or when
   * a hook `location` may leave its folder for one (its text has `..` and names the file): otherwise no unit
   * of its revision can be in scope, and its problems and missing hooks are not this PR's to report.
   */
  private async appspecMayMatter(appspec: string, changed: Set<string>): Promise<boolean> {
    if (changed.has(appspec)) return true;
    const root = posix.dirname(appspec) === '.' ? '' : `${posix.dirname(appspec)}/`;
    if ([...changed].some((path) => path.startsWith(root))) return true;
    const read = await this.read(appspec);
    return !read.ok || (read.text.includes('..') && [...changed].some((path) => read.text.includes(posix.basename(path))));
  }

  private wholeRepository(changed: Set<string>): boolean {
    const { settings } = this.context;
    const manifests = globMatcher(settings.images.manifests.length ? settings.images.manifests : ['\0'], { dot: true });
    const configChanged = [settings.configFile, settings.inputs.config].some((path) => path !== undefined && changed.has(path));
    return configChanged || (settings.images.configured && [...changed].some((path) => manifests(path)));
  }

  private newAmis?: Promise<Set<string>>;

  private newAmiEnvironments(changes: ChangeSet): Promise<Set<string>> {
    this.newAmis ??= this.environmentsWithNewAmis(changes);
    return this.newAmis;
  }

  private async discoverAppspec(appspec: string): Promise<void> {
    const read = await this.read(appspec);
    if (!read.ok) {
      this.unanalysed.push({ file: appspec, reason: read.detail, onInstance: true, runs: ['CodeDeploy appspec'] });
      return;
    }
    const spec = await pooledAppspec(read.text);
    for (const problem of spec.problems) {
      this.unanalysed.push({ file: appspec, line: problem.line, column: problem.column, reason: `appspec: ${problem.message}`, onInstance: true, runs: ['CodeDeploy appspec'] });
    }
    if (spec.serverless) return;
    const root = posix.dirname(appspec) === '.' ? '' : posix.dirname(appspec);
    this.bundles.push({ appspec, root, files: spec.files });
    this.bundles.sort((a, b) => b.root.length - a.root.length); // the innermost bundle owns a script
    for (const hook of spec.hooks) {
      const expected = normalisePath(posix.join(root, hook.location.replace(/^\/+/, '')));
      if (expected === undefined || this.excluded(expected)) continue;
      const by = `CodeDeploy hook ${hook.event}`;
      if (!this.repo.has(expected)) {
        this.missing.push({ expected, reference: hook.location, file: appspec, line: hook.line, column: hook.column, by, inputs: [appspec, expected] });
        continue;
      }
      if (spec.os === 'windows') continue;
      const unit = this.fileUnit(expected, 'shell');
      unit.inputs.add(appspec);
      unit.runs.push(`${by} of ${appspec}${hook.runas ? ` (runas ${hook.runas})` : ''}`);
      this.runsOnInstance(unit, false);
      unit.deployment = appspec;
      unit.bundle = { root, files: spec.files };
      unit.reachOf.add(appspec);
      spec.files.forEach((entry) => unit.provided.add(entry.destination));
    }
  }

  private discoverEmbedded(path: string, scripts: EmbeddedScript[], packer: boolean): void {
    const inline = new Map<string, EmbeddedScript[]>();
    for (const script of scripts) {
      if (script.kind === 'inline') {
        // Packer runs the lines of one `inline` list as one script.
        const key = script.context.replace(/\[\d+\]$/, '');
        inline.set(key, [...(inline.get(key) ?? []), script]);
        continue;
      }
      const build = packer || script.context.startsWith('build.');
      const unit = this.unit(`${path}#${script.context}:${script.line}`, () => ({
        file: path,
        load: async () => contentOf(script.text, script.format, (line, column) => mapScriptPosition(script, line, column), true),
        peek: async () => script.text,
      }));
      unit.inputs.add(path);
      this.runsOnInstance(unit, build);
      unit.runs.push(build ? `Packer provisioner ${script.context} in ${path}` : `user data ${script.context} in ${path}`);
      if (!packer) unit.reachOf.add(path);
    }
    for (const [context, lines] of inline) {
      const build = packer || context.startsWith('build.');
      const starts: number[] = [];
      let next = 1;
      for (const script of lines) {
        starts.push(next);
        next += script.text.split('\n').length;
      }
      const text = lines.map((script) => script.text).join('\n');
      const map: MapPos = (line, column) => {
        let index = 0;
        while (index + 1 < starts.length && (starts[index + 1] ?? Infinity) <= line) index++;
        const script = lines[index]!;
        return mapScriptPosition(script, line - (starts[index] ?? 1) + 1, column);
      };
      const unit = this.unit(`${path}#${context}`, () => ({
        file: path,
        load: async () => contentOf(text, 'shell', map, false),
        peek: async () => text,
      }));
      unit.inputs.add(path);
      this.runsOnInstance(unit, build);
      unit.runs.push(build ? `Packer provisioner "shell" inline in ${path}` : `${context} in ${path}`);
      if (!packer) unit.reachOf.add(path);
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Scope

  /** The units to analyse in this run. */
  async scope(): Promise<Set<Unit>> {
    const all = new Set(this.units.values());
    const { changes } = this.deps;
    const { settings, mode } = this.context;
    if (mode !== 'pr' || !changes) return all;
    const changed = changedPaths(changes);
    if (this.wholeRepository(changed)) {
      this.context.journal.note('scripts', 'The deploy-guard configuration or an image manifest changes in this PR: every deploy script is checked.');
      return all;
    }
    const scoped = new Set<Unit>();
    for (const unit of all) if ([...unit.inputs].some((input) => changed.has(input))) scoped.add(unit);

    if (settings.images.configured) {
      const newImages = await this.newAmiEnvironments(changes);
      if (newImages.size > 0) {
        const names = [...newImages].join(', ');
        this.context.journal.note('scripts', `This PR changes the AMI of ${names}: every deploy script that runs there is checked against the new image.`);
        for (const unit of all) if (this.environmentsOf(unit).some((env) => newImages.has(env))) scoped.add(unit);
      }
    }

    // A changed file that scripts `source` (a common functions file) changes those scripts too.
    const sourceable = [...changed].filter((path) => this.repo.has(path) && !NOT_SOURCEABLE.test(path));
    if (sourceable.length > 0) {
      // What git grep found (see scriptsNamingNone), from when it has answered: usually before this point.
      const none: ScriptsNamingNone = { files: new Set(), folders: new Set() };
      const unnamed = new Beside(this.deps.unnamed ?? none, none);
      await Promise.resolve(); // an answer already there is taken from the first script on
      let index = 0;
      for (const unit of all) {
        // Without a file of its own or a revision, no `source` of the unit resolves to a repository file.
        if (scoped.has(unit) || (!unit.scriptPath && !unit.bundle)) continue;
        await unnamed.poll(index++);
        // A file unit's text is its file's: one that names none of the files, or (far from them) none of their folders, sources none.
        const file = unit.scriptPath;
        const ruledOut = unnamed.value && file !== undefined && (unnamed.value.files.has(file) || (unnamed.value.folders.has(file) && !sourceable.some((path) => nearFolder(unit, path))));
        if (ruledOut) continue;
        const text = await unit.peek();
        if (text !== undefined && sourceable.some((path) => maySource(unit, path, text))) {
          unit.viaSource = true;
          scoped.add(unit);
        }
      }
    }
    // Hooks of one appspec share what the deployment installs: the others are read for that, not reported on.
    const deployments = new Set([...scoped].flatMap((unit) => (unit.deployment ? [unit.deployment] : [])));
    for (const unit of all) {
      if (scoped.has(unit) || !unit.deployment || !deployments.has(unit.deployment) || !unit.runs.some((run) => run.startsWith('CodeDeploy hook'))) continue;
      unit.companion = true;
      scoped.add(unit);
    }

    return scoped;
  }

  private environmentsOf(unit: Unit): string[] {
    if (!unit.onInstance || unit.buildOnly) return [];
    const envs = new Set(unit.environments);
    // Its own file too: a script under an environment's Terraform (or a module it uses) runs there.
    const paths = [...unit.reachOf];
    if (unit.scriptPath) paths.push(unit.scriptPath);
    for (const path of paths) for (const env of this.deps.terraform.reach(path).keys()) envs.add(env);
    if (envs.size === 0 && unit.onInstance) return [...this.context.settings.promotion];
    return this.context.settings.promotion.filter((env) => envs.has(env));
  }

  /** Environments whose Terraform references other AMI ids at the head than at the merge base. */
  private async environmentsWithNewAmis(changes: ChangeSet): Promise<Set<string>> {
    const result = new Set<string>();
    const { terraform } = this.deps;
    const files = changes.files.filter((file) => pathsOf(file).some((path) => TERRAFORM_FILE.test(path) && !PACKER_FILE.test(path)));
    // The merge-base versions in one batch (two git processes, not two per file).
    const atBase = await (this.deps.baseVersions ?? new BaseVersions(this.context.workspace, changes.mergeBase));
    const blobs = await atBase.read(files.filter((file) => file.status !== 'added').map((file) => file.previousPath ?? file.path));
    for (const file of files) {
      const head = file.status === 'deleted' ? [] : (terraform.files.get(file.path)?.analysis.amis.map((ref) => ref.ami) ?? []);
      const base = file.status === 'added' ? [] : await amisOf(blobs.get(file.previousPath ?? file.path), file.previousPath ?? file.path);
      if (base !== undefined && sameSet(head, base)) continue;
      for (const path of pathsOf(file)) for (const env of terraform.reach(path).keys()) result.add(env);
    }
    return result;
  }

  // -------------------------------------------------------------------------------------------------
  // Analysis

  private readonly sourcedCache = new Map<string, Promise<{ analysis: ShellAnalysis } | { failure: string }>>();
  private readonly sourcedAnnounced = new Set<string>();
  private readonly plain = new Map<string, Promise<ShellAnalysis>>();

  async analyse(scope: Set<Unit>, imageChecks: boolean): Promise<DeployScripts> {
    const { settings, mode } = this.context;
    const changed = this.deps.changes ? changedPaths(this.deps.changes) : new Set<string>();
    const results = new Map<Unit, { commands: ScriptCommand[]; guards: DeployScript['guards']; provided: Set<string>; providedNames: Set<string>; sourced: Set<string> }>();
    const queue = [...scope].sort((a, b) => a.id.localeCompare(b.id));
    const skipped = new Set<string>();
    const pendingProblems: (UnanalysedScript & { unit: Unit })[] = [];

    // Every unit's pieces are announced to the analysis pool up front: worker threads analyse them while
    // this loop works through the queue in order.
    const loads = new Map<Unit, { render: Unit['render']; loading: Promise<Loaded> }>();
    for (const unit of queue) {
      const loading = unit.load();
      loads.set(unit, { render: unit.render, loading });
      void loading.then(
        (loaded) => {
          if (!('pieces' in loaded)) return;
          for (const piece of loaded.pieces) {
            announceShell(piece.text);
            // When a worker has analysed it, the files it sources are announced too (see announceSourced). A
            // failure here is the loop's to report, when it asks for the same analysis.
            void answeredShell(piece.text)?.then(
              (analysis) => this.announceSourced(unit, analysis),
              () => undefined,
            );
          }
        },
        () => undefined,
      );
    }

    const yieldNow = yielder();
    for (let index = 0; index < queue.length; index++) {
      const unit = queue[index]!;
      if (results.has(unit)) continue;
      await yieldNow();
      // A unit whose rendering a `source` seen meanwhile changed is loaded again.
      const early = loads.get(unit);
      const loaded = await (early && early.render === unit.render ? early.loading : unit.load());
      if ('notScript' in loaded) continue;
      if ('failure' in loaded) {
        pendingProblems.push({ unit, file: unit.file, reason: loaded.failure, onInstance: unit.onInstance, runs: unit.runs });
        continue;
      }
      if (loaded.skipped) skipped.add(`${loaded.skipped} (${unit.file})`);
      for (const problem of loaded.problems) {
        pendingProblems.push({ unit, file: unit.file, ...(problem.pos ?? {}), reason: problem.reason, onInstance: unit.onInstance, runs: unit.runs });
      }
      const result = { commands: [] as ScriptCommand[], guards: [] as DeployScript['guards'], provided: new Set([...unit.provided, ...loaded.provided]), providedNames: new Set(loaded.providedNames), sourced: new Set<string>() };
      results.set(unit, result);
      for (const direct of loaded.direct) {
        result.commands.push({ program: direct.program, kind: kindOf(direct.program), file: unit.file, ...direct.pos, via: [direct.via], searchPath: this.runPath });
      }
      for (const piece of loaded.pieces) {
        const analysis = await this.shell(piece.text);
        const error = analysis.parseErrors[0];
        if (error) pendingProblems.push({ unit, file: unit.file, ...piece.map(error.line, error.column), reason: `shell parse error: ${error.message}`, onInstance: unit.onInstance, runs: unit.runs });
        if (piece.executed) for (const direct of shebang(piece.text)) result.commands.push({ ...direct, kind: kindOf(direct.program), file: unit.file, ...piece.map(1, direct.column), via: ['#!'], searchPath: this.runPath });
        for (const guard of analysis.guards) result.guards.push({ program: guard.program, file: unit.file, line: piece.map(guard.line, guard.column).line });
        analysis.writes.filter((path) => path.startsWith('/')).forEach((path) => result.provided.add(path));

        // Files it sources: their PATH changes apply after the `source` line, their functions are not binaries.
        const pathChanges: { line: number; path: string[] }[] = [];
        const functions = new Set<string>();
        const pathAt = (line: number): string[] => pathChanges.filter((change) => change.line < line).at(-1)?.path ?? this.runPath;
        for (const source of [...analysis.sources].sort((a, b) => a.line - b.line)) {
          const target = this.resolveSource(unit, source.path, source.relativeTo);
          if (!target) continue;
          if (this.unreadReferences.some((file) => mayReferenceFile(file.rendered, folderOf(file.path), target))) throw new ReferencesLeftUnread(target);
          result.sourced.add(target);
          const sourced = await this.analyseSourced(target, pathAt(source.line));
          if ('failure' in sourced) continue;
          if (sourced.analysis.finalPath) pathChanges.push({ line: source.line, path: expandPath(sourced.analysis.finalPath, pathAt(source.line)) });
          sourced.analysis.functions.forEach((name) => functions.add(name));
          for (const guard of sourced.analysis.guards) result.guards.push({ program: guard.program, file: unit.file, line: piece.map(source.line, source.column).line });
          sourced.analysis.writes.filter((path) => path.startsWith('/')).forEach((path) => result.provided.add(path));
          const child = this.fileUnit(target, 'shell');
          if (unit.onInstance) this.runsOnInstance(child, unit.buildOnly);
          this.environmentsOf(unit).forEach((env) => child.environments.add(env));
          if (!child.runs.includes(`sourced by ${unit.file}`)) child.runs.push(`sourced by ${unit.file}`);
          child.deployment ??= unit.deployment;
          if (unit.bundle) child.bundle ??= unit.bundle;
          unit.provided.forEach((path) => child.provided.add(path));
          if (!results.has(child) && !queue.includes(child) && unit.depth < MAX_SOURCE_DEPTH) {
            child.depth = unit.depth + 1;
            // Reached only through a candidate that may not source a changed file: it shares that doubt.
            if (unit.viaSource && !scope.has(child)) child.viaSource = true;
            if (unit.companion && !scope.has(child)) child.companion = true;
            queue.push(child);
          }
        }

        for (const command of analysis.commands) {
          // A Terraform interpolation (`${var.tool} s3 ls`): its value is not known here.
          if (command.program.includes(TF_INTERP_PLACEHOLDER)) continue;
          if (command.kind === 'bare' && command.via.length === 0 && (SHELL_BUILTINS.has(command.program) || functions.has(command.program))) continue;
          const base = pathAt(command.line);
          result.commands.push({
            program: command.program,
            kind: command.kind,
            file: unit.file,
            ...piece.map(command.line, command.column),
            via: command.via,
            searchPath: command.path ? expandPath(command.path, base) : base,
          });
        }
      }
    }

    // A candidate that only mentions a changed file's name but does not source it is not reported on.
    for (const [unit, result] of results) {
      if (unit.viaSource && !changed.has(unit.file) && ![...result.sourced].some((path) => changed.has(path))) unit.companion = true;
    }
    // Every hook of one appspec deployment sees what the others install.
    const byDeployment = new Map<string, Set<string>>();
    for (const [unit, result] of results) {
      if (!unit.deployment) continue;
      const shared = byDeployment.get(unit.deployment) ?? new Set<string>();
      result.provided.forEach((path) => shared.add(path));
      byDeployment.set(unit.deployment, shared);
    }
    for (const note of skipped) this.context.journal.note('scripts', note);

    const scripts: DeployScript[] = [];
    const environmentAmis = this.deps.environmentAmis ?? new Map();
    const target = mode === 'preflight' ? preflightTarget(settings) : undefined;
    for (const [unit, result] of results) {
      if (unit.companion) continue;
      const environments = this.environmentsOf(unit);
      const images = new Map<string, ScriptImage>();
      const unknownImages: string[] = [];
      if (imageChecks) {
        for (const env of environments) {
          if (target !== undefined && env !== target) continue;
          const list = imagesFor(env, environmentAmis, settings, mode);
          if (list.length === 0) unknownImages.push(env);
          for (const { ami, note } of list) {
            const entry = images.get(ami) ?? { image: ami, environments: [] };
            if (!entry.environments.includes(env)) entry.environments.push(env);
            if (note && !entry.note) entry.note = note;
            images.set(ami, entry);
          }
        }
      }
      const provided = unit.deployment ? (byDeployment.get(unit.deployment) ?? result.provided) : result.provided;
      scripts.push({
        id: unit.id,
        file: unit.file,
        runs: describeRuns(unit.runs),
        onInstance: unit.onInstance,
        environments,
        images: [...images.values()],
        unknownImages,
        commands: dedupe(result.commands),
        guards: result.guards,
        provided: [...new Set([...provided, ...result.provided])].sort(),
        providedNames: [...result.providedNames].sort(),
      });
    }
    scripts.sort((a, b) => a.id.localeCompare(b.id));

    const analysed = new Set(results.keys());
    const unanalysed = [
      ...this.unanalysed.filter((entry) => mode !== 'pr' || !this.deps.changes || changed.has(entry.file)),
      ...pendingProblems.filter((entry) => !entry.unit.companion && (analysed.has(entry.unit) || !entry.unit.viaSource)).map(({ unit: _unit, ...entry }) => entry),
    ];
    const missing = this.missing
      .filter((entry) => mode !== 'pr' || !this.deps.changes || entry.inputs.some((input) => changed.has(input)))
      .map(({ inputs: _inputs, ...entry }) => entry);
    this.noteScope(scripts.length, mode);
    return { imageChecks, scope: mode === 'pr' && this.deps.changes ? 'changes' : 'all', scripts, missing, unanalysed };
  }

  private noteScope(count: number, mode: string): void {
    if (count === 0) return;
    this.context.journal.note('scripts', `${count} deploy script(s) analysed${mode === 'pr' ? ' (changed, sourcing a changed file, or on a changed image)' : ''}.`);
  }

  /** The repository file a `source` names, or undefined when it is not one. */
  private resolveSource(unit: Unit, path: string, relativeTo: 'cwd' | 'script' | undefined): string | undefined {
    const candidates: (string | undefined)[] = [];
    if (path.startsWith('/')) {
      // An absolute path under an appspec `files:` destination is a file of the revision.
      for (const entry of unit.bundle?.files ?? []) {
        const destination = entry.destination.replace(/\/+$/, '');
        if (path !== destination && !path.startsWith(`${destination}/`)) continue;
        const rest = path.slice(destination.length + 1);
        const source = entry.source.replace(/^\/+/, '');
        candidates.push(normalisePath(posix.join(unit.bundle!.root, source, rest)), normalisePath(posix.join(unit.bundle!.root, source, posix.basename(rest))));
      }
    } else if (unit.scriptPath) {
      const dir = posix.dirname(unit.scriptPath);
      candidates.push(normalisePath(posix.join(dir, path)));
      if (relativeTo !== 'script' && unit.bundle) candidates.push(normalisePath(posix.join(unit.bundle.root, path)));
    }
    return candidates.find((candidate): candidate is string => candidate !== undefined && this.repo.has(candidate) && !this.excluded(candidate));
  }

  /**
   * The analysis of a script text with the default options, once per text: a helper is both a unit of its own
   * and a file others source.
   */
  private shell(text: string): Promise<ShellAnalysis> {
    let pending = this.plain.get(text);
    if (!pending) {
      pending = pooledShell(text);
      this.plain.set(text, pending);
    }
    return pending;
  }

  /**
   * Announces the analyses of the files a script sources, as analyseSourced will ask for them: the file's own,
   * and, when that one read the PATH the file starts with, the one with the run path (the PATH at the `source`
   * line unless an earlier helper changed it; helpers are usually sourced first). Without this, this thread
   * analysed them itself when it reached the script, while worker threads had run out of work. A guess that
   * turns out wrong costs a worker an analysis nobody asks for.
   */
  private announceSourced(unit: Unit, analysis: ShellAnalysis): void {
    for (const source of analysis.sources) {
      const target = this.resolveSource(unit, source.path, source.relativeTo);
      const key = target && sourcedKey(target, this.runPath);
      if (!key || this.sourcedCache.has(key) || this.sourcedAnnounced.has(key)) continue;
      this.sourcedAnnounced.add(key);
      // Announcing is a guess: what fails here fails again, and is reported, when analyseSourced asks.
      const announce = async () => {
        const read = await this.read(target);
        if (!read.ok) return;
        announceShell(read.text);
        if ((await answeredShell(read.text))?.startPathUsed) announceShell(read.text, { path: this.runPath });
      };
      announce().catch(() => undefined);
    }
  }

  /**
   * What a sourced file does to the script sourcing it, from the PATH at its `source` line. Most helpers do
   * not read that PATH (startPathUsed): their analysis is the one they have as units of their own.
   */
  private analyseSourced(path: string, startPath: string[]): Promise<{ analysis: ShellAnalysis } | { failure: string }> {
    const key = sourcedKey(path, startPath);
    let pending = this.sourcedCache.get(key);
    if (!pending) {
      pending = (async () => {
        const read = await this.read(path);
        if (!read.ok) return { failure: read.detail };
        const plain = await this.shell(read.text);
        return { analysis: plain.startPathUsed ? await pooledShell(read.text, { path: startPath }) : plain };
      })();
      this.sourcedCache.set(key, pending);
    }
    return pending;
  }
}

function sourcedKey(path: string, startPath: string[]): string {
  return `${path}\0${startPath.join(':')}`;
}

// ---------------------------------------------------------------------------------------------------
// Text → shell pieces

const identity: MapPos = (line, column) => ({ line, column });

type Format = EmbeddedScript['format'];

export function detectFormat(text: string): Format {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (isCloudConfig(head)) return 'cloud-config';
  if (/^(Content-Type:\s*multipart\/|MIME-Version:)/i.test(head)) return 'mime';
  if (/^<(powershell|script|persist)>/i.test(head)) return 'windows';
  return 'shell';
}

/** The interpreter of a `#!` line: ['/usr/bin/env', 'python3'] for `#!/usr/bin/env python3`. */
function shebang(text: string): { program: string; column: number }[] {
  const match = /^#![ \t]*(\S+)(?:[ \t]+(?:-S[ \t]+)?([^\s-]\S*))?/.exec(text);
  if (!match?.[1]) return [];
  const interpreter = { program: match[1], column: 3 + (text.slice(2).length - text.slice(2).trimStart().length) };
  if (posix.basename(match[1]) !== 'env' || !match[2]) return [interpreter];
  return [interpreter, { program: match[2], column: (match.index ?? 0) + match[0].length - match[2].length + 1 }];
}

/** The content of each file read, made once: readEarly makes it to announce the pieces, loadFile uses it. */
const readContents = new WeakMap<FileRead, Content>();

/** A script file's content as it runs (a shell script, cloud-config, MIME user data…), positions its own. */
function contentOfRead(read: Extract<FileRead, { ok: true }>): Content {
  let content = readContents.get(read);
  if (!content) {
    content = contentOf(read.text, detectFormat(read.text), identity, true);
    readContents.set(read, content);
  }
  return content;
}

function contentOf(text: string, format: Format, map: MapPos, executed: boolean): Content {
  const content: Content = { pieces: [], direct: [], provided: [], providedNames: [], problems: [] };
  switch (format) {
    case 'shell': {
      const interpreter = shebang(text)[0]?.program;
      const name = interpreter ? posix.basename(interpreter) : undefined;
      const viaEnv = name === 'env' ? shebang(text)[1]?.program : undefined;
      if (name && !SHELL_INTERPRETER.test(viaEnv ?? name)) {
        // A Python/Perl/… script: only its interpreter comes from the image.
        for (const direct of shebang(text)) content.direct.push({ program: direct.program, pos: map(1, direct.column), via: '#!' });
        return content;
      }
      content.pieces.push({ text, map, executed });
      return content;
    }
    case 'cloud-config':
      addCloudInit(content, text, map);
      return content;
    case 'mime':
      addMime(content, text, map);
      return content;
    case 'windows':
      content.skipped = 'Windows (PowerShell/batch) user data is not analysed';
      return content;
  }
}

function addCloudInit(content: Content, text: string, map: MapPos): void {
  const doc = analyseCloudInit(text);
  for (const problem of doc.problems) content.problems.push({ pos: map(problem.line, problem.column), reason: `cloud-init: ${problem.message}` });
  content.provided.push(...doc.writes.filter((path) => path.startsWith('/')));
  content.providedNames.push(...doc.packages);
  for (const command of doc.commands) {
    if (command.form === 'shell' && command.text !== undefined && command.lines) {
      const lines = command.lines;
      content.pieces.push({
        text: command.text,
        executed: false,
        map: (line, column) => {
          const start = lines[Math.min(Math.max(line - 1, 0), lines.length - 1)] ?? { line: command.line, column: command.column };
          return map(start.line, start.column + column - 1);
        },
      });
    } else if (command.argv?.[0]) {
      const [program, ...rest] = command.argv;
      content.direct.push({ program: program.value, pos: map(program.line, program.column), via: `cloud-init ${command.key}` });
      // [sh, -c, "…"] runs a shell script.
      const script = rest[1];
      if (SHELL_INTERPRETER.test(posix.basename(program.value)) && rest[0]?.value === '-c' && script) {
        content.pieces.push({ text: script.value, executed: false, map: (line, column) => map(script.line + line - 1, (line === 1 ? script.column : 1) + column - 1) });
      }
    }
  }
}

/** MIME multi-part user data: shell and cloud-config parts are analysed, each mapped to its lines. */
function addMime(content: Content, text: string, map: MapPos): void {
  const lines = text.split('\n');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)?.[1];
  if (!boundary) {
    content.problems.push({ pos: map(1, 1), reason: 'MIME user data without a boundary' });
    return;
  }
  let index = lines.findIndex((line) => line.trim() === `--${boundary}`);
  while (index >= 0 && index < lines.length) {
    const headers: string[] = [];
    let cursor = index + 1;
    for (; cursor < lines.length && lines[cursor]!.trim() !== ''; cursor++) headers.push(lines[cursor]!);
    const bodyStart = cursor + 1;
    let end = bodyStart;
    while (end < lines.length && !lines[end]!.trim().startsWith(`--${boundary}`)) end++;
    const type = /^content-type:\s*([^;\s]+)/im.exec(headers.join('\n'))?.[1]?.toLowerCase();
    const base64 = /^content-transfer-encoding:\s*base64/im.test(headers.join('\n'));
    const body = lines.slice(bodyStart, end).join('\n');
    const partMap: MapPos = (line, column) => map(bodyStart + line, column);
    if ((type === 'text/x-shellscript' || type === 'text/cloud-config') && base64) {
      content.problems.push({ pos: map(index + 1, 1), reason: `base64-encoded MIME part (${type}) is not analysed` });
    } else if (type === 'text/x-shellscript') {
      const part = contentOf(body, 'shell', partMap, true);
      content.pieces.push(...part.pieces);
      content.direct.push(...part.direct);
    } else if (type === 'text/cloud-config') {
      addCloudInit(content, body, partMap);
    }
    if (end >= lines.length || lines[end]!.trim() === `--${boundary}--`) break;
    index = end;
  }
}

// ---------------------------------------------------------------------------------------------------

/** What runs a script, most specific first: the include glob says least. */
function describeRuns(runs: string[]): string[] {
  const specific = [...new Set(runs)].filter((run) => run !== 'matched by scripts.include');
  return specific.length > 0 ? specific : ['a shell script matched by scripts.include'];
}

/** Up-navigation in a script's text: `..`, `${0%/*}`, `$(dirname "$(dirname "$0")")`. */
const UP = /\.\.|%\/|dirname[^\n]*dirname/;

/**
 * Lets the event loop run at most every 50 ms of a long synchronous stretch (the analyses of thousands of
 * scripts await only resolved promises): the output of git processes started by other facts (merge-base
 * versions, history) is read meanwhile, instead of their pipes filling and the run waiting for them at its end.
 */
function yielder(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 50) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/**
 * Whether a unit may `source` the changed file `path`: a cheap test on its text before the shell analysis
 * that decides it (a candidate is analysed, and kept only if one of its sources resolves to the file).
 * The file's name must appear in the text, and its folder must be one the unit reaches without naming it
 * (anywhere in its CodeDeploy revision: `/opt/app/current/lib.sh`; its own folder or one above:
 * `$(dirname "$0")/common.sh`), or be named in the text, below the unit's folder (`lib/common.sh`) or
 * after a way up (`../../shared/lib/common.sh`). Without this, one changed `common.sh` made every script
 * that sources a `common.sh` of its own a candidate: in a monorepo, hundreds of analyses to keep none.
 */
function maySource(unit: Unit, path: string, text: string): boolean {
  if (!text.includes(posix.basename(path))) return false;
  if (nearFolder(unit, path)) return true;
  const folder = folderOf(path);
  const own = unit.scriptPath === undefined ? undefined : folderOf(unit.scriptPath);
  if (!text.includes(posix.basename(folder))) return false;
  return (own !== undefined && (own === '' || folder.startsWith(`${own}/`))) || UP.test(text);
}

/** Whether `unit` may source `path` without naming its folder: the file is at the root, in the unit's revision, or in a folder holding the unit's own. */
function nearFolder(unit: Unit, path: string): boolean {
  const folder = folderOf(path);
  if (folder === '') return true;
  if (unit.bundle && (unit.bundle.root === '' || path.startsWith(`${unit.bundle.root}/`))) return true;
  const own = unit.scriptPath === undefined ? undefined : folderOf(unit.scriptPath);
  return own !== undefined && (own === folder || own.startsWith(`${folder}/`));
}

function kindOf(program: string): ScriptCommand['kind'] {
  if (program.startsWith('/')) return 'absolute';
  return program.includes('/') ? 'relative' : 'bare';
}

/** Replaces the `$PATH` element with the PATH it extends. */
export function expandPath(path: string[], base: string[]): string[] {
  return path.flatMap((dir) => (dir === '$PATH' ? base : [dir]));
}

/** AMI ids in a file's version; undefined when it could not be read (counted as changed: check more, not less). */
async function amisOf(blob: Blob | undefined, path: string): Promise<string[] | undefined> {
  if (!blob?.ok) return undefined;
  const analysis = await pooledTerraform(blob.text, { fileName: path });
  return analysis.amis.map((ref) => ref.ami);
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}

function dedupe(commands: ScriptCommand[]): ScriptCommand[] {
  const seen = new Set<string>();
  return commands.filter((command) => {
    const key = `${command.file}:${command.line}:${command.column}:${command.program}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
