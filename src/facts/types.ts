import type { TerraformIndex } from './terraform.js';
import type { DeployScripts, EnvironmentAmis, ImageInventories } from './binaryFacts.js';
export type * from './binaryFacts.js';
import type { AppliedPulls, FloatingAmiSource, PromotableValues, TerraformChange } from './promotion.js';
import type { BaseVersions } from './pullRequest.js';
import type { AmiSoakFacts, LiveAmis } from './soakTypes.js';
export type * from './soakTypes.js';

// Every fact a rule may read. Adapters gather them lazily, only for the rules that are enabled.
// A rule family adds its keys here (one line each) and its gatherer in facts/registry.ts.

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface ChangedFile {
  path: string;
  status: ChangeStatus;
  /** For renames: the path before. */
  previousPath?: string;
}

/** The paths a change touches: its path, and the one before for a rename. */
export function pathsOf(file: ChangedFile): string[] {
  return file.previousPath !== undefined ? [file.path, file.previousPath] : [file.path];
}

/** Every path a change set touches (see pathsOf). */
export function changedPaths(changes: ChangeSet): Set<string> {
  return new Set(changes.files.flatMap(pathsOf));
}

export interface ChangeSet {
  base: string;
  head: string;
  /** Commit where the PR branched from the base branch (diffs are taken from here). */
  mergeBase: string;
  files: ChangedFile[];
}

export interface PullRequestFacts {
  number: number;
  title: string;
  body: string;
  author: string;
  labels: string[];
  headSha: string;
  baseRef: string;
}

export interface LabelEvent {
  label: string;
  actor: string;
  at: string;
}

export interface OverrideFacts {
  /** Label events for the override label on this PR, newest last. */
  labelEvents: LabelEvent[];
  /** Whether the label is on the PR now. */
  labelPresent: boolean;
  /** The `deploy-guard-reason:` line of the PR body, if any. */
  reason?: string;
  /** For the latest label event: whether its actor is allowed (directly or through a team), and how. */
  actorAllowed?: { allowed: boolean; via?: string };
  /** Committer time of the head commit (read from git); an override must be applied after it. */
  headCommittedAt?: string;
}

export interface Facts {
  /** Every file of the checkout (tracked and untracked, not ignored), repository-relative. */
  repoFiles: string[];
  /** Every Terraform file parsed once, environment classification and the local module graph. */
  terraform: TerraformIndex;
  /** Changed files of the PR (pr mode). */
  changes: ChangeSet;
  /** Files at the PR's merge base, read once each (pr mode); the changed Terraform is read as soon as it is known. */
  baseVersions: BaseVersions;
  /** The pull request of the event (pr mode, pull_request events; absent for merge_group). */
  pullRequest: PullRequestFacts | undefined;
  override: OverrideFacts | undefined;
  /** Promotion (pr mode, else undefined): changed Terraform and what Terraform reads, with the environments each reaches. */
  terraformChange: TerraformChange | undefined;
  /** Promotion (pr mode, else undefined): values the change brings into each later environment, with their history in the previous one. */
  promotableValues: PromotableValues | undefined;
  /** AMI sources of later environments that pick an image at apply or launch time (DG105). */
  floatingAmiSources: FloatingAmiSource[];
  /** Open pull requests with the applied label, this one excluded (GitHub). */
  appliedPulls: AppliedPulls;
  /** Deploy scripts that run on instances, what each executes, the images each runs on (DG2xx). */
  deployScripts: DeployScripts;
  /** AMIs each environment runs: its Terraform at head, the ami-id input in preflight; live AMIs join here. */
  environmentAmis: EnvironmentAmis;
  /** What is on each image a deploy script in scope runs on: a manifest or the SSM probe. */
  imageInventories: ImageInventories;
  /** AMIs live in each environment now (audit), or the preflight candidate, read from AWS and Terraform (soak family). */
  liveAmis: LiveAmis;
  /** Every AMI reaching or serving a later environment, what each source shows of it in the previous one, its health (DG101–DG106). */
  amiSoak: AmiSoakFacts;
}

export type FactKey = keyof Facts;
