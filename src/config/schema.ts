// The configuration file's schema: the single source for validation and for the shipped JSON Schema.
//
// Written with zod/mini, Zod's functional API: every run loads this module before it does anything, and with
// Zod's method-chaining API loading and building it took 27-43 ms on Node 24, with zod/mini 17-20 ms. zod/mini
// carries no messages of its own: Zod's English ones are set here, so issues read as they did (a test).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { parseDuration } from './duration.js';

z.config(en());

const duration = z.string().check(
  z.refine((value) => parseDuration(value) !== undefined, {
    message: 'expected a duration such as 24h, 90m, 2d or 1d12h (units s, m, h, d, w)',
  }),
  z.describe('A duration: a number followed by s, m, h, d or w (24h, 90m, 2d, 1d12h).'),
);

/** `schema`, optional, with a description of its own. */
function optional<T extends z.core.SomeType>(schema: T, description?: string): z.ZodMiniOptional<T> {
  const wrapped = z.optional(schema);
  return description === undefined ? wrapped : wrapped.check(z.describe(description));
}

const globList = z.array(z.string().check(z.minLength(1))).check(z.describe('Repository-relative glob patterns.'));
const level = z.enum(['error', 'warning', 'notice', 'off']);
const environmentName = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'environment names are letters, digits, "-" and "_"'));
const region = z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region such as us-east-1'));
const evidenceSource = z.enum(['ssm', 'ec2', 'tags', 'git']);

const environment = z
  .strictObject({
    terraform: optional(globList, 'Terraform roots of this environment (globs).'),
    soak: optional(duration, 'Minimum time an artifact must serve the previous environment before this one.'),
    aws: optional(
      z.strictObject({
        regions: optional(z.array(region).check(z.minLength(1)), 'Regions where this environment runs.'),
        'role-arn': optional(
          z.string().check(z.regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'expected an IAM role ARN')),
          'Role assumed to read this environment; otherwise the ambient credentials.',
        ),
        'account-id': optional(z.string().check(z.regex(/^\d{12}$/, 'expected a 12-digit AWS account id (quote it in YAML)')), 'Refuse evidence read from any other account.'),
      }),
    ),
    amis: optional(
      z.strictObject({
        'ssm-parameters': optional(z.array(z.string().check(z.regex(/^\/?[\w.\-/]+$/, 'expected an SSM parameter name')))),
        'launch-templates': optional(z.array(z.string().check(z.minLength(1)))),
        'instance-tags': optional(z.record(z.string(), z.string())),
      }),
      "Where this environment's live AMI id can be read.",
    ),
  })
  .check(z.describe('One environment.'));

export const configSchema = z
  .strictObject({
    $schema: optional(z.string()),
    promotion: optional(z.array(environmentName).check(z.minLength(1)), 'Order in which every artifact must travel, e.g. [staging, prod].'),
    soak: optional(duration, 'Minimum time in the previous environment (default 24h).'),
    environments: optional(z.record(environmentName, environment)),
    scripts: optional(
      z.strictObject({
        include: optional(globList, 'Deploy scripts to analyse.'),
        exclude: optional(globList, 'Paths never analysed as deploy scripts.'),
        'run-path': optional(z.string().check(z.regex(/^\/[^:]*(:\/[^:]*)*$/, 'expected absolute directories separated by ":"')), 'PATH the scripts run with on the instance.'),
      }),
    ),
    images: optional(
      z.strictObject({
        manifests: optional(globList, 'Image inventories written by the image build.'),
        probe: optional(z.union([z.enum(['ssm', 'off']), z.literal(false)]), 'ssm: read-only probe on a staging instance; off: manifests only.'),
      }),
    ),
    evidence: optional(z.array(evidenceSource).check(z.minLength(1)), 'Sources that may prove a soak.'),
    'evidence-mode': optional(z.enum(['any', 'all'])),
    'applied-label': optional(z.string().check(z.minLength(1))),
    override: optional(
      z.strictObject({
        label: optional(z.string().check(z.minLength(1))),
        allowed: optional(z.array(z.string().check(z.regex(/^[A-Za-z0-9-]+(\/[A-Za-z0-9_.-]+)?$/, 'expected a user login or org/team-slug')))),
      }),
    ),
    rules: optional(z.record(z.string(), level), 'Per-rule level by id (DG204) or name (hardcoded-tool-path).'),
  })
  .check(z.describe('deploy-guard configuration (.github/deploy-guard.yml)'));

export type ConfigFile = z.infer<typeof configSchema>;

/** The JSON Schema shipped for editors, generated from the same source. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://github.com/deploy-guard/deploy-guard/blob/main/deploy-guard.schema.json',
    title: 'deploy-guard configuration',
  };
}
