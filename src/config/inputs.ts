// Action inputs, read once and turned into typed values; the rest of the program never reads the environment.
import type { Mode } from '../model.js';
import { ConfigurationError } from './errors.js';
import { parseDuration } from './duration.js';
import { DEFAULT_INPUTS, type FailOn, type Inputs } from './settings.js';

export const INPUT = {
  config: 'config',
  mode: 'mode',
  environment: 'environment',
  amiId: 'ami-id',
  soak: 'soak',
  failOn: 'fail-on',
  githubToken: 'github-token',
  awsRegion: 'aws-region',
  maxAttempts: 'max-attempts',
  reportFile: 'report-file',
  sarifFile: 'sarif-file',
  auditIssue: 'audit-issue',
  cacheDir: 'cache-dir',
} as const;

export const OUTPUT = {
  result: 'result',
  blocked: 'blocked',
  errors: 'errors',
  warnings: 'warnings',
  reportFile: 'report-file',
  sarifFile: 'sarif-file',
  amiId: 'ami-id',
  go: 'go',
} as const;

type Reader = (name: string) => string;

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigurationError(`Input "${name}" must be one of ${allowed.join(', ')}; got "${value}".`);
}

function strictBoolean(name: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ConfigurationError(`Input "${name}" must be true or false; got "${value}".`);
}

/** Reads every input through `read` (core.getInput in the action, flags in the CLI). */
export function readInputs(read: Reader): Inputs {
  const get = (name: string): string | undefined => read(name).trim() || undefined;
  const inputs: Inputs = { ...DEFAULT_INPUTS };
  inputs.config = get(INPUT.config) ?? DEFAULT_INPUTS.config;
  const mode = get(INPUT.mode);
  if (mode) inputs.mode = oneOf<Mode | 'auto'>(INPUT.mode, mode, ['auto', 'pr', 'audit', 'preflight']);
  const environment = get(INPUT.environment);
  if (environment) inputs.environment = environment;
  const amiId = get(INPUT.amiId);
  if (amiId) {
    if (!/^ami-[0-9a-f]{8,17}$/.test(amiId)) throw new ConfigurationError(`Input "ami-id" is not an AMI id: "${amiId}".`, 'Use an id such as ami-0abc1234def567890.');
    inputs.amiId = amiId;
  }
  const soak = get(INPUT.soak);
  if (soak) {
    if (parseDuration(soak) === undefined) throw new ConfigurationError(`Input "soak" is not a duration: "${soak}".`, 'Use a value such as 24h, 90m or 2d.');
    inputs.soak = soak;
  }
  const failOn = get(INPUT.failOn);
  if (failOn) inputs.failOn = oneOf<FailOn>(INPUT.failOn, failOn, ['error', 'warning', 'never']);
  const token = get(INPUT.githubToken);
  if (token) inputs.githubToken = token;
  const region = get(INPUT.awsRegion);
  if (region) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new ConfigurationError(`Input "aws-region" is not a region: "${region}".`, 'Use a region such as us-east-1.');
    inputs.awsRegion = region;
  }
  const attempts = get(INPUT.maxAttempts);
  if (attempts) {
    const value = Number(attempts);
    if (!Number.isInteger(value) || value < 4 || value > 20) {
      throw new ConfigurationError(`Input "max-attempts" must be an integer from 4 to 20; got "${attempts}".`);
    }
    inputs.maxAttempts = value;
  }
  const reportFile = get(INPUT.reportFile);
  if (reportFile) inputs.reportFile = reportFile;
  const sarifFile = get(INPUT.sarifFile);
  if (sarifFile) inputs.sarifFile = sarifFile;
  const auditIssue = get(INPUT.auditIssue);
  if (auditIssue) inputs.auditIssue = strictBoolean(INPUT.auditIssue, auditIssue);
  const cacheDir = get(INPUT.cacheDir);
  if (cacheDir) inputs.cacheDir = cacheDir;
  return inputs;
}
