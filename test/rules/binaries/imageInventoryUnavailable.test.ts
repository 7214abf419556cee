import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeNeeds } from '../../../src/facts/images.js';
import { gatherImageInventories, type ImageProber } from '../../../src/facts/images.js';
import type { TestRepo } from '../../support/gitRepo.js';
import { brief, check, repoFrom } from './harness.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

const PROBE_CONFIG = `promotion: [staging, prod]
environments:
  staging:
    terraform: ["terraform/staging/**"]
  prod:
    terraform: ["terraform/prod/**"]
images:
  manifests: ["images/*.json"]
  probe: ssm
`;

function withProber(prober: ImageProber) {
  return { imageInventories: async (context: Parameters<ImageProber>[1], facts: { get(key: 'deployScripts' | 'repoFiles'): Promise<never> }) => gatherImageInventories(context, await facts.get('deployScripts'), await facts.get('repoFiles'), prober) };
}

describe('DG206 image-inventory-unavailable', () => {
  it('blocks when an image has no manifest and the probe is off, at the line that names the AMI', async () => {
    repo = repoFrom('base', 'dg206');
    repo.write({ 'images/ami-0bbbbbbbbbbbbbbb2.json': null });
    repo.commit('no manifest for the prod image', '2026-03-02T00:00:00Z');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG206')).toEqual([
      // /opt/aws/bin is not in the staging manifest: cfn-signal may or may not be there.
      'DG206 error prod deploy/scripts/deploy.sh:4',
      'DG206 error prod terraform/prod/main.tf:3',
    ]);
    const image = report.findings.find((finding) => finding.file === 'terraform/prod/main.tf');
    expect(image?.message).toBe(
      'no inventory for ami-0bbbbbbbbbbbbbbb2 (prod): no image manifest for ami-0bbbbbbbbbbbbbbb2 among the files images.manifests matches (images/*.json), and the probe is off. Not checked against it: deploy/scripts/deploy.sh.',
    );
    expect(image?.fix).toContain('scripts/image-inventory.sh');
    const uncovered = report.findings.find((finding) => finding.file === 'deploy/scripts/deploy.sh' && finding.id === 'DG206');
    expect(uncovered?.fix).toBe('Pass /opt/aws/bin to scripts/image-inventory.sh in the image build so the manifest lists it, or set images.probe: ssm.');
  });

  it('blocks when an environment\'s Terraform names no AMI id at all', async () => {
    repo = repoFrom('base', 'dg201-pass');
    repo.write({
      'terraform/prod/main.tf': `data "aws_ssm_parameter" "ami" {
  name = "/images/prod/app"
}

resource "aws_launch_template" "app" {
  image_id = data.aws_ssm_parameter.ami.value
}
`,
    });
    repo.commit('prod reads its AMI from SSM', '2026-03-02T00:00:00Z');
    const report = await check(repo, { mode: 'preflight' });
    expect(brief(report.findings, 'DG206')).toEqual(['DG206 error prod -']);
    expect(report.findings.find((finding) => finding.id === 'DG206')?.message).toBe(
      'No AMI is known for prod: its Terraform names no AMI id, so deploy/scripts/deploy.sh could not be checked against the image prod runs.',
    );
  });

  it('asks the probe for exactly the paths and names the scripts use, and checks against its answer', async () => {
    repo = repoFrom('base', 'dg206');
    repo.write({ '.github/deploy-guard.yml': PROBE_CONFIG, 'images/ami-0bbbbbbbbbbbbbbb2.json': null });
    repo.commit('probe the prod image', '2026-03-02T00:00:00Z');
    const asked: ProbeNeeds[] = [];
    const prober: ImageProber = async (needs) => {
      asked.push(needs);
      return {
        ok: true,
        inventory: {
          image: needs.image,
          source: 'probe',
          from: 'SSM probe on i-0123456789abcdef0 in us-east-1 (staging)',
          executables: ['/usr/bin/aws', '/bin/bash'],
          coveredDirs: [],
          checkedPaths: needs.paths,
          alternatives: { '/opt/aws/bin/cfn-signal': '/usr/local/bin/cfn-signal' },
          path: ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'],
        },
      };
    };
    const report = await check(repo, { mode: 'audit', gatherers: withProber(prober) as never });
    expect(asked).toEqual([
      {
        image: 'ami-0bbbbbbbbbbbbbbb2',
        environments: ['prod'],
        names: ['aws'],
        paths: ['/bin/aws', '/bin/bash', '/opt/aws/bin/cfn-signal', '/sbin/aws', '/usr/bin/aws', '/usr/local/bin/aws', '/usr/local/sbin/aws', '/usr/sbin/aws'],
      },
    ]);
    const onProbedImage = report.findings.filter((finding) => finding.message.includes('ami-0bbbbbbbbbbbbbbb2'));
    expect(brief(onProbedImage)).toEqual(['DG201 error prod deploy/scripts/deploy.sh:4']);
    const moved = report.findings.find((finding) => finding.id === 'DG201');
    expect(moved?.message).toContain('the image has cfn-signal at /usr/local/bin/cfn-signal');
    expect(moved?.evidence[0]).toEqual({ source: 'probe', text: 'SSM probe on i-0123456789abcdef0 in us-east-1 (staging): /opt/aws/bin/cfn-signal is missing or not executable' });
  });

  it('turns a refused probe input into a blocking finding that no override can lift', async () => {
    repo = repoFrom('base', 'dg206');
    repo.write({ '.github/deploy-guard.yml': PROBE_CONFIG, 'images/ami-0bbbbbbbbbbbbbbb2.json': null });
    repo.commit('probe the prod image', '2026-03-02T00:00:00Z');
    const prober: ImageProber = async (needs) => ({ ok: false, image: needs.image, security: true, reason: 'probe input refused (paths "/opt/x;reboot")', fix: 'rename it' });
    const report = await check(repo, { mode: 'audit', gatherers: withProber(prober) as never });
    const refused = report.findings.find((finding) => finding.id === 'DG206' && finding.file === 'terraform/prod/main.tf');
    expect(refused?.message).toMatch(/^Probe refused: no inventory for ami-0bbbbbbbbbbbbbbb2 \(prod\): probe input refused/);
    const { imageInventoryUnavailable } = await import('../../../src/rules/binaries/imageInventoryUnavailable.js');
    expect(imageInventoryUnavailable.overridable).toBe(false);
  });
});
