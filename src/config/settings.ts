// Typed settings: the configuration file merged with action inputs and defaults. The rest of the program sees only this.
import type { ConfiguredLevel, Level, Mode } from '../model.js';
import { ConfigurationError } from './errors.js';
import { parseDuration } from './duration.js';
import type { ConfigFile } from './schema.js';

export type EvidenceSource = 'ssm' | 'ec2' | 'tags' | 'git';
export type FailOn = 'error' | 'warning' | 'never';

export interface EnvironmentSettings {
  name: string;
  /** Terraform root globs; when the configuration names none, directory names decide (see DEFAULT_ENVIRONMENT_GLOBS). */
  terraform: string[];
  /** Minimum time in the previous environment before this one. */
  soakMs: number;
  aws?: { regions: string[]; roleArn?: string; accountId?: string };
  amis: { ssmParameters: string[]; launchTemplates: string[]; instanceTags: Record<string, string> };
}

export interface Inputs {
  config: string;
  mode: Mode | 'auto';
  environment?: string;
  amiId?: string;
  soak?: string;
  failOn: FailOn;
  githubToken?: string;
  awsRegion?: string;
  maxAttempts: number;
  reportFile?: string;
  sarifFile?: string;
  auditIssue: boolean;
  /** Folder of the analysis cache kept across runs (see parse/analysisCache.ts); none when unset. */
  cacheDir?: string;
}

export interface Settings {
  /** Repository-relative path of the configuration file, or undefined when defaults apply. */
  configFile?: string;
  promotion: string[];
  environments: Map<string, EnvironmentSettings>;
  /** True when environments were configured; false when detected from directory names. */
  environmentsConfigured: boolean;
  scripts: { include: string[]; exclude: string[]; runPath: string[] };
  images: { configured: boolean; manifests: string[]; probe: 'ssm' | 'off' };
  evidence: EvidenceSource[];
  evidenceMode: 'any' | 'all';
  appliedLabel: string;
  override: { label: string; allowed: string[] };
  /** Level per rule id as configured ('off' disables); absent = the rule's default. */
  ruleLevels: Map<string, ConfiguredLevel>;
  inputs: Inputs;
}

export const DEFAULT_SOAK = '24h';
export const DEFAULT_RUN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const DEFAULT_SCRIPT_GLOBS = ['**/*.sh', '**/appspec.yml', '**/appspec.yaml', '**/*.bash'];
export const DEFAULT_SCRIPT_EXCLUDES = ['**/node_modules/**', '**/.terraform/**', '**/vendor/**', '.git/**'];
/** Environments detected from directory names when none are configured. */
export const DEFAULT_ENVIRONMENT_GLOBS: Record<string, string[]> = {
  staging: ['**/{staging,stage,stg}/**'],
  prod: ['**/{prod,production,prd}/**'],
};

export const DEFAULT_INPUTS: Inputs = {
  config: '.github/deploy-guard.yml',
  mode: 'auto',
  failOn: 'error',
  maxAttempts: 5,
  auditIssue: true,
};

/** Resolves rule keys (id or name) to ids; unknown keys are configuration errors. */
export type RuleLookup = (key: string) => { id: string; levelLocked?: boolean } | undefined;

export function buildSettings(
  file: ConfigFile | undefined,
  configFile: string | undefined,
  inputs: Inputs,
  lookupRule: RuleLookup,
): Settings {
  const soakText = inputs.soak ?? file?.soak ?? DEFAULT_SOAK;
  const soakMs = parseDuration(soakText);
  if (soakMs === undefined) {
    throw new ConfigurationError(`Input "soak" is not a duration: "${soakText}".`, 'Use a value such as 24h, 90m or 2d.');
  }

  const configuredEnvironments = file?.environments ?? {};
  const environmentsConfigured = Object.keys(configuredEnvironments).length > 0;
  const promotion = file?.promotion ?? (environmentsConfigured ? Object.keys(configuredEnvironments) : ['staging', 'prod']);

  const environments = new Map<string, EnvironmentSettings>();
  for (const name of promotion) {
    const env = configuredEnvironments[name];
    if (environmentsConfigured && !env) {
      throw new ConfigurationError(
        `${configFile ?? 'configuration'}: "promotion" names environment "${name}" that is not under "environments".`,
        `Add "environments.${name}" or remove "${name}" from "promotion".`,
      );
    }
    const regions = env?.aws?.regions ?? (inputs.awsRegion ? [inputs.awsRegion] : undefined);
    const envSoak = env?.soak ? parseDuration(env.soak) : undefined;
    environments.set(name, {
      name,
      terraform: env?.terraform ?? DEFAULT_ENVIRONMENT_GLOBS[name] ?? [`**/${name}/**`],
      soakMs: envSoak ?? soakMs,
      ...(env?.aws || regions
        ? {
            aws: {
              regions: regions ?? [],
              ...(env?.aws?.['role-arn'] ? { roleArn: env.aws['role-arn'] } : {}),
              ...(env?.aws?.['account-id'] ? { accountId: env.aws['account-id'] } : {}),
            },
          }
        : {}),
      amis: {
        ssmParameters: env?.amis?.['ssm-parameters'] ?? [],
        launchTemplates: env?.amis?.['launch-templates'] ?? [],
        instanceTags: env?.amis?.['instance-tags'] ?? {},
      },
    });
  }
  for (const name of Object.keys(configuredEnvironments)) {
    if (!promotion.includes(name)) {
      throw new ConfigurationError(
        `${configFile ?? 'configuration'}: environment "${name}" is not in "promotion".`,
        `List every environment in "promotion" in the order artifacts travel, e.g. promotion: [${[...promotion, name].join(', ')}].`,
      );
    }
  }

  const ruleLevels = new Map<string, ConfiguredLevel>();
  for (const [key, level] of Object.entries(file?.rules ?? {})) {
    const rule = lookupRule(key);
    if (!rule) {
      throw new ConfigurationError(
        `${configFile ?? 'configuration'}: "rules.${key}" is not a deploy-guard rule.`,
        'Use a rule id (DG204) or name (hardcoded-tool-path) from the README.',
      );
    }
    if (rule.levelLocked && level !== 'error') {
      throw new ConfigurationError(
        `${configFile ?? 'configuration'}: "rules.${key}: ${level}" is not allowed: ${rule.id} reports evidence that could not be read, and a guard must not pass because it could not look.`,
        `Remove "rules.${key}"; fix the access it reports instead (credentials, IAM, max-attempts).`,
      );
    }
    ruleLevels.set(rule.id, level);
  }

  const probe = file?.images?.probe;
  return {
    ...(configFile ? { configFile } : {}),
    promotion,
    environments,
    environmentsConfigured,
    scripts: {
      include: file?.scripts?.include ?? DEFAULT_SCRIPT_GLOBS,
      exclude: [...DEFAULT_SCRIPT_EXCLUDES, ...(file?.scripts?.exclude ?? [])],
      runPath: (file?.scripts?.['run-path'] ?? DEFAULT_RUN_PATH).split(':').filter(Boolean),
    },
    images: {
      configured: file?.images !== undefined,
      manifests: file?.images?.manifests ?? [],
      probe: probe === 'ssm' ? 'ssm' : 'off',
    },
    evidence: file?.evidence ?? ['ssm', 'ec2', 'tags', 'git'],
    evidenceMode: file?.['evidence-mode'] ?? 'any',
    appliedLabel: file?.['applied-label'] ?? 'terraform-applied',
    override: {
      label: file?.override?.label ?? 'deploy-guard/override',
      allowed: file?.override?.allowed ?? [],
    },
    ruleLevels,
    inputs,
  };
}

/** The environment that precedes `name` in the promotion order, if any. */
export function previousEnvironment(settings: Settings, name: string): string | undefined {
  const index = settings.promotion.indexOf(name);
  return index > 0 ? settings.promotion[index - 1] : undefined;
}

export function effectiveLevel(settings: Settings, ruleId: string, level: Level): ConfiguredLevel {
  return settings.ruleLevels.get(ruleId) ?? level;
}
