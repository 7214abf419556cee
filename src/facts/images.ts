// Which AMIs each environment runs, and what is on them: image manifests written by the image build,
// or the read-only SSM probe on a running staging instance. The AWS adapters load only when the probe is on.
import { globMatcher } from '../config/glob.js';
import { parseDocument } from 'yaml';
import { ConfigurationError } from '../config/errors.js';
import { previousEnvironment, type Settings } from '../config/settings.js';
import type { Mode } from '../model.js';
import { AMI_ID_PATTERN } from '../parse/terraform.js';
import { USER_AGENT } from '../version.js';
import type { DeployScripts, EnvironmentAmis, ImageInventories, ImageInventory, InventoryResult } from './binaryFacts.js';
import type { RunContext } from './context.js';
import { PACKER_FILE, type TerraformIndex } from './terraform.js';
import { readRepoFile } from './workspace.js';

// ---------------------------------------------------------------------------------------------------
// Environment AMIs

/** AMI ids each environment's Terraform references at the head revision, its modules included. Packer `source_ami`s are build inputs, not environment images. */
export function terraformAmis(index: TerraformIndex, settings: Settings): EnvironmentAmis {
  const result: EnvironmentAmis = new Map(settings.promotion.map((env) => [env, []]));
  const files = [...index.files.values()].sort((a, b) => a.path.localeCompare(b.path));
  for (const { path, analysis } of files) {
    if (PACKER_FILE.test(path) || analysis.amis.length === 0) continue;
    for (const env of index.reach(path).keys()) {
      const list = result.get(env);
      if (!list) continue;
      for (const ref of analysis.amis) {
        if (list.some((known) => known.ami === ref.ami)) continue;
        list.push({ ami: ref.ami, source: 'terraform', file: path, line: ref.line, column: ref.column, detail: `${ref.attribute} in ${ref.context} (${path}:${ref.line})` });
      }
    }
  }
  return result;
}

/** The preflight candidate from the `ami-id` input replaces what the target environment's Terraform says. */
export function withInputAmi(amis: EnvironmentAmis, settings: Settings, mode: Mode): EnvironmentAmis {
  const ami = settings.inputs.amiId;
  if (mode !== 'preflight' || !ami) return amis;
  const target = preflightTarget(settings);
  const result = new Map(amis);
  result.set(target, [{ ami, source: 'input', detail: 'the ami-id input (preflight candidate)' }]);
  return result;
}

export function preflightTarget(settings: Settings): string {
  return settings.inputs.environment ?? settings.promotion.at(-1) ?? 'prod';
}

/**
 * The seam for live AMIs: today the Terraform at head and the `ami-id` input; the AWS family adds the
 * AMIs read from SSM parameters, launch templates and running instances here.
 */
export async function gatherEnvironmentAmis(context: RunContext, terraform: TerraformIndex): Promise<EnvironmentAmis> {
  return withInputAmi(terraformAmis(terraform, context.settings), context.settings, context.mode);
}

/** The images a script of `environment` must work on in this run. Audit also checks the AMI in the previous environment: it is the next one here. */
export function imagesFor(environment: string, amis: EnvironmentAmis, settings: Settings, mode: Mode): { ami: string; note?: string }[] {
  if (mode === 'preflight' && environment !== preflightTarget(settings)) return [];
  const own = (amis.get(environment) ?? []).map(({ ami }) => ({ ami }));
  if (mode !== 'audit') return own;
  const previous = previousEnvironment(settings, environment);
  const next = previous ? (amis.get(previous) ?? []).filter(({ ami }) => !own.some((known) => known.ami === ami)) : [];
  return [...own, ...next.map(({ ami }) => ({ ami, note: `in ${previous} now, next for ${environment}` }))];
}

// ---------------------------------------------------------------------------------------------------
// Manifests

export interface ImageManifest {
  file: string;
  image: string;
  path: string[];
  executables: string[];
}

/** A manifest that is not exactly `{ "image", "path", "executables" }`: the run cannot trust any image check. */
export class ImageManifestError extends ConfigurationError {
  override name = 'ImageManifestError';
}

const MANIFEST_KEYS = ['image', 'path', 'executables'] as const;
const FIX_MANIFEST =
  'Regenerate it with scripts/image-inventory.sh, or correct it to {"image": "ami-…", "path": "/usr/local/sbin:…", "executables": ["/usr/local/bin/aws", …]}.';
const PLAIN_PATH = /^\/[^\0\n\r]*$/;

function lineOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Where JSON.parse stopped: from its message when it says, else from the YAML parser (JSON is YAML). */
function jsonErrorAt(text: string, message: string): { line: number; column: number } | undefined {
  const position = /position (\d+)/.exec(message);
  if (position) return lineOf(text, Number(position[1]));
  const offset = parseDocument(text, { prettyErrors: false }).errors[0]?.pos[0];
  return offset === undefined ? undefined : lineOf(text, offset);
}

function keyLine(text: string, key: string): string {
  const offset = text.indexOf(JSON.stringify(key));
  return offset < 0 ? '' : `:${lineOf(text, offset).line}`;
}

/** Strict validation of one manifest; throws ImageManifestError naming the file (and line) and the key. */
export function parseManifest(file: string, text: string): ImageManifest {
  const fail = (where: string, message: string): never => {
    throw new ImageManifestError(`Image manifest ${file}${where}: ${message}.`, FIX_MANIFEST);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = jsonErrorAt(text, message);
    return fail(at ? `:${at.line}:${at.column}` : '', `not valid JSON (${message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('', 'expected a JSON object with "image", "path" and "executables"');
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(MANIFEST_KEYS as readonly string[]).includes(key)) fail(keyLine(text, key), `unknown key "${key}"; a manifest has exactly "image", "path" and "executables"`);
  }
  for (const key of MANIFEST_KEYS) if (!(key in record)) fail('', `missing key "${key}"`);
  const { image, path, executables } = record;
  if (typeof image !== 'string' || !AMI_ID_PATTERN.test(image)) fail(keyLine(text, 'image'), `key "image" must be an AMI id such as "ami-0123456789abcdef0", got ${JSON.stringify(image)}`);
  if (typeof path !== 'string' || path === '') return fail(keyLine(text, 'path'), 'key "path" must be a PATH string such as "/usr/local/bin:/usr/bin:/bin"');
  const dirs = path.split(':');
  const badDir = dirs.find((dir) => !PLAIN_PATH.test(dir));
  if (badDir !== undefined) fail(keyLine(text, 'path'), `key "path" must list absolute directories separated by ":", got ${JSON.stringify(badDir)}`);
  if (!Array.isArray(executables)) return fail(keyLine(text, 'executables'), 'key "executables" must be a list of absolute paths');
  executables.forEach((entry: unknown, index) => {
    // Any file name an image can hold (newlines included) is valid here; only a NUL cannot be a path.
    if (typeof entry !== 'string' || !entry.startsWith('/') || entry.includes('\0') || entry.endsWith('/')) {
      fail(keyLine(text, 'executables'), `key "executables[${index}]" must be the absolute path of a file, got ${JSON.stringify(entry)}`);
    }
  });
  return { file, image: image as string, path: dirs, executables: [...new Set(executables as string[])] };
}

/** Every manifest matched by images.manifests; a second manifest for the same image is an error. */
export async function loadManifests(context: RunContext, repoFiles: string[]): Promise<Map<string, ImageManifest>> {
  const { manifests: globs } = context.settings.images;
  const byImage = new Map<string, ImageManifest>();
  if (globs.length === 0) return byImage;
  const matches = globMatcher(globs, { dot: true });
  for (const file of repoFiles.filter((path) => matches(path))) {
    const read = await readRepoFile(context.workspace, file);
    if (!read.ok) throw new ImageManifestError(`Image manifest ${file} could not be read: ${read.detail}.`, FIX_MANIFEST);
    const manifest = parseManifest(file, read.text);
    const earlier = byImage.get(manifest.image);
    if (earlier) {
      throw new ImageManifestError(
        `Image manifests ${earlier.file} and ${file} both describe ${manifest.image}.`,
        'Keep one manifest per image: delete the stale one or narrow images.manifests.',
      );
    }
    byImage.set(manifest.image, manifest);
  }
  return byImage;
}

export function manifestInventory(manifest: ImageManifest): ImageInventory {
  const dirs = new Set(manifest.path);
  for (const executable of manifest.executables) dirs.add(executable.slice(0, executable.lastIndexOf('/')) || '/');
  return {
    image: manifest.image,
    source: 'manifest',
    from: manifest.file,
    executables: manifest.executables,
    coveredDirs: [...dirs],
    checkedPaths: [],
    alternatives: {},
    path: manifest.path,
  };
}

// ---------------------------------------------------------------------------------------------------
// Probe

/** Exactly what the scripts on one image use. */
export interface ProbeNeeds {
  image: string;
  environments: string[];
  /** Absolute paths the scripts execute, and `<dir>/<name>` for each bare name and each directory of the PATH it is looked up in. */
  paths: string[];
  /** Bare command names. */
  names: string[];
}

/** Runs the probe for one image; returns the inventory or why it cannot be had. Injected in tests. */
export type ImageProber = (needs: ProbeNeeds, context: RunContext) => Promise<InventoryResult>;

export function probeNeeds(scripts: DeployScripts, image: string): ProbeNeeds {
  const paths = new Set<string>();
  const names = new Set<string>();
  const environments = new Set<string>();
  for (const script of scripts.scripts) {
    const on = script.images.find((entry) => entry.image === image);
    if (!on) continue;
    on.environments.forEach((env) => environments.add(env));
    for (const command of script.commands) {
      if (command.kind === 'absolute') paths.add(command.program);
      else if (command.kind === 'bare') {
        names.add(command.program);
        for (const dir of command.searchPath) if (dir.startsWith('/')) paths.add(`${dir.replace(/\/+$/, '')}/${command.program}`);
      }
    }
  }
  return { image, environments: [...environments], paths: [...paths].sort(), names: [...names].sort() };
}

const PROBE_BATCH = 400;

type AwsModule = typeof import('./aws/index.js');
/** One session per environment and run, so SDK clients exist once per account and region however many images are probed. */
const sessions = new WeakMap<RunContext, Map<string, InstanceType<AwsModule['AwsSession']>>>();

function sessionFor(aws: AwsModule, context: RunContext, name: string): InstanceType<AwsModule['AwsSession']> {
  const byEnvironment = sessions.get(context) ?? new Map<string, InstanceType<AwsModule['AwsSession']>>();
  sessions.set(context, byEnvironment);
  let session = byEnvironment.get(name);
  if (!session) {
    const env = context.settings.environments.get(name)?.aws;
    session = new aws.AwsSession(
      { environment: name, regions: env?.regions ?? [], ...(env?.roleArn ? { roleArn: env.roleArn } : {}), ...(env?.accountId ? { accountId: env.accountId } : {}) },
      { maxAttempts: context.settings.inputs.maxAttempts, userAgent: USER_AGENT },
    );
    byEnvironment.set(name, session);
  }
  return session;
}

/** The real probe: find a running instance of the image (staging first) and ask it over SSM. */
export const ssmProber: ImageProber = async (needs, context) => {
  const aws = await import('./aws/index.js');
  const { settings } = context;
  const searched: string[] = [];
  for (const name of settings.promotion) {
    const env = settings.environments.get(name);
    if (!env?.aws || env.aws.regions.length === 0) continue;
    const session = sessionFor(aws, context, name);
    for (const region of env.aws.regions) {
      try {
        const tags = env.amis.instanceTags;
        const instances = await aws.instancesRunning(session, region, { tags, imageIds: [needs.image] });
        searched.push(`${name} ${region}${Object.keys(tags).length ? ` (tags ${Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ')})` : ''}`);
        const instance = instances.find((candidate) => candidate.state === 'running');
        if (!instance) continue;
        const inventory: ImageInventory = {
          image: needs.image,
          source: 'probe',
          from: `SSM probe on ${instance.id} in ${region} (${name})`,
          executables: [],
          coveredDirs: [],
          checkedPaths: [...needs.paths],
          alternatives: {},
          path: settings.scripts.runPath,
        };
        const executables = new Set<string>();
        const batches = Math.max(Math.ceil(needs.paths.length / PROBE_BATCH), Math.ceil(needs.names.length / PROBE_BATCH), 1);
        for (let batch = 0; batch < batches; batch++) {
          const result = await aws.runProbe(session, region, instance.id, {
            paths: needs.paths.slice(batch * PROBE_BATCH, (batch + 1) * PROBE_BATCH),
            names: needs.names.slice(batch * PROBE_BATCH, (batch + 1) * PROBE_BATCH),
            runPath: settings.scripts.runPath.join(':'),
          });
          for (const [path, fact] of result.paths) {
            if (fact.executable) executables.add(path);
            else if (fact.foundOnPath) {
              inventory.alternatives[path] = fact.foundOnPath;
              executables.add(fact.foundOnPath);
            }
          }
          for (const resolved of result.names.values()) if (resolved?.startsWith('/')) executables.add(resolved);
        }
        inventory.executables = [...executables].sort();
        return { ok: true, inventory };
      } catch (error) {
        if (error instanceof aws.ProbeInputRejected) {
          return {
            ok: false,
            image: needs.image,
            security: true,
            reason: error.message,
            fix: 'A script names a path or command with characters the probe never sends to an instance; rename it to plain characters (A-Z a-z 0-9 . _ + - /) or provide an image manifest for this image.',
          };
        }
        if (aws.isAwsEvidenceError(error)) return { ok: false, image: needs.image, reason: error.message, fix: error.fix };
        throw error;
      }
    }
  }
  if (searched.length === 0) {
    return {
      ok: false,
      image: needs.image,
      reason: `images.probe is ssm but no environment configures aws.regions, so no instance running ${needs.image} can be found`,
      fix: 'Set environments.<name>.aws.regions (and amis.instance-tags) for staging, or provide an image manifest.',
    };
  }
  return {
    ok: false,
    image: needs.image,
    reason: `no running instance of ${needs.image} to probe (searched ${searched.join('; ')})`,
    fix: `Launch an instance of ${needs.image} in staging (the probe needs one running with the SSM agent), or provide an image manifest written by scripts/image-inventory.sh during the image build.`,
  };
};

// ---------------------------------------------------------------------------------------------------
// Inventories

/** An inventory for every image some script in scope runs on: a manifest first, else the probe, else why not. */
export async function gatherImageInventories(
  context: RunContext,
  scripts: DeployScripts,
  repoFiles: string[],
  prober: ImageProber = ssmProber,
): Promise<ImageInventories> {
  const inventories: ImageInventories = new Map();
  if (!scripts.imageChecks) return inventories;
  const manifests = await loadManifests(context, repoFiles);
  const needed = new Set<string>();
  for (const script of scripts.scripts) if (script.commands.length > 0) script.images.forEach(({ image }) => needed.add(image));
  const { images } = context.settings;
  for (const image of [...needed].sort()) {
    const manifest = manifests.get(image);
    if (manifest) {
      inventories.set(image, { ok: true, inventory: manifestInventory(manifest) });
      continue;
    }
    if (images.probe === 'ssm') {
      inventories.set(image, await prober(probeNeeds(scripts, image), context));
      continue;
    }
    inventories.set(image, {
      ok: false,
      image,
      reason: images.manifests.length
        ? `no image manifest for ${image} among the files images.manifests matches (${images.manifests.join(', ')}), and the probe is off`
        : `images.manifests is empty and the probe is off, so nothing describes ${image}`,
      fix: 'Have the image build run scripts/image-inventory.sh and commit its manifest where images.manifests finds it, or set images.probe: ssm to check a running staging instance.',
    });
  }
  return inventories;
}

