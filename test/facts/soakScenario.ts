// A soak check run in-process over injected facts: the real gatherers of the soak family and its rules,
// with the promotion family's facts given as plain data (no git), AWS mocked or on the loopback.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSettings, DEFAULT_INPUTS, type Inputs, type Settings } from '../../src/config/settings.js';
import type { ConfigFile } from '../../src/config/schema.js';
import { runChecks } from '../../src/engine/run.js';
import { Journal, type RunContext } from '../../src/facts/context.js';
import type { PromotableValues } from '../../src/facts/promotion.js';
import { soakGatherers } from '../../src/facts/soak.js';
import { buildIndex } from '../../src/facts/terraform.js';
import type { Mode, RunReport } from '../../src/model.js';
import { findRule } from '../../src/rules/index.js';
import { SOAK_RULES } from '../../src/rules/soak/index.js';

export const NOW = new Date('2026-03-10T12:00:00Z');
export const AMI = 'ami-0123456789abcdef0';
export const OLD_AMI = 'ami-0aaaaaaaaaaaaaaaa';
export const HOUR = 3_600_000;
export const hoursAgo = (hours: number): Date => new Date(NOW.getTime() - hours * HOUR);

export function soakSettings(file: ConfigFile = {}, inputs: Partial<Inputs> = {}): Settings {
  return buildSettings(
    {
      promotion: ['staging', 'prod'],
      soak: '24h',
      environments: {
        staging: { terraform: ['terraform/staging/**'], aws: { regions: ['eu-west-1'] }, amis: { 'ssm-parameters': ['/images/staging/api'] } },
        prod: { terraform: ['terraform/prod/**'], aws: { regions: ['eu-west-1'] }, amis: { 'ssm-parameters': ['/images/prod/api'], 'launch-templates': ['api-prod'] } },
      },
      evidence: ['ssm'],
      ...file,
    },
    '.github/deploy-guard.yml',
    { ...DEFAULT_INPUTS, ...inputs },
    findRule,
  );
}

/** The promotion family's fact for a PR that brings `ami` into prod (git: staging had it for `gitHours`, if given). */
export function incoming(ami: string, gitHours?: number): PromotableValues {
  return {
    base: 'b'.repeat(40),
    baseName: 'main',
    order: ['staging', 'prod'],
    incoming: [
      {
        kind: 'ami',
        key: '',
        value: ami,
        label: ami,
        needles: [ami],
        file: 'terraform/prod/main.tf',
        line: 3,
        column: 13,
        environment: 'prod',
        previous: 'staging',
        via: [],
        alsoEntersPrevious: false,
        intervals:
          gitHours === undefined
            ? []
            : [{ from: hoursAgo(gitHours).toISOString().replace(/\.\d{3}Z$/, 'Z'), fromCommit: 'c'.repeat(40), fromMerge: true, fromFile: 'terraform/staging/main.tf' }],
      },
    ],
  };
}

export async function runSoak(mode: Mode, settings: Settings, extra: { promotable?: PromotableValues; now?: Date } = {}): Promise<RunReport> {
  const context: RunContext = {
    settings,
    mode,
    workspace: mkdtempSync(join(tmpdir(), 'dg-soak-')),
    now: extra.now ?? NOW,
    event: { name: mode === 'pr' ? 'pull_request' : 'schedule', payload: {} },
    log: { info: () => undefined, warning: () => undefined, debug: () => undefined },
    version: 'test',
    journal: new Journal(),
  };
  return runChecks(context, {
    rules: SOAK_RULES,
    gatherers: {
      ...soakGatherers({ retryDelayMs: () => 0 }),
      changes: async () => ({ base: 'b'.repeat(40), head: 'h'.repeat(40), mergeBase: 'b'.repeat(40), files: [{ path: 'terraform/prod/main.tf', status: 'modified' }] }),
      terraform: async () => buildIndex(new Map(), [], settings),
      promotableValues: async () => extra.promotable,
    },
  });
}

/** `DG101 error prod` per finding, for compact expectations. */
export function brief(report: RunReport): string[] {
  return report.findings.map((finding) => `${finding.id} ${finding.level}${finding.environment ? ` ${finding.environment}` : ''}`);
}

// ------------------------------------------------------------------------------------------ bundled runs

/** Real time for the bundled action (it takes no injected clock). */
export const realHoursAgo = (hours: number): string => new Date(Date.now() - hours * HOUR).toISOString();

export const SOAK_CONFIG = `promotion: [staging, prod]
soak: 24h
environments:
  staging:
    terraform: ["terraform/staging/**"]
    aws: { regions: [eu-west-1] }
    amis: { ssm-parameters: [/images/staging/api] }
  prod:
    terraform: ["terraform/prod/**"]
    aws: { regions: [eu-west-1] }
    amis: { ssm-parameters: [/images/prod/api], launch-templates: [api-prod] }
`;

export function launchTemplateTf(env: string, ami: string): string {
  return `resource "aws_launch_template" "api" {\n  name     = "api-${env}"\n  image_id = "${ami}"\n}\n`;
}
