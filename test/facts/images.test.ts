import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSettings, DEFAULT_INPUTS } from '../../src/config/settings.js';
import { parseConfig } from '../../src/config/load.js';
import { Journal, type RunContext } from '../../src/facts/context.js';
import type { DeployScripts } from '../../src/facts/types.js';
import { imagesFor, loadManifests, parseManifest, probeNeeds, ssmProber, terraformAmis, withInputAmi, ImageManifestError } from '../../src/facts/images.js';
import { FactStore } from '../../src/facts/registry.js';
import { findRule } from '../../src/rules/index.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';

// The AWS adapters are the AWS family's (tested there with aws-sdk-client-mock); here a fake stands in
// for them to pin what the image checks ask and how the answer becomes an inventory.
const aws = vi.hoisted(() => {
  class ProbeInputRejected extends Error {}
  class AwsEvidenceError extends Error {
    constructor(
      message: string,
      readonly fix: string,
    ) {
      super(message);
    }
  }
  return {
    sessions: [] as unknown[],
    instancesRunning: vi.fn(),
    runProbe: vi.fn(),
    ProbeInputRejected,
    AwsEvidenceError,
  };
});
vi.mock('../../src/facts/aws/index.js', () => ({
  AwsSession: class {
    constructor(...args: unknown[]) {
      aws.sessions.push(args);
    }
  },
  instancesRunning: aws.instancesRunning,
  runProbe: aws.runProbe,
  ProbeInputRejected: aws.ProbeInputRejected,
  isAwsEvidenceError: (error: unknown) => error instanceof aws.AwsEvidenceError,
}));

const GOOD = { image: 'ami-0aaaaaaaaaaaaaaa1', path: '/usr/local/bin:/usr/bin', executables: ['/usr/local/bin/aws', '/usr/bin/jq'] };

describe('image manifests', () => {
  it('accept exactly image, path and executables', () => {
    expect(parseManifest('images/a.json', JSON.stringify(GOOD))).toEqual({ file: 'images/a.json', image: GOOD.image, path: ['/usr/local/bin', '/usr/bin'], executables: GOOD.executables });
  });

  it.each([
    ['{"image": "ami-0aaaaaaaaaaaaaaa1",\n  "path": "/usr/bin",\n  "executables": [}', /^Image manifest images\/a\.json:3:19: not valid JSON/],
    [JSON.stringify({ ...GOOD, arch: 'arm64' }), /^Image manifest images\/a\.json:1: unknown key "arch"; a manifest has exactly "image", "path" and "executables"\.$/],
    [JSON.stringify({ image: GOOD.image, path: GOOD.path }), /^Image manifest images\/a\.json: missing key "executables"\.$/],
    [JSON.stringify({ ...GOOD, image: 'ami-xyz' }), /key "image" must be an AMI id such as "ami-0123456789abcdef0", got "ami-xyz"/],
    [JSON.stringify({ ...GOOD, path: 'bin:/usr/bin' }), /key "path" must list absolute directories separated by ":", got "bin"/],
    [JSON.stringify({ ...GOOD, executables: ['/usr/bin/aws', 'aws'] }), /key "executables\[1\]" must be the absolute path of a file, got "aws"/],
    [JSON.stringify({ ...GOOD, executables: '/usr/bin/aws' }), /key "executables" must be a list of absolute paths/],
    ['[]', /expected a JSON object/],
  ])('refuse %s naming the file and the key', (text, message) => {
    expect(() => parseManifest('images/a.json', text)).toThrow(ImageManifestError);
    expect(() => parseManifest('images/a.json', text)).toThrow(message);
  });
});

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

const CONFIG = `promotion: [staging, prod]
environments:
  staging:
    terraform: ["live/staging/**"]
    aws: { regions: [us-east-1, eu-west-1], role-arn: "arn:aws:iam::111111111111:role/deploy-guard-read" }
    amis: { instance-tags: { Environment: staging } }
  prod:
    terraform: ["live/prod/**"]
images:
  manifests: ["images/*.json"]
  probe: ssm
`;

function contextFor(dir: string, mode: 'pr' | 'audit' | 'preflight' = 'audit', inputs: Partial<typeof DEFAULT_INPUTS> = {}): RunContext {
  return {
    settings: buildSettings(parseConfig(CONFIG, '.github/deploy-guard.yml'), '.github/deploy-guard.yml', { ...DEFAULT_INPUTS, ...inputs }, findRule),
    mode,
    workspace: dir,
    now: new Date('2026-03-10T12:00:00Z'),
    event: { name: 'schedule', payload: {} },
    log: { info: () => {}, warning: () => {}, debug: () => {} },
    version: 'test',
    journal: new Journal(),
  };
}

describe('environment AMIs', () => {
  beforeEach(() => {
    repo = createRepo({
      '.github/deploy-guard.yml': CONFIG,
      'live/staging/main.tf': 'module "api" {\n  source = "../../modules/api"\n  ami    = "ami-0aaaaaaaaaaaaaaa1"\n}\n',
      'live/prod/main.tf': 'module "api" {\n  source = "../../modules/api"\n  ami    = "ami-0bbbbbbbbbbbbbbb2"\n}\n',
      'modules/api/main.tf': 'variable "ami" {\n  default = "ami-0ddddddddddddddd4"\n}\n',
      'packer/api.pkr.hcl': 'source "amazon-ebs" "api" {\n  source_ami = "ami-0ccccccccccccccc3"\n}\n',
    });
  });

  it('are the literal ids in each environment\'s Terraform and the modules it uses, not Packer source AMIs', async () => {
    const context = contextFor(repo!.dir);
    const amis = terraformAmis(await new FactStore(context).get('terraform'), context.settings);
    expect(Object.fromEntries([...amis].map(([env, list]) => [env, list.map((ami) => `${ami.ami} ${ami.file}:${ami.line}`)]))).toEqual({
      staging: ['ami-0aaaaaaaaaaaaaaa1 live/staging/main.tf:3', 'ami-0ddddddddddddddd4 modules/api/main.tf:2'],
      prod: ['ami-0bbbbbbbbbbbbbbb2 live/prod/main.tf:3', 'ami-0ddddddddddddddd4 modules/api/main.tf:2'],
    });
  });

  it('take the ami-id input as the preflight candidate of the target environment', async () => {
    const context = contextFor(repo!.dir, 'preflight', { amiId: 'ami-0eeeeeeeeeeeeeee5', environment: 'prod' });
    const amis = withInputAmi(terraformAmis(await new FactStore(context).get('terraform'), context.settings), context.settings, 'preflight');
    expect(amis.get('prod')).toEqual([{ ami: 'ami-0eeeeeeeeeeeeeee5', source: 'input', detail: 'the ami-id input (preflight candidate)' }]);
    expect(withInputAmi(amis, context.settings, 'audit')).toBe(amis);
    // The fact, with the live AMIs of the soak family joined in, agrees.
    expect((await new FactStore(context).get('environmentAmis')).get('prod')).toMatchObject([{ ami: 'ami-0eeeeeeeeeeeeeee5', source: 'input' }]);
  });

  it('decide which images a script of an environment is checked against in each mode', async () => {
    const context = contextFor(repo!.dir);
    const amis = terraformAmis(await new FactStore(context).get('terraform'), context.settings);
    expect(imagesFor('prod', amis, context.settings, 'pr')).toEqual([{ ami: 'ami-0bbbbbbbbbbbbbbb2' }, { ami: 'ami-0ddddddddddddddd4' }]);
    // Audit: the AMI in staging now is the next prod AMI.
    expect(imagesFor('prod', amis, context.settings, 'audit')).toEqual([
      { ami: 'ami-0bbbbbbbbbbbbbbb2' },
      { ami: 'ami-0ddddddddddddddd4' },
      { ami: 'ami-0aaaaaaaaaaaaaaa1', note: 'in staging now, next for prod' },
    ]);
    expect(imagesFor('staging', amis, context.settings, 'preflight')).toEqual([]);
  });

  it('refuse two manifests for one image', async () => {
    repo!.write({ 'images/a.json': JSON.stringify(GOOD), 'images/b.json': JSON.stringify(GOOD) });
    repo!.commit('two manifests', '2026-03-02T00:00:00Z');
    await expect(loadManifests(contextFor(repo!.dir), ['images/a.json', 'images/b.json'])).rejects.toThrow('Image manifests images/a.json and images/b.json both describe ami-0aaaaaaaaaaaaaaa1.');
  });
});

describe('the SSM probe integration', () => {
  const scripts: DeployScripts = {
    imageChecks: true,
    scope: 'all',
    missing: [],
    unanalysed: [],
    scripts: [
      {
        id: 'deploy/run.sh',
        file: 'deploy/run.sh',
        runs: ['CodeDeploy hook AfterInstall of deploy/appspec.yml'],
        onInstance: true,
        environments: ['staging'],
        images: [{ image: 'ami-0aaaaaaaaaaaaaaa1', environments: ['staging'] }],
        unknownImages: [],
        commands: [
          { program: '/usr/bin/aws', kind: 'absolute', file: 'deploy/run.sh', line: 2, column: 1, via: [], searchPath: ['/usr/local/bin', '/usr/bin'] },
          { program: 'jq', kind: 'bare', file: 'deploy/run.sh', line: 3, column: 1, via: [], searchPath: ['/usr/local/bin', '/usr/bin'] },
          { program: './bin/x', kind: 'relative', file: 'deploy/run.sh', line: 4, column: 1, via: [], searchPath: [] },
        ],
        guards: [],
        provided: [],
        providedNames: [],
      },
    ],
  };

  beforeEach(() => {
    aws.sessions.length = 0;
    aws.instancesRunning.mockReset();
    aws.runProbe.mockReset();
  });

  it('asks for exactly the absolute paths, and each bare name in each PATH directory', () => {
    expect(probeNeeds(scripts, 'ami-0aaaaaaaaaaaaaaa1')).toEqual({
      image: 'ami-0aaaaaaaaaaaaaaa1',
      environments: ['staging'],
      paths: ['/usr/bin/aws', '/usr/bin/jq', '/usr/local/bin/jq'],
      names: ['jq'],
    });
  });

  it('probes a running staging instance of the AMI and turns the answer into an inventory', async () => {
    aws.instancesRunning.mockImplementation(async (_session: unknown, region: string) =>
      region === 'eu-west-1' ? [{ id: 'i-0123456789abcdef0', region, imageId: 'ami-0aaaaaaaaaaaaaaa1', state: 'running', launchTime: new Date(), tags: {} }] : [],
    );
    aws.runProbe.mockResolvedValue({
      instanceId: 'i-0123456789abcdef0',
      paths: new Map([
        ['/usr/bin/aws', { exists: false, executable: false, foundOnPath: '/usr/local/bin/aws' }],
        ['/usr/bin/jq', { exists: true, executable: true }],
        ['/usr/local/bin/jq', { exists: false, executable: false, foundOnPath: '/usr/bin/jq' }],
      ]),
      names: new Map([['jq', '/usr/bin/jq']]),
      commandIds: ['c-1'],
    });
    repo = createRepo({ '.github/deploy-guard.yml': CONFIG });
    const result = await ssmProber(probeNeeds(scripts, 'ami-0aaaaaaaaaaaaaaa1'), contextFor(repo.dir));
    expect(aws.sessions).toEqual([[{ environment: 'staging', regions: ['us-east-1', 'eu-west-1'], roleArn: 'arn:aws:iam::111111111111:role/deploy-guard-read' }, { maxAttempts: 5, userAgent: expect.stringMatching(/^deploy-guard\//) }]]);
    expect(aws.instancesRunning.mock.calls.map((call) => [call[1], call[2]])).toEqual([
      ['us-east-1', { tags: { Environment: 'staging' }, imageIds: ['ami-0aaaaaaaaaaaaaaa1'] }],
      ['eu-west-1', { tags: { Environment: 'staging' }, imageIds: ['ami-0aaaaaaaaaaaaaaa1'] }],
    ]);
    expect(aws.runProbe.mock.calls.map((call) => call.slice(1))).toEqual([
      ['eu-west-1', 'i-0123456789abcdef0', { paths: ['/usr/bin/aws', '/usr/bin/jq', '/usr/local/bin/jq'], names: ['jq'], runPath: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' }],
    ]);
    expect(result).toEqual({
      ok: true,
      inventory: {
        image: 'ami-0aaaaaaaaaaaaaaa1',
        source: 'probe',
        from: 'SSM probe on i-0123456789abcdef0 in eu-west-1 (staging)',
        executables: ['/usr/bin/jq', '/usr/local/bin/aws'],
        coveredDirs: [],
        checkedPaths: ['/usr/bin/aws', '/usr/bin/jq', '/usr/local/bin/jq'],
        alternatives: { '/usr/bin/aws': '/usr/local/bin/aws', '/usr/local/bin/jq': '/usr/bin/jq' },
        path: ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'],
      },
    });
  });

  it('says why when no instance runs the AMI, when AWS cannot be read, and when the probe refuses an input', async () => {
    repo = createRepo({ '.github/deploy-guard.yml': CONFIG });
    const needs = probeNeeds(scripts, 'ami-0aaaaaaaaaaaaaaa1');
    aws.instancesRunning.mockResolvedValue([]);
    expect(await ssmProber(needs, contextFor(repo.dir))).toMatchObject({
      ok: false,
      reason: 'no running instance of ami-0aaaaaaaaaaaaaaa1 to probe (searched staging us-east-1 (tags Environment=staging); staging eu-west-1 (tags Environment=staging))',
    });
    aws.instancesRunning.mockRejectedValue(new aws.AwsEvidenceError('DescribeInstances in us-east-1 could not be read: AccessDenied', 'grant ec2:DescribeInstances'));
    expect(await ssmProber(needs, contextFor(repo.dir))).toEqual({ ok: false, image: 'ami-0aaaaaaaaaaaaaaa1', reason: 'DescribeInstances in us-east-1 could not be read: AccessDenied', fix: 'grant ec2:DescribeInstances' });
    aws.instancesRunning.mockResolvedValue([{ id: 'i-0123456789abcdef0', region: 'us-east-1', imageId: 'ami-0aaaaaaaaaaaaaaa1', state: 'running', launchTime: new Date(), tags: {} }]);
    aws.runProbe.mockRejectedValue(new aws.ProbeInputRejected('probe input refused (paths "/opt/$(id)")'));
    expect(await ssmProber(needs, contextFor(repo.dir))).toMatchObject({ ok: false, security: true, reason: 'probe input refused (paths "/opt/$(id)")' });
  });
});
