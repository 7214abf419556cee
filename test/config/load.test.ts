import { describe, expect, it } from 'vitest';
import { parseDuration, formatDuration } from '../../src/config/duration.js';
import { ConfigurationError } from '../../src/config/errors.js';
import { parseConfig } from '../../src/config/load.js';
import { buildSettings, DEFAULT_INPUTS } from '../../src/config/settings.js';
import { findRule } from '../../src/rules/index.js';

const FILE = '.github/deploy-guard.yml';

function errorOf(text: string): string {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('durations', () => {
  it.each([
    ['24h', 86_400_000],
    ['90m', 5_400_000],
    ['2d', 172_800_000],
    ['1d12h', 129_600_000],
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['24', 'h', '24 hours', '-1h', '0h', '1.5h', ''])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());

  it('formats for messages', () => {
    expect(formatDuration(3 * 3_600_000)).toBe('3h');
    expect(formatDuration(30 * 3_600_000 + 5 * 60_000)).toBe('30h 5m');
    expect(formatDuration(24 * 3_600_000)).toBe('24h');
    expect(formatDuration(4 * 86_400_000 + 3_600_000)).toBe('4d 1h');
  });
});

describe('configuration file', () => {
  it('accepts the documented example', () => {
    const config = parseConfig(
      `promotion: [staging, prod]
soak: 24h
environments:
  staging:
    terraform: ["terraform/staging/**"]
    aws:
      regions: [us-east-1, eu-west-1]
      role-arn: arn:aws:iam::111111111111:role/deploy-guard-read
      account-id: "111111111111"
    amis:
      ssm-parameters: ["/images/staging/api"]
      launch-templates: ["api-staging"]
      instance-tags: { Environment: staging }
  prod:
    terraform: ["terraform/prod/**"]
    soak: 48h
scripts:
  include: ["deploy/**", "**/appspec.yml"]
  run-path: /usr/local/bin:/usr/bin:/bin
images:
  manifests: ["images/*.json"]
  probe: ssm
evidence: [ssm, ec2, tags, git]
evidence-mode: any
applied-label: terraform-applied
override:
  label: deploy-guard/override
  allowed: ["alice", "org/platform-oncall"]
rules:
  hardcoded-tool-path: warning
`,
      FILE,
    );
    const settings = buildSettings(config, FILE, DEFAULT_INPUTS, findRule);
    expect(settings.promotion).toEqual(['staging', 'prod']);
    expect(settings.environments.get('prod')?.soakMs).toBe(48 * 3_600_000);
    expect(settings.environments.get('staging')?.soakMs).toBe(24 * 3_600_000);
    expect(settings.environments.get('staging')?.aws).toEqual({
      regions: ['us-east-1', 'eu-west-1'],
      roleArn: 'arn:aws:iam::111111111111:role/deploy-guard-read',
      accountId: '111111111111',
    });
    expect(settings.scripts.runPath).toEqual(['/usr/local/bin', '/usr/bin', '/bin']);
    expect(settings.images).toEqual({ configured: true, manifests: ['images/*.json'], probe: 'ssm' });
  });

  it('names the line and key of an unknown key', () => {
    const message = errorOf('promotion: [staging, prod]\nenvironments:\n  staging:\n    terraform: ["a/**"]\n    terrafrom: ["b/**"]\n  prod: {}\n');
    expect(message).toContain(`${FILE}:5: environments.staging.terrafrom: unknown key "terrafrom"`);
  });

  it('names the line of a bad duration', () => {
    const message = errorOf('promotion: [staging, prod]\nsoak: 24 hours\n');
    expect(message).toContain(`${FILE}:2: soak: expected a duration such as 24h`);
  });

  it('names the line of a wrong type', () => {
    const message = errorOf('scripts:\n  include: deploy/**\n');
    // Zod's English message (zod/mini carries none of its own: schema.ts sets them).
    expect(message).toContain(`${FILE}:2: scripts.include: Invalid input: expected array, received string`);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errorOf('promotion: [staging, prod\nsoak: 24h\n')).toMatch(new RegExp(`${FILE}:\\d+:`));
  });

  it('refuses a YAML alias bomb without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    const started = Date.now();
    expect(errorOf(bomb)).toContain(FILE);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses an unknown rule in rules:', () => {
    const config = parseConfig('rules:\n  no-such-rule: warning\n', FILE);
    expect(() => buildSettings(config, FILE, DEFAULT_INPUTS, findRule)).toThrow(/rules.no-such-rule" is not a deploy-guard rule/);
  });

  it('refuses an environment missing from promotion', () => {
    const config = parseConfig('promotion: [staging, prod]\nenvironments:\n  staging: {}\n  prod: {}\n  dev: {}\n', FILE);
    expect(() => buildSettings(config, FILE, DEFAULT_INPUTS, findRule)).toThrow(/environment "dev" is not in "promotion"/);
  });

  it('detects environments from directory names with no file', () => {
    const settings = buildSettings(undefined, undefined, DEFAULT_INPUTS, findRule);
    expect(settings.promotion).toEqual(['staging', 'prod']);
    expect(settings.environments.get('prod')?.terraform).toEqual(['**/{prod,production,prd}/**']);
    expect(settings.images.configured).toBe(false);
  });

  it('lets the soak input override the file', () => {
    const config = parseConfig('soak: 24h\n', FILE);
    const settings = buildSettings(config, FILE, { ...DEFAULT_INPUTS, soak: '2d' }, findRule);
    expect(settings.environments.get('prod')?.soakMs).toBe(2 * 86_400_000);
  });
});
