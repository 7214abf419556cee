// The facts the deploy-script binaries rules (DG2xx) read: which scripts run on which images, what each
// one executes, and what is on those images. Gathered in facts/scripts.ts and facts/images.ts.

/** One program a deploy script will execute, where users edit it. */
export interface ScriptCommand {
  /** '/usr/bin/aws' (absolute), 'aws' (bare) or './bin/x' (relative), after variable substitution. */
  program: string;
  kind: 'absolute' | 'bare' | 'relative';
  /** The file users edit (the .tf file for a user-data heredoc), repository-relative. */
  file: string;
  line: number;
  column: number;
  /** Wrappers and variables it was reached through: ['sudo'], ['$AWS_BIN'], ['cron']. */
  via: string[];
  /** PATH in effect at the call: the run path, changed by the script and the files it sources. */
  searchPath: string[];
}

/** One image a script runs on in this run, and why. */
export interface ScriptImage {
  image: string;
  /** Environments through which the script runs on it. */
  environments: string[];
  /** Why this image, when it is not the environment's own: 'in staging now, next for prod' (audit). */
  note?: string;
}

export interface DeployScript {
  /** Unique key: the script file, or `<file>#<context>` for a script embedded in another file. */
  id: string;
  /** The file users edit; findings point here. */
  file: string;
  /** What runs it, for messages: 'CodeDeploy hook ApplicationStart of deploy/appspec.yml (runas root)'. */
  runs: string[];
  /** Known to run on an instance (appspec hook, user data, cloud-init, a file those source, …). */
  onInstance: boolean;
  /** Environments whose instances run it; empty when none (e.g. a Packer build script). */
  environments: string[];
  /** Images to check it against in this run; empty without image checks. */
  images: ScriptImage[];
  /** Environments it runs in whose image is not known (no AMI id in their Terraform, no `ami-id` input). */
  unknownImages: string[];
  commands: ScriptCommand[];
  /** Tests for a program (`[ -x /usr/bin/aws ]`, `command -v jq`), in the script or a file it sources (then at the `source` line): calls after one choose at run time. */
  guards: { program: string; file: string; line: number }[];
  /** Absolute paths the deployment installs (appspec `files:` destinations, paths the scripts write or unpack, cloud-init write_files). */
  provided: string[];
  /** Bare names the deployment installs (cloud-init `packages`). */
  providedNames: string[];
}

/** A script that a hook, a `file()`/`templatefile()` or a provisioner names but the repository lacks (DG203). */
export interface MissingScript {
  /** The repository path it was expected at. */
  expected: string;
  /** As written in the referring file. */
  reference: string;
  /** Where it is named. */
  file: string;
  line: number;
  column: number;
  /** 'CodeDeploy hook ApplicationStart', 'templatefile() in resource.aws_instance.api.user_data'. */
  by: string;
}

/** A script that could not be read or parsed completely (DG205). */
export interface UnanalysedScript {
  file: string;
  line?: number;
  column?: number;
  reason: string;
  /** Runs on an instance: an error then, otherwise a warning. */
  onInstance: boolean;
  runs: string[];
}

export interface DeployScripts {
  /** False without an `images` configuration: only DG204 checks scripts then. */
  imageChecks: boolean;
  /** 'all' in audit and preflight; 'changes' in a PR (changed scripts, and every script of an environment whose image changed). */
  scope: 'all' | 'changes';
  scripts: DeployScript[];
  missing: MissingScript[];
  unanalysed: UnanalysedScript[];
}

/** An AMI an environment runs or is about to run. */
export interface EnvironmentAmi {
  ami: string;
  /** terraform: a literal id in its Terraform at the head revision; input: the `ami-id` input; live: read from AWS. */
  source: 'terraform' | 'input' | 'live';
  file?: string;
  line?: number;
  column?: number;
  /** For messages: 'image_id in resource.aws_launch_template.api'. */
  detail: string;
}

/** Per environment (promotion order), the AMIs its scripts must work on. The AWS family adds live AMIs. */
export type EnvironmentAmis = Map<string, EnvironmentAmi[]>;

export interface ImageInventory {
  image: string;
  source: 'manifest' | 'probe';
  /** 'images/api.json' or 'SSM probe on i-0abc… in us-east-1'. */
  from: string;
  /** Executables known to be on the image. */
  executables: string[];
  /** Folders listed completely (manifest): a path in one of them that is not an executable is absent. */
  coveredDirs: string[];
  /** Single paths that were checked (probe): one of them that is not an executable is absent. */
  checkedPaths: string[];
  /** Where the basename of a missing path resolves on the image (probe's `command -v`). */
  alternatives: Record<string, string>;
  /** The image's PATH, as recorded. */
  path: string[];
}

export type InventoryResult =
  | { ok: true; inventory: ImageInventory }
  | { ok: false; image: string; reason: string; fix: string; security?: boolean };

/** Per image that some script in scope runs on. */
export type ImageInventories = Map<string, InventoryResult>;
