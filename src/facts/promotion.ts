// Facts for Terraform promotion (DG3xx, DG105): which environments a change reaches and through which
// module chain, the promotable values it brings into each later environment with their history in the
// previous one, AMI sources that float, and the applied-but-unmerged pull requests.
import { posix } from 'node:path';
import type { Settings } from '../config/settings.js';
import { announceTerraform, pooledTerraform } from '../parse/pool.js';
import type { ScriptFileRef } from '../parse/terraform.js';
import type { RunContext } from './context.js';
import type { OpenPull } from './github.js';
import { promotableValuesIn, valueId, type ValueOccurrence } from './promotableValues.js';
import { mayReferenceFile, PACKER_FILE, TERRAFORM_PROPER, type ModuleEdge, type TerraformIndex } from './terraform.js';
import { BaseVersions } from './pullRequest.js';
import { pathsOf, type ChangeSet, type ChangeStatus, type PullRequestFacts } from './types.js';
import { terragruntReads } from './terragrunt.js';
import { presenceHistory, type PresenceInterval } from './valueHistory.js';
import { folderOf, MAX_FILE_BYTES, normalisePath, readRepoFile } from './workspace.js';

/** Something promotion needs could not be read: the run ends in error with this fix, never in a pass. */
export class PromotionNotEvaluated extends Error {
  override name = 'PromotionNotEvaluated';
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

export interface EnvironmentReach {
  environment: string;
  /** Module hops from the changed file up to the environment's root; empty when the file is in the root. */
  chain: ModuleEdge[];
}

export interface ChangedInfraFile {
  path: string;
  status: ChangeStatus;
  previousPath?: string;
  /** Terraform proper (.tf, .tfvars, .hcl), as opposed to a template or script that Terraform reads. */
  terraform: boolean;
  reaches: EnvironmentReach[];
}

export interface TerraformChange {
  /** Environments in promotion order that this repository has (see promotionOrder). */
  order: string[];
  /** Changed files that are Terraform or that Terraform reads, with the environments each reaches. */
  files: ChangedInfraFile[];
}

export interface IncomingValue extends ValueOccurrence {
  /** Environment N that receives the value. */
  environment: string;
  /** Environment N-1 where it must have soaked. */
  previous: string;
  /** Module hops from the value's file up to N's root (empty when the value is in the root). */
  via: ModuleEdge[];
  /** This same change also brings the value into N-1. */
  alsoEntersPrevious: boolean;
  /** When N-1 had the value on the base branch, oldest first. */
  intervals: PresenceInterval[];
}

export interface PromotableValues {
  /** Tip of the base branch whose first-parent history was searched. */
  base: string;
  /** Branch name for messages (`main`), or the revision given. */
  baseName: string;
  order: string[];
  incoming: IncomingValue[];
}

export type FloatingKind = 'most-recent-lookup' | 'public-parameter' | 'unlisted-parameter';

export interface FloatingAmiSource {
  environment: string;
  kind: FloatingKind;
  /** `data.aws_ami.ubuntu`, or the SSM parameter name. */
  what: string;
  /** Where it is read: `data.aws_ssm_parameter.api`, `resolve:ssm: in resource.aws_launch_template.api`. */
  address: string;
  file: string;
  line: number;
  column: number;
  via: ModuleEdge[];
}

export interface AppliedPulls {
  label: string;
  /** Open pull requests carrying the label, this one excluded. */
  pulls: OpenPull[];
}

/** The templates Terraform renders. */
const TEMPLATE = /\.(tftpl|tpl)$/;

/**
 * The promotion order restricted to environments this repository has Terraform for when they were
 * detected from directory names (a prod-only repository has no staging to promote from); configured
 * environments are always kept: an empty glob is the user's to fix, and it blocks rather than passes.
 */
export function promotionOrder(settings: Settings, index: TerraformIndex): string[] {
  if (settings.environmentsConfigured) return [...settings.promotion];
  const present = new Set<string>();
  for (const path of index.files.keys()) for (const env of index.environmentsOf(path)) present.add(env);
  return settings.promotion.filter((name) => present.has(name));
}

/**
 * Every environment a path reaches: directly, through local modules, as a file that an environment's
 * Terraform reads (file(), templatefile()), or as Terragrunt configuration a terragrunt.hcl includes or reads.
 */
export class ReachMap {
  private readonly cache = new Map<string, Map<string, ModuleEdge[]>>();
  /** Repository file → the files that read or include it: Terragrunt's first, then in the order of the index. */
  private readonly readers = new Map<string, ModuleEdge[]>();
  private readonly terragrunt = new Set<ModuleEdge>();
  /** Position of each file in the index, for a reference read late. */
  private readonly rank = new Map<string, number>();
  /**
   * Files a narrow PR's index has not parsed that may reference files (TerraformIndex.unreadReferences), with
   * their folder: their references are read the first time a path they may name is asked about.
   */
  private readonly unread = new Map<string, { dir: string; rendered: string }>();
  private readonly asked = new Set<string>();

  constructor(
    private readonly index: TerraformIndex,
    terragruntEdges: readonly ModuleEdge[] = [],
  ) {
    for (const edge of terragruntEdges) {
      this.terragrunt.add(edge);
      this.readers.set(edge.dir, [...(this.readers.get(edge.dir) ?? []), edge]);
    }
    for (const { path, analysis } of index.files.values()) {
      this.rank.set(path, this.rank.size);
      const rendered = index.unreadReferences(path);
      if (rendered !== undefined) this.unread.set(path, { dir: folderOf(path), rendered });
      else this.addReferences(path, analysis.scriptFiles, false);
    }
  }

  private addReferences(path: string, refs: readonly ScriptFileRef[], late: boolean): void {
    const rank = this.rank.get(path) ?? 0;
    for (const ref of refs) {
      if (ref.dynamic) continue;
      const target = normalisePath(posix.join(posix.dirname(path), ref.path));
      if (!target) continue;
      const edges = this.readers.get(target) ?? [];
      const edge = { dir: target, by: path, line: ref.line };
      // Read late, a file's references go where reading every file in order would have put them.
      const at = late ? edges.findIndex((other) => !this.terragrunt.has(other) && (this.rank.get(other.by) ?? 0) > rank) : -1;
      if (at < 0) edges.push(edge);
      else edges.splice(at, 0, edge);
      this.readers.set(target, edges);
    }
  }

  private readersOf(path: string): readonly ModuleEdge[] {
    if (this.unread.size > 0 && !this.asked.has(path)) {
      this.asked.add(path);
      for (const [file, { dir, rendered }] of this.unread) {
        if (!mayReferenceFile(rendered, dir, path)) continue;
        this.unread.delete(file);
        this.addReferences(file, this.index.files.get(file)?.analysis.scriptFiles ?? [], true);
      }
    }
    return this.readers.get(path) ?? [];
  }

  of(path: string, seen: ReadonlySet<string> = new Set()): Map<string, ModuleEdge[]> {
    const cached = this.cache.get(path);
    if (cached) return cached;
    const found = new Map(this.index.reach(path));
    // Readers can be read in turn (an _envcommon file reading another); `seen` stops include cycles.
    for (const edge of this.readersOf(path)) {
      if (seen.has(edge.by) || seen.size > 16) continue;
      for (const [env, chain] of this.of(edge.by, new Set([...seen, path]))) {
        const candidate = [edge, ...chain];
        const known = found.get(env);
        if (!known || known.length > candidate.length) found.set(env, candidate);
      }
    }
    if (seen.size === 0) this.cache.set(path, found);
    return found;
  }

  /** Whether the path is something Terraform of some environment reads. */
  isRead(path: string): boolean {
    return this.readersOf(path).length > 0;
  }
}

const reachMaps = new WeakMap<TerraformIndex, Promise<ReachMap>>();

/** The reach of the checkout, built once per Terraform index (Terragrunt files are read for their includes). */
export function reachMap(context: RunContext, index: TerraformIndex): Promise<ReachMap> {
  let pending = reachMaps.get(index);
  if (!pending) {
    pending = (async () => {
      const edges: ModuleEdge[] = [];
      for (const path of index.files.keys()) {
        if (posix.basename(path) !== 'terragrunt.hcl') continue;
        const read = await readRepoFile(context.workspace, path);
        if (read.ok) edges.push(...(await terragruntReads(path, read.text, (candidate) => index.files.has(candidate))));
      }
      return new ReachMap(index, edges);
    })();
    reachMaps.set(index, pending);
  }
  return pending;
}

function reachesOf(reach: ReachMap, order: readonly string[], paths: readonly string[]): EnvironmentReach[] {
  const best = new Map<string, ModuleEdge[]>();
  for (const path of paths) {
    for (const [env, chain] of reach.of(path)) {
      const known = best.get(env);
      if (!known || known.length > chain.length) best.set(env, chain);
    }
  }
  return order.filter((env) => best.has(env)).map((environment) => ({ environment, chain: best.get(environment) ?? [] }));
}

export function describeChange(index: TerraformIndex, changes: ChangeSet, settings: Settings, reach: ReachMap): TerraformChange {
  const order = promotionOrder(settings, index);
  const files: ChangedInfraFile[] = [];
  for (const file of changes.files) {
    const paths = pathsOf(file);
    const terraform = paths.some((path) => TERRAFORM_PROPER.test(path) && !PACKER_FILE.test(path));
    if (!terraform && !paths.some((path) => TEMPLATE.test(path) || reach.isRead(path))) continue;
    files.push({
      path: file.path,
      status: file.status,
      ...(file.previousPath !== undefined ? { previousPath: file.previousPath } : {}),
      terraform,
      reaches: reachesOf(reach, order, paths),
    });
  }
  return { order, files };
}

export async function gatherTerraformChange(context: RunContext, index: TerraformIndex, changes: ChangeSet): Promise<TerraformChange> {
  const change = describeChange(index, changes, context.settings, await reachMap(context, index));
  const dropped = context.settings.promotion.filter((name) => !change.order.includes(name));
  if (dropped.length > 0) {
    context.journal.note(
      'promotion',
      `No Terraform found for ${dropped.join(', ')} (environments detected from directory names); promotion checks use ${change.order.join(' → ') || 'no environment'}.`,
    );
  }
  return change;
}

function baseName(context: RunContext): string {
  if (context.revisions) return context.revisions.base;
  const pull = context.event.payload.pull_request as { base?: { ref?: unknown } } | undefined;
  if (typeof pull?.base?.ref === 'string') return pull.base.ref;
  const group = context.event.payload.merge_group as { base_ref?: unknown } | undefined;
  if (typeof group?.base_ref === 'string') return group.base_ref.replace(/^refs\/heads\//, '');
  return 'the base branch';
}

function byPosition(a: ValueOccurrence, b: ValueOccurrence): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/**
 * For each later environment N: the values this change adds to N (present in N's changed files at the
 * head, in none of N's files at the merge base), with the intervals during which N-1 had them on the
 * base branch. Only changed files and their merge-base versions are parsed; history only for these values.
 */
export async function gatherPromotableValues(
  context: RunContext,
  index: TerraformIndex,
  change: TerraformChange,
  changes: ChangeSet,
  atBase: BaseVersions = new BaseVersions(context.workspace, changes.mergeBase),
): Promise<PromotableValues> {
  const reach = await reachMap(context, index);
  const { order } = change;
  const result: PromotableValues = { base: changes.base, baseName: baseName(context), order, incoming: [] };
  if (order.length < 2) return result;

  const changedTerraform = change.files.filter((file) => file.terraform);
  const changedPaths = new Set(changedTerraform.map((file) => file.path));
  const unreadable = new Map(index.unreadable.map((entry) => [entry.path, entry]));

  // Merge-base versions of the changed Terraform files, one batch.
  const baseBlobs = await atBase.read(changedTerraform.filter((file) => file.status !== 'added').map((file) => file.previousPath ?? file.path));
  // The merge-base versions only answer "was this value of a changed file there before?": a version whose
  // text holds none of the literal needles of those values (nor a backslash or %, which can spell one) has
  // none of them, and is not parsed.
  const changedNeedles = needlesOf(
    changedTerraform.flatMap((file) => {
      const parsed = file.status === 'deleted' ? undefined : index.files.get(file.path);
      return parsed ? promotableValuesIn(file.path, parsed.analysis) : [];
    }),
  );
  const baseVersions: { path: string; text: string }[] = [];
  for (const file of changedTerraform) {
    if (file.status === 'added') continue;
    const path = file.previousPath ?? file.path;
    const blob = baseBlobs.get(path);
    if (!blob?.ok) continue; // unreadable at the base: its values count as new, which can only block
    if (mayHold(blob.text, changedNeedles)) baseVersions.push({ path, text: blob.text });
  }
  // Announced at once: a worker thread parses from the back while this thread parses from the front.
  for (const { path, text } of baseVersions) announceTerraform(text, { fileName: path });
  const baseOccurrences: ValueOccurrence[] = [];
  for (const { path, text } of baseVersions) baseOccurrences.push(...promotableValuesIn(path, await pooledTerraform(text, { fileName: path })));

  const addedTo = new Map<string, Map<string, ValueOccurrence & { via: ModuleEdge[] }>>();
  // Every changed file of an environment that could not be read is named, not only the first one.
  const problems = changedTerraform.flatMap((file) => {
    const problem = unreadable.get(file.path);
    const envs = order.filter((env) => reach.of(file.path).has(env));
    if (file.status === 'deleted' || !problem || envs.length === 0) return [];
    return [{ path: file.path, text: `${file.path}${problem.line ? `:${problem.line}` : ''} (${envs.join(', ')}) could not be read: ${problem.reason}.` }];
  });
  if (problems.length > 0) {
    throw new PromotionNotEvaluated(
      problems.map((problem) => problem.text).join(' '),
      `Make ${problems.length === 1 ? problems[0]!.path : 'each of them'} valid Terraform under ${MAX_FILE_BYTES / 1024 / 1024} MiB; deploy-guard reads every changed file of an environment before it lets the change through.`,
    );
  }

  for (const env of order) {
    // The values the changed files bring into env, and the needles that find them in a text.
    const brought: (ValueOccurrence & { via: ModuleEdge[] })[] = [];
    for (const file of changedTerraform) {
      if (file.status === 'deleted') continue;
      const via = reach.of(file.path).get(env);
      if (!via) continue;
      const parsed = index.files.get(file.path);
      if (!parsed) continue;
      for (const occurrence of promotableValuesIn(file.path, parsed.analysis).sort(byPosition)) brought.push({ ...occurrence, via });
    }
    // Which of them env already has: at the merge base, or in a file the PR leaves as it is. Only those are
    // looked for, and only until each is found: a file is parsed for them only when its text may hold one.
    const sought = new Set(brought.map(valueId));
    for (const occurrence of baseOccurrences) if (reach.of(occurrence.file).has(env)) sought.delete(valueId(occurrence));
    let soughtNeedles: string[] | undefined;
    for (const [path, parsed] of index.files) {
      if (sought.size === 0) break;
      if (changedPaths.has(path) || PACKER_FILE.test(path)) continue;
      const unparsed = index.unparsedText(path);
      if (unparsed !== undefined && !mayHold(unparsed, (soughtNeedles ??= needlesOf(brought.filter((value) => sought.has(valueId(value))))))) continue;
      const held = promotableValuesIn(path, parsed.analysis).filter((occurrence) => sought.has(valueId(occurrence)));
      if (held.length === 0 || !reach.of(path).has(env)) continue;
      for (const occurrence of held) sought.delete(valueId(occurrence));
      soughtNeedles = undefined;
    }
    const added = new Map<string, ValueOccurrence & { via: ModuleEdge[] }>();
    for (const occurrence of brought) {
      const id = valueId(occurrence);
      if (sought.has(id) && !added.has(id)) added.set(id, occurrence);
    }
    addedTo.set(env, added);
  }

  for (let i = 1; i < order.length; i++) {
    const env = order[i]!;
    const previous = order[i - 1]!;
    const added = [...(addedTo.get(env)?.values() ?? [])];
    if (added.length === 0) continue;
    const history = await presenceHistory({
      cwd: context.workspace,
      base: changes.base,
      values: added,
      belongs: (path) => !PACKER_FILE.test(path) && reach.of(path).has(previous),
    });
    context.journal.note(
      'promotion',
      `Promotion (git evidence: what ${previous} had on ${result.baseName}, which proves intent, not what ran): ${added.length} value(s) entering ${env} searched in ${history.commitsExamined} first-parent commit(s).`,
    );
    const enteringPrevious = addedTo.get(previous);
    for (const occurrence of added) {
      const id = valueId(occurrence);
      result.incoming.push({
        ...occurrence,
        environment: env,
        previous,
        alsoEntersPrevious: enteringPrevious?.has(id) ?? false,
        intervals: history.intervals.get(id) ?? [],
      });
    }
  }
  return result;
}

const PUBLIC_PARAMETER = /^\/aws\/service\//;
const NOT_AN_IMAGE = /^\/aws\/service\/global-infrastructure\//;
/** A `data "aws_ssm_parameter"` is taken for an AMI source only by its name: the grammar does not follow references. */
const IMAGE_PARAMETER = /(^|[/_.-])(ami|amis|image|images|image[-_]?id)([/_.-]|$)/i;

function parameterName(resolved: string): { name: string; pinned: boolean } {
  // resolve:ssm:/name:12 pins version 12; resolve:ssm:/name:label follows a label that can move.
  const match = /^(.*):([^:/]+)$/.exec(resolved);
  if (match && match[1]) return { name: match[1], pinned: /^\d+$/.test(match[2] ?? '') };
  return { name: resolved, pinned: false };
}

/** The literal needles of `values` (see mayHold), each once: a worst-case PR brings thousands of values, most of them the same few. */
function needlesOf(values: readonly ValueOccurrence[]): string[] {
  return [...new Set(values.flatMap((value) => value.needles))].filter((needle) => needle.length > 0);
}

/** False means `text` holds none of the values these are the needles of: none of them, nor a backslash or %, which can spell one. */
function mayHold(text: string, needles: readonly string[]): boolean {
  return text.includes('\\') || text.includes('%') || needles.some((needle) => text.includes(needle));
}

function normaliseParameter(name: string): string {
  return name.startsWith('/') ? name : `/${name}`;
}

/** AMI sources of environments after the first that pick an image at apply or launch time. */
export function floatingAmiSources(settings: Settings, index: TerraformIndex, reach: ReachMap): FloatingAmiSource[] {
  const order = promotionOrder(settings, index);
  const later = new Set(order.slice(1));
  const found: FloatingAmiSource[] = [];
  for (const [path, { analysis }] of index.files) {
    // A file the index has not parsed holds no AMI lookup and reads no SSM parameter (see deferrable).
    if (index.unparsedText(path) !== undefined) continue;
    if (analysis.amiLookups.length === 0 && analysis.ssmParameters.length === 0) continue;
    const envs = [...reach.of(path)].filter(([env]) => later.has(env));
    if (envs.length === 0) continue;
    for (const [environment, via] of envs) {
      const listed = new Set((settings.environments.get(environment)?.amis.ssmParameters ?? []).map(normaliseParameter));
      for (const lookup of analysis.amiLookups) {
        if (!lookup.mostRecent) continue;
        const what = `data.aws_ami.${lookup.name}`;
        found.push({ environment, kind: 'most-recent-lookup', what, address: what, file: path, line: lookup.line, column: lookup.column, via });
      }
      for (const parameter of analysis.ssmParameters) {
        if (parameter.dynamic || parameter.kind === 'resource') continue;
        const { name, pinned } = parameter.kind === 'resolve' ? parameterName(parameter.name) : { name: parameter.name, pinned: false };
        if (pinned) continue;
        const address = parameter.kind === 'resolve' ? `resolve:ssm: in ${parameter.address}` : parameter.address;
        const base = { environment, what: name, address, file: path, line: parameter.line, column: parameter.column, via };
        if (PUBLIC_PARAMETER.test(name)) {
          if (!NOT_AN_IMAGE.test(name)) found.push({ ...base, kind: 'public-parameter' });
        } else if (!listed.has(normaliseParameter(name)) && (parameter.kind === 'resolve' || IMAGE_PARAMETER.test(name))) {
          // resolve:ssm: is only valid for AMI ids; a data source counts when its name says it holds an image.
          found.push({ ...base, kind: 'unlisted-parameter' });
        }
      }
    }
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.environment < b.environment ? -1 : 1)));
}

export async function gatherFloatingAmiSources(context: RunContext, index: TerraformIndex): Promise<FloatingAmiSource[]> {
  return floatingAmiSources(context.settings, index, await reachMap(context, index));
}

export async function gatherAppliedPulls(context: RunContext, pull: PullRequestFacts | undefined): Promise<AppliedPulls> {
  const label = context.settings.appliedLabel;
  if (!context.github) {
    throw new PromotionNotEvaluated(
      `Open pull requests labelled "${label}" could not be listed: no GitHub token.`,
      'Pass github-token (the default is ${{ github.token }}) and give the job `pull-requests: read`; for the CLI set GITHUB_TOKEN and GITHUB_REPOSITORY.',
    );
  }
  let pulls: OpenPull[];
  try {
    pulls = await context.github.openPullsWithLabel(label);
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    throw new PromotionNotEvaluated(
      `Open pull requests labelled "${label}" could not be listed from the GitHub API${typeof status === 'number' ? ` (HTTP ${status})` : ''}: ${error instanceof Error ? error.message : String(error)}`,
      'Give the job `permissions: pull-requests: read` and re-run; if GitHub was unavailable, re-run the job.',
    );
  }
  const own = pull?.number ?? mergeQueuePull(context);
  return { label, pulls: pulls.filter((candidate) => candidate.number !== own).sort((a, b) => a.number - b.number) };
}

/** The pull request a merge queue run is for: `refs/heads/gh-readonly-queue/main/pr-123-<sha>`. */
function mergeQueuePull(context: RunContext): number | undefined {
  const group = context.event.payload.merge_group as { head_ref?: unknown } | undefined;
  const match = typeof group?.head_ref === 'string' ? /\/pr-(\d+)-[0-9a-f]+$/.exec(group.head_ref) : null;
  return match ? Number(match[1]) : undefined;
}
