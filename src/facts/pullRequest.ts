// Facts about the PR under check: its revisions, changed files, labels, and the break-glass override.
import { ConfigurationError } from '../config/errors.js';
import type { RunContext } from './context.js';
import { changedFiles, commitTime, ensureCommit, localMergeBase, mergeBase, readBlobs, resolveCommit, type Blob } from './git.js';
import { TERRAFORM_PROPER } from './terraform.js';
import { pathsOf, type ChangeSet, type OverrideFacts, type PullRequestFacts } from './types.js';
import { MAX_FILE_BYTES } from './workspace.js';

interface PayloadPull {
  number: number;
  title?: string;
  body?: string | null;
  user?: { login?: string };
  labels?: { name?: string }[];
  head: { sha: string };
  base: { sha: string; ref: string };
}

function payloadPull(context: RunContext): PayloadPull | undefined {
  const pull = context.event.payload.pull_request as PayloadPull | undefined;
  return pull && typeof pull.number === 'number' ? pull : undefined;
}

/** Base revision of the check: CLI flag, pull_request base, or merge_group base. */
function baseRevision(context: RunContext): string {
  if (context.revisions) return context.revisions.base;
  const pull = payloadPull(context);
  if (pull) return pull.base.sha;
  const group = context.event.payload.merge_group as { base_sha?: string } | undefined;
  if (group?.base_sha) return group.base_sha;
  throw new ConfigurationError(
    `Event "${context.event.name}" carries no base revision for a PR check.`,
    'Run the PR check on pull_request or merge_group events, or pass --base to the CLI.',
  );
}

export async function gatherChanges(context: RunContext): Promise<ChangeSet> {
  const root = context.workspace;
  // The base is resolved beside HEAD (two git processes at once); what is wrong with HEAD is reported first.
  const baseCommit = (async () => ensureCommit(root, baseRevision(context), 'base'))();
  baseCommit.catch(() => undefined);
  // The merge base is asked for beside them: when both commits are here already, it is the one mergeBase finds
  // first, a git process sooner. When the base had to be fetched, this finds none and mergeBase looks.
  const early = (async () => localMergeBase(root, baseRevision(context), 'HEAD'))().catch(() => undefined);
  // The working tree is what gets analysed: on GitHub it is the PR merged into its base.
  const head = await resolveCommit(root, 'HEAD');
  if (!head) throw new ConfigurationError(`No git checkout at ${root}.`, 'Run actions/checkout before deploy-guard.');
  // Before --head may fetch too: two fetches in one repository would race for its locks.
  const base = await baseCommit;
  const wanted = context.revisions?.head;
  if (wanted) {
    const resolved = await ensureCommit(root, wanted, 'head');
    if (resolved !== head) {
      throw new ConfigurationError(
        `--head ${wanted} is not the checked-out commit; deploy-guard reads the working tree.`,
        `Check it out first: git checkout ${wanted}`,
      );
    }
  }
  const fork = (await early) ?? (await mergeBase(root, base, head));
  return { base, head, mergeBase: fork, files: await changedFiles(root, fork, head) };
}

/**
 * Files at a pull request's merge base, each read once, in batches (two git processes a batch). The deploy-script
 * scope (does the change bring a new AMI?) and the promotion checks (was this value there before?) both read
 * the changed Terraform there: the first batch, of every changed Terraform file, starts as soon as the changes
 * are known, when this process is small and starting git is cheap, and both take their versions from it.
 */
export class BaseVersions {
  private readonly known = new Map<string, Promise<Blob>>();

  constructor(
    workspace: string,
    readonly mergeBase: string,
    private readonly readSpecs: (specs: string[]) => Promise<Map<string, Blob>> = (specs) => readBlobs(workspace, specs, MAX_FILE_BYTES),
  ) {}

  /** The versions of `paths` at the merge base (a path it lacks reads as missing). */
  async read(paths: readonly string[]): Promise<Map<string, Blob>> {
    const wanted = [...new Set(paths)];
    const unread = wanted.filter((path) => !this.known.has(path));
    if (unread.length > 0) {
      const spec = (path: string) => `${this.mergeBase}:${path}`;
      const batch = this.readSpecs(unread.map(spec));
      for (const path of unread) {
        const blob = batch.then((blobs) => blobs.get(spec(path)) ?? { ok: false as const, reason: 'missing' as const });
        blob.catch(() => undefined); // the caller that asks for it gets the failure
        this.known.set(path, blob);
      }
    }
    return new Map(await Promise.all(wanted.map(async (path) => [path, await this.known.get(path)!] as const)));
  }
}

/**
 * The merge-base versions of a PR, with every changed Terraform file that existed there being read already
 * (TERRAFORM_PROPER: the promotion checks read those, the deploy-script scope the TERRAFORM_FILE among them).
 */
export function baseVersionsOf(workspace: string, changes: ChangeSet): BaseVersions {
  const versions = new BaseVersions(workspace, changes.mergeBase);
  const terraform = changes.files.filter((file) => file.status !== 'added' && pathsOf(file).some((path) => TERRAFORM_PROPER.test(path)));
  void versions.read(terraform.map((file) => file.previousPath ?? file.path)).catch(() => undefined);
  return versions;
}

export async function gatherPullRequest(context: RunContext): Promise<PullRequestFacts | undefined> {
  const pull = payloadPull(context);
  if (!pull) return undefined;
  return {
    number: pull.number,
    title: pull.title ?? '',
    body: pull.body ?? '',
    author: pull.user?.login ?? '',
    labels: (pull.labels ?? []).map((label) => label.name ?? '').filter(Boolean),
    headSha: pull.head.sha,
    baseRef: pull.base.ref,
  };
}

const REASON_LINE = /^\s*deploy-guard-reason:[ \t]*(.+?)\s*$/m;

export function overrideReason(body: string): string | undefined {
  const reason = REASON_LINE.exec(body)?.[1];
  return reason && reason.length > 0 ? reason : undefined;
}

export async function gatherOverride(context: RunContext, pull: PullRequestFacts | undefined): Promise<OverrideFacts | undefined> {
  if (!pull) return undefined;
  const { label, allowed } = context.settings.override;
  const labelPresent = pull.labels.includes(label);
  if (!labelPresent) return { labelEvents: [], labelPresent: false };
  const reason = overrideReason(pull.body);
  // Read only when the label is there (a git process less for every other PR).
  const headCommittedAt = await commitTime(context.workspace, pull.headSha).catch(() => undefined);
  const base: OverrideFacts = {
    labelEvents: [],
    labelPresent,
    ...(reason ? { reason } : {}),
    ...(headCommittedAt ? { headCommittedAt } : {}),
  };
  if (!context.github) return base;
  const labelEvents = (await context.github.labelEvents(pull.number)).filter((event) => event.label === label);
  const latest = labelEvents.at(-1);
  if (!latest) return { ...base, labelEvents };
  let actorAllowed: OverrideFacts['actorAllowed'] = { allowed: false };
  for (const entry of allowed) {
    const [org, team] = entry.split('/');
    if (!team) {
      if (entry.toLowerCase() === latest.actor.toLowerCase()) {
        actorAllowed = { allowed: true, via: `user ${entry}` };
        break;
      }
    } else if (org && (await context.github.isTeamMember(org, team, latest.actor))) {
      actorAllowed = { allowed: true, via: `team ${entry}` };
      break;
    }
  }
  return { ...base, labelEvents, actorAllowed };
}
