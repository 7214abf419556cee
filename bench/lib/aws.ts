// The AWS cost benchmark's scenario: an estate of N AMIs live across R regions in three environments
// (dev → staging → prod), each environment with one SSM parameter, one launch template and instance
// tags, served by the loopback EC2/SSM server of the test suite with a delay on every call. The audit
// runs through the bundled action (bench/run.mjs); `adapterAudit` is the fallback that reads the same
// estate through the AWS adapters directly, the way the audit's evidence reader does (one session per
// set of credentials, every region in parallel, DescribeImages batched per region).
import type { LoopbackImage, LoopbackInstance, LoopbackLaunchTemplate, LoopbackParameter, LoopbackState } from '../../test/support/awsLoopback.js';
import { AwsSession, describeImages, instancesRunning, launchTemplate, parameterHistory } from '../../src/facts/aws/index.js';

export const AWS_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export const AWS_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2', 'eu-central-1', 'ap-northeast-1', 'sa-east-1', 'ca-central-1'];

export interface AwsScenarioOptions {
  amis: number;
  regions: number;
  delayMs: number;
  /** Fixed "now" so the estate is the same on every run. */
  now?: Date;
}

export interface AwsScenario {
  state: LoopbackState;
  config: string;
  regions: string[];
  amis: number;
  instances: number;
}

const DAY = 86_400_000;
const amiId = (i: number) => `ami-0${(0x1000000000000000 + i * 7919).toString(16).slice(0, 16)}`;

export function awsScenario(options: AwsScenarioOptions): AwsScenario {
  const now = options.now ?? new Date();
  const regions = AWS_REGIONS.slice(0, Math.max(1, Math.min(options.regions, AWS_REGIONS.length)));
  const images: LoopbackImage[] = [];
  const instances: LoopbackInstance[] = [];
  // The SSM parameters' and launch templates' AMIs are copied to every region; the others live in one.
  const shared = Math.min(options.amis, 110);
  // AMI i runs in dev; two in three also run in staging and one in three in prod (what got promoted),
  // each environment's instances launched later than the previous one's.
  for (let i = 0; i < options.amis; i++) {
    const id = amiId(i);
    const region = regions[i % regions.length]!;
    const age = 2 + (i % 60);
    images.push({
      id,
      ...(i < shared ? {} : { region }),
      state: 'available',
      ownerId: '123456789012',
      creationDate: new Date(now.getTime() - age * DAY).toISOString(),
      name: `acme-app-${i}`,
      tags: { 'deploy-guard:dev-since': new Date(now.getTime() - (age - 0.5) * DAY).toISOString() },
    });
    const serve = (env: string, count: number, launchedDaysAgo: number) => {
      for (let n = 0; n < count; n++) {
        instances.push({
          id: `i-${(i * 4 + n).toString(16).padStart(8, '0')}${env === 'dev' ? 'd' : env === 'staging' ? 'e' : 'f'}${'0'.repeat(8)}`,
          imageId: id,
          region,
          state: 'running',
          launchTime: new Date(now.getTime() - launchedDaysAgo * DAY - n * 60_000),
          tags: { Environment: env, Name: `app-${i}-${env}` },
        });
      }
    };
    serve('dev', 1, age - 0.5);
    if (i % 3 !== 2) serve('staging', 1, age - 1.5);
    if (i % 3 === 0) serve('prod', 2, Math.max(0.1, age - 3.5));
  }
  const parameters: Record<string, LoopbackParameter> = {};
  const launchTemplates: LoopbackLaunchTemplate[] = [];
  const sharedAmi = (k: number) => amiId(k % shared);
  AWS_ENVIRONMENTS.forEach((env, e) => {
    // Each environment is one step behind the previous one: prod runs what staging ran a day before.
    parameters[`/images/${env}/app`] = {
      versions: Array.from({ length: 100 }, (_, v) => ({ value: sharedAmi(v - e + 3), modified: new Date(now.getTime() - (100 - v) * DAY + e * 0.5 * DAY), user: 'arn:aws:sts::123456789012:assumed-role/image-pipeline/ci' })),
    };
    launchTemplates.push({
      name: `app-${env}`,
      defaultVersion: 30,
      versions: Array.from({ length: 30 }, (_, v) => ({ number: v + 1, imageId: sharedAmi(v + 70 - e + 3), createTime: new Date(now.getTime() - (30 - v) * DAY + e * 0.5 * DAY) })),
    });
  });
  const state: LoopbackState = { images, instances, launchTemplates, parameters, delayMs: options.delayMs };
  const config = `# deploy-guard configuration for the AWS cost benchmark
promotion: [${AWS_ENVIRONMENTS.join(', ')}]
soak: 24h
environments:
${AWS_ENVIRONMENTS.map(
  (env) => `  ${env}:
    aws:
      regions: [${regions.join(', ')}]
    amis:
      ssm-parameters: ["/images/${env}/app"]
      launch-templates: ["app-${env}"]
      instance-tags: { Environment: ${env} }`,
).join('\n')}
evidence: [ssm, ec2, tags]
`;
  return { state, config, regions, amis: options.amis, instances: instances.length };
}

export interface AdapterAuditResult {
  wallMs: number;
  live: number;
  described: number;
}

/**
 * The reads an audit makes, straight through the adapters: per environment and region the SSM
 * parameter history, the launch template and the tagged instances; then DescribeImages once per
 * region for every AMI found there (one session: the environments share ambient credentials).
 */
export async function adapterAudit(scenario: AwsScenario): Promise<AdapterAuditResult> {
  const started = performance.now();
  const session = new AwsSession({ environment: 'dev', regions: scenario.regions }, { maxAttempts: 5, userAgent: 'deploy-guard-bench' });
  try {
    const perRegion = await Promise.all(
      scenario.regions.map(async (region) => {
        const ids = new Set<string>();
        await Promise.all(
          AWS_ENVIRONMENTS.flatMap((env) => [
            parameterHistory(session, region, `/images/${env}/app`).then((history) => {
              const current = history.versions.at(-1);
              if (current) ids.add(current.value);
            }),
            launchTemplate(session, region, `app-${env}`).then((template) => {
              for (const version of template.versions) if (version.number === template.defaultVersion || version.number === template.latestVersion) if (version.imageId) ids.add(version.imageId);
            }),
            instancesRunning(session, region, { tags: { Environment: env } }).then((found) => found.forEach((instance) => ids.add(instance.imageId))),
          ]),
        );
        const images = await describeImages(session, region, [...ids]);
        return { live: ids.size, described: [...images.values()].filter(Boolean).length };
      }),
    );
    return { wallMs: performance.now() - started, live: perRegion.reduce((sum, r) => sum + r.live, 0), described: perRegion.reduce((sum, r) => sum + r.described, 0) };
  } finally {
    session.destroy();
  }
}
