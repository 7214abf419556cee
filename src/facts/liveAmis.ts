// Which AMIs an environment serves right now (audit) or will launch next (preflight), read from where
// AWS itself takes them: SSM parameters, launch templates ($Default and $Latest, through resolve:ssm:),
// running instances by tag — and the literal ids of the environment's Terraform.
import { ConfigurationError } from '../config/errors.js';
import type { Settings } from '../config/settings.js';
import type { RunContext } from './context.js';
import { failureOf, isEvidenceError, type AwsEvidenceReader } from './soakAws.js';
import type { EvidenceFailure, FloatingLiveAmi, LiveAmi, LiveAmis } from './soakTypes.js';
import type { TerraformIndex } from './terraform.js';
import type { EnvironmentAmi } from './binaryFacts.js';
import { terraformAmis } from './images.js';

const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const PUBLIC_PARAMETER = /^\/aws\/service\//;

/** A parameter or launch template that exists in none of the environment's regions (the same text wherever it is read). */
export function missingEverywhere(what: string, key: 'ssm-parameters' | 'launch-templates', env: string, regions: string[], first: EvidenceFailure): EvidenceFailure {
  return {
    ...first,
    region: regions.join(', '),
    message: `${what} of ${env} exists in none of its regions (${regions.join(', ')}): ${first.message}`,
    fix: `Correct environments.${env}.amis.${key} or environments.${env}.aws.regions, or create it there (and check that the credentials are for the right account).`,
  };
}

export function isAmiId(value: string): boolean {
  return AMI_ID.test(value);
}

export function iso(value: Date | string | number): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `/images/prod/api` and `images/prod/api` are the same parameter. */
export function normaliseParameter(name: string): string {
  return name.startsWith('/') ? name : `/${name}`;
}

/** `resolve:ssm:/images/prod/api:12` → name and version selector (a number pins, a label follows). */
export function resolveTarget(imageId: string): { name: string; selector?: string } | undefined {
  if (!imageId.startsWith('resolve:ssm:')) return undefined;
  const rest = imageId.slice('resolve:ssm:'.length);
  const match = /^(.*[^:]):([^:/]+)$/.exec(rest);
  return match?.[1] && !match[1].startsWith('arn') ? { name: match[1], selector: match[2]! } : { name: rest };
}

/** The environment a preflight answers for: the `environment` input, else the last of the promotion order. */
export function preflightTarget(settings: Settings): string {
  return settings.inputs.environment ?? settings.promotion.at(-1) ?? 'prod';
}

/** The preflight target, checked against the promotion order. */
export function checkedPreflightTarget(settings: Settings): string {
  const target = preflightTarget(settings);
  if (!settings.environments.has(target)) {
    throw new ConfigurationError(
      `The preflight environment "${target}" is not in the promotion order (${settings.promotion.join(', ')}).`,
      `Set the "environment" input to one of ${settings.promotion.join(', ')}.`,
    );
  }
  return target;
}

class Discovery {
  readonly found: LiveAmi[] = [];
  readonly floating: FloatingLiveAmi[] = [];
  readonly failures: EvidenceFailure[] = [];

  constructor(
    private readonly context: RunContext,
    private readonly reader: AwsEvidenceReader,
    private readonly env: string,
  ) {}

  private get listed(): Set<string> {
    return new Set(this.reader.environment(this.env).amis.ssmParameters.map(normaliseParameter));
  }

  /** Runs a read in every region; a resource missing in some regions is fine, missing in all is a configuration error. */
  private async everyRegion<T>(what: string, key: 'ssm-parameters' | 'launch-templates' | undefined, read: (region: string) => Promise<T>, use: (value: T, region: string) => Promise<void> | void): Promise<void> {
    const regions = this.reader.regions(this.env);
    const missing: EvidenceFailure[] = [];
    await Promise.all(
      regions.map(async (region) => {
        let value: T;
        try {
          value = await read(region);
        } catch (error) {
          if (isEvidenceError(error) && error.reason === 'not-found') missing.push(failureOf(error, this.env));
          else this.failures.push(failureOf(error, this.env));
          return;
        }
        await use(value, region);
      }),
    );
    if (missing.length === regions.length && missing[0] && key) {
      this.failures.push(missingEverywhere(what, key, this.env, regions, missing[0]));
    } else if (missing.length > 0) {
      this.context.journal.note('live-amis', `${what} of ${this.env} is not in ${missing.map((entry) => entry.region).join(', ')}; read where it exists.`);
    }
  }

  async parameter(name: string): Promise<void> {
    await this.everyRegion(
      `SSM parameter ${name}`,
      'ssm-parameters',
      (region) => this.reader.parameterHistory(this.env, region, name),
      (history, region) => {
        const current = history.versions.at(-1);
        if (!current) return;
        const value = current.value.trim();
        if (!isAmiId(value)) {
          this.context.journal.note('live-amis', `SSM parameter ${name} of ${this.env} in ${region} holds ${JSON.stringify(value.slice(0, 60))}, not an AMI id; it is not read as an AMI source.`);
          return;
        }
        let start = history.versions.length - 1;
        while (start > 0 && history.versions[start - 1]!.value.trim() === value) start--;
        const first = history.versions[start]!;
        const mayBeEarlier = start === 0 && history.possiblyTruncated;
        this.found.push({
          ami: value,
          environment: this.env,
          region,
          source: 'ssm',
          origin: { detail: `SSM parameter ${name} (version ${current.version}) in ${region}` },
          since: {
            at: iso(first.modified),
            ...(mayBeEarlier ? { mayBeEarlier } : {}),
            what: `${name} in ${region} holds it since version ${first.version} at ${iso(first.modified)}${first.user ? ` (set by ${first.user})` : ''}${mayBeEarlier ? ' or earlier (older versions are no longer kept)' : ''}`,
          },
        });
      },
    );
  }

  async launchTemplate(name: string): Promise<void> {
    await this.everyRegion(
      `Launch template ${name}`,
      'launch-templates',
      (region) => this.reader.launchTemplate(this.env, region, name),
      async (template, region) => {
        const aliases = new Map<number, string[]>();
        aliases.set(template.defaultVersion, ['$Default']);
        aliases.set(template.latestVersion, [...(aliases.get(template.latestVersion) ?? []), '$Latest']);
        for (const [number, names] of aliases) {
          const version = template.versions.find((candidate) => candidate.number === number);
          if (!version) continue;
          const alias = names.join('/');
          const via = `launch template ${name} ${alias} (version ${number}) in ${region}`;
          const imageId = version.imageId?.trim();
          const created = `version ${number} created at ${iso(version.createTime)}${version.createdBy ? ` by ${version.createdBy}` : ''}`;
          if (!imageId) {
            this.context.journal.note('live-amis', `The ${via} sets no image id (the Auto Scaling group or the caller must set it); it is not read as an AMI source.`);
          } else if (isAmiId(imageId)) {
            this.found.push({ ami: imageId, environment: this.env, region, source: 'launch-template', alias, origin: { detail: via }, since: { at: iso(version.createTime), what: `${via}: ${created}` } });
          } else {
            const target = resolveTarget(imageId);
            if (!target) {
              this.context.journal.note('live-amis', `The ${via} has image id ${JSON.stringify(imageId.slice(0, 80))}, which is neither an AMI id nor resolve:ssm:.`);
              continue;
            }
            await this.resolved(target, { via, alias, region, createTime: version.createTime, created });
          }
        }
      },
    );
  }

  private async resolved(
    target: { name: string; selector?: string },
    at: { via: string; alias: string; region: string; createTime: Date; created: string },
  ): Promise<void> {
    const name = normaliseParameter(target.name);
    const pinned = target.selector !== undefined && /^\d+$/.test(target.selector);
    const publicParameter = PUBLIC_PARAMETER.test(name);
    const listed = this.listed.has(name);
    if ((publicParameter || !listed) && !pinned) {
      this.floating.push({ environment: this.env, kind: publicParameter ? 'public-parameter' : 'unlisted-parameter', parameter: target.name, via: at.via, region: at.region });
    }
    let value: string;
    let since: Date = at.createTime;
    let how: string;
    try {
      if (listed && !publicParameter && target.selector === undefined) {
        // The environment's own parameter: its history is read anyway (soak evidence).
        const history = await this.reader.parameterHistory(this.env, at.region, target.name);
        const version = history.versions.at(-1)!;
        value = version.value.trim();
        if (version.modified > since) since = version.modified;
        how = `${target.name} version ${version.version} (${iso(version.modified)})`;
      } else {
        const parameter = await this.reader.parameter(this.env, at.region, target.selector ? `${target.name}:${target.selector}` : target.name);
        value = parameter.value.trim();
        if (parameter.modified && parameter.modified > since) since = parameter.modified;
        how = `${target.name} version ${parameter.version}${parameter.modified ? ` (${iso(parameter.modified)})` : ''}`;
      }
    } catch (error) {
      this.failures.push(failureOf(error, this.env));
      return;
    }
    const floating = this.floating.find((entry) => entry.via === at.via);
    if (floating) floating.resolvesTo = value;
    if (!isAmiId(value)) {
      this.context.journal.note('live-amis', `The ${at.via} resolves ${target.name} to ${JSON.stringify(value.slice(0, 60))}, not an AMI id.`);
      return;
    }
    this.found.push({
      ami: value,
      environment: this.env,
      region: at.region,
      source: 'launch-template',
      alias: at.alias,
      origin: { detail: `${at.via} → resolve:ssm:${target.name}${target.selector ? `:${target.selector}` : ''}` },
      since: { at: iso(since), what: `${at.via}: ${at.created}; resolves to ${how}` },
    });
  }

  async instances(): Promise<void> {
    const tags = this.reader.environment(this.env).amis.instanceTags;
    const tagText = Object.entries(tags)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    await this.everyRegion(
      'Instances',
      undefined,
      (region) => this.reader.instances(this.env, region),
      (instances, region) => {
        const byImage = new Map<string, typeof instances>();
        for (const instance of instances) byImage.set(instance.imageId, [...(byImage.get(instance.imageId) ?? []), instance]);
        for (const [ami, running] of byImage) {
          const earliest = running[0]!;
          this.found.push({
            ami,
            environment: this.env,
            region,
            source: 'instances',
            origin: { detail: `${running.length} running instance(s) tagged ${tagText} in ${region}` },
            since: { at: iso(earliest.launchTime), what: `${running.length} instance(s) tagged ${tagText} run it in ${region}; the earliest still running, ${earliest.id}, launched at ${iso(earliest.launchTime)}` },
          });
        }
      },
    );
  }
}

/** Literal AMI ids in each environment's Terraform (its modules included), as live-AMI candidates. */
export function terraformLiterals(index: TerraformIndex, settings: Settings): Map<string, LiveAmi[]> {
  const result = new Map<string, LiveAmi[]>();
  for (const [env, amis] of terraformAmis(index, settings)) {
    result.set(
      env,
      amis.map((ref) => ({ ami: ref.ami, environment: env, source: 'terraform', origin: { detail: ref.detail, ...(ref.file ? { file: ref.file } : {}), ...(ref.line ? { line: ref.line } : {}), ...(ref.column ? { column: ref.column } : {}) } })),
    );
  }
  return result;
}

export interface LiveAmiOptions {
  terraform: TerraformIndex;
}

/** The AMIs live in each environment read (audit: all; preflight: the target), and the preflight candidate. */
export async function gatherLiveAmis(context: RunContext, reader: AwsEvidenceReader, options: LiveAmiOptions): Promise<LiveAmis> {
  const { settings, mode } = context;
  const result: LiveAmis = { environments: new Map(), floating: [], failures: [] };
  if (mode === 'pr') return result;
  const target = mode === 'preflight' ? checkedPreflightTarget(settings) : undefined;
  const input = mode === 'preflight' ? settings.inputs.amiId : undefined;
  const names = target ? [target] : settings.promotion;
  const literal = terraformLiterals(options.terraform, settings);

  await Promise.all(
    names.map(async (env) => {
      const amis = reader.environment(env).amis;
      const discovery = new Discovery(context, reader, env);
      if (reader.regions(env).length === 0) {
        context.journal.note('live-amis', `No AWS configured for ${env} (no aws.regions and no aws-region input): its live AMIs are read from its Terraform only.`);
      } else if (!input) {
        await Promise.all([
          ...amis.ssmParameters.map((name) => discovery.parameter(name)),
          ...amis.launchTemplates.map((name) => discovery.launchTemplate(name)),
          ...(Object.keys(amis.instanceTags).length > 0 ? [discovery.instances()] : []),
        ]);
      }
      discovery.found.push(...(literal.get(env) ?? []));
      result.environments.set(env, discovery.found);
      result.floating.push(...discovery.floating);
      result.failures.push(...discovery.failures);
    }),
  );
  // Promotion order, whatever order the reads finished in.
  result.environments = new Map(names.map((env) => [env, result.environments.get(env) ?? []]));

  if (target) {
    // A launch template or parameter that could not be read may name another AMI: no fallback then.
    const unread = result.failures.some((failure) => failure.environment === target);
    const candidates = input
      ? [{ ami: input, environment: target, source: 'input' as const, origin: { detail: 'the ami-id input' } }]
      : unread
        ? []
        : launchCandidates(result.environments.get(target) ?? []);
    if (candidates.length === 0) {
      const amis = reader.environment(target).amis;
      const configured = reader.regions(target).length > 0 && (amis.launchTemplates.length > 0 || amis.ssmParameters.length > 0);
      if (result.failures.length === 0) {
        result.failures.push({
          environment: target,
          api: configured ? 'DescribeLaunchTemplateVersions' : 'configuration',
          reason: 'not-found',
          message: `The AMI that new instances of ${target} will launch with could not be determined: ${configured ? 'its launch templates and SSM parameters name no AMI id' : 'no launch template or SSM parameter is configured for it in AWS, and its Terraform has no literal AMI id'}.`,
          fix: `Configure environments.${target}.amis.launch-templates (or ssm-parameters) with aws.regions, or pass the candidate as the ami-id input.`,
        });
      }
    }
    result.preflight = { environment: target, candidates };
  }
  return result;
}

/**
 * What new instances launch with: the launch template's $Default (through resolve:ssm:), else the
 * environment's SSM parameter, else a literal id in its Terraform. Running instances show the past.
 */
export function launchCandidates(found: readonly LiveAmi[]): LiveAmi[] {
  const fromTemplates = found.filter((entry) => entry.source === 'launch-template' && entry.alias?.includes('$Default'));
  const chosen = fromTemplates.length > 0 ? fromTemplates : found.filter((entry) => entry.source === 'ssm');
  const list = chosen.length > 0 ? chosen : found.filter((entry) => entry.source === 'terraform');
  const seen = new Set<string>();
  return list.filter((entry) => !seen.has(entry.ami) && seen.add(entry.ami));
}

/**
 * The seam of the deploy-script family: in audit every environment also runs the AMIs read live from
 * AWS; in preflight the target environment runs exactly the candidate.
 */
export function withLiveAmis<T extends EnvironmentAmi>(amis: Map<string, T[]>, live: LiveAmis | undefined): Map<string, (T | EnvironmentAmi)[]> {
  const result = new Map<string, (T | EnvironmentAmi)[]>(amis);
  if (!live) return result;
  const asEnvironmentAmi = (entry: LiveAmi): EnvironmentAmi => ({
    ami: entry.ami,
    source: entry.source === 'terraform' ? 'terraform' : entry.source === 'input' ? 'input' : 'live',
    ...(entry.origin.file ? { file: entry.origin.file } : {}),
    ...(entry.origin.line ? { line: entry.origin.line } : {}),
    ...(entry.origin.column ? { column: entry.origin.column } : {}),
    detail: entry.origin.detail,
  });
  if (live.preflight) {
    if (live.preflight.candidates.length > 0) result.set(live.preflight.environment, live.preflight.candidates.map(asEnvironmentAmi));
    return result;
  }
  for (const [env, entries] of live.environments) {
    const list = [...(result.get(env) ?? [])];
    for (const entry of entries) if (!list.some((known) => known.ami === entry.ami)) list.push(asEnvironmentAmi(entry));
    result.set(env, list);
  }
  return result;
}
