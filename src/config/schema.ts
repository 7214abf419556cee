// The configuration file's schema: the single source for validation and for the shipped JSON Schema.
import * as z from 'zod';
import { parseDuration } from './duration.js';

const duration = z
  .string()
  .refine((value) => parseDuration(value) !== undefined, {
    message: 'expected a duration such as 24h, 90m, 2d or 1d12h (units s, m, h, d, w)',
  })
  .describe('A duration: a number followed by s, m, h, d or w (24h, 90m, 2d, 1d12h).');

const globList = z.array(z.string().min(1)).describe('Repository-relative glob patterns.');
const level = z.enum(['error', 'warning', 'notice', 'off']);
const environmentName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'environment names are letters, digits, "-" and "_"');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region such as us-east-1');
const evidenceSource = z.enum(['ssm', 'ec2', 'tags', 'git']);

const environment = z
  .strictObject({
    terraform: globList.optional().describe('Terraform roots of this environment (globs).'),
    soak: duration.optional().describe('Minimum time an artifact must serve the previous environment before this one.'),
    aws: z
      .strictObject({
        regions: z.array(region).min(1).optional().describe('Regions where this environment runs.'),
        'role-arn': z
          .string()
          .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'expected an IAM role ARN')
          .optional()
          .describe('Role assumed to read this environment; otherwise the ambient credentials.'),
        'account-id': z
          .string()
          .regex(/^\d{12}$/, 'expected a 12-digit AWS account id (quote it in YAML)')
          .optional()
          .describe('Refuse evidence read from any other account.'),
      })
      .optional(),
    amis: z
      .strictObject({
        'ssm-parameters': z.array(z.string().regex(/^\/?[\w.\-/]+$/, 'expected an SSM parameter name')).optional(),
        'launch-templates': z.array(z.string().min(1)).optional(),
        'instance-tags': z.record(z.string(), z.string()).optional(),
      })
      .optional()
      .describe("Where this environment's live AMI id can be read."),
  })
  .describe('One environment.');

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    promotion: z
      .array(environmentName)
      .min(1)
      .optional()
      .describe('Order in which every artifact must travel, e.g. [staging, prod].'),
    soak: duration.optional().describe('Minimum time in the previous environment (default 24h).'),
    environments: z.record(environmentName, environment).optional(),
    scripts: z
      .strictObject({
        include: globList.optional().describe('Deploy scripts to analyse.'),
        exclude: globList.optional().describe('Paths never analysed as deploy scripts.'),
        'run-path': z
          .string()
          .regex(/^\/[^:]*(:\/[^:]*)*$/, 'expected absolute directories separated by ":"')
          .optional()
          .describe('PATH the scripts run with on the instance.'),
      })
      .optional(),
    images: z
      .strictObject({
        manifests: globList.optional().describe('Image inventories written by the image build.'),
        probe: z
          .union([z.enum(['ssm', 'off']), z.literal(false)])
          .optional()
          .describe('ssm: read-only probe on a staging instance; off: manifests only.'),
      })
      .optional(),
    evidence: z.array(evidenceSource).min(1).optional().describe('Sources that may prove a soak.'),
    'evidence-mode': z.enum(['any', 'all']).optional(),
    'applied-label': z.string().min(1).optional(),
    override: z
      .strictObject({
        label: z.string().min(1).optional(),
        allowed: z
          .array(z.string().regex(/^[A-Za-z0-9-]+(\/[A-Za-z0-9_.-]+)?$/, 'expected a user login or org/team-slug'))
          .optional(),
      })
      .optional(),
    rules: z.record(z.string(), level).optional().describe('Per-rule level by id (DG204) or name (hardcoded-tool-path).'),
  })
  .describe('deploy-guard configuration (.github/deploy-guard.yml)');

export type ConfigFile = z.infer<typeof configSchema>;

/** The JSON Schema shipped for editors, generated from the same source. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'https://github.com/deploy-guard/deploy-guard/blob/main/deploy-guard.schema.json',
    title: 'deploy-guard configuration',
  };
}
