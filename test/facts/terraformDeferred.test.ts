// The index parses a file whose only facts can be embedded scripts when they are asked for: a narrow PR
// never parses the user data of the files it does not change, and nothing can read them as empty by mistake.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FactStore } from '../../src/facts/registry.js';
import { gatherTerraform } from '../../src/facts/terraform.js';
import { contextFor, openPull } from '../rules/binaries/harness.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';

const parsed = vi.hoisted(() => ({ files: [] as string[] }));
vi.mock('../../src/parse/terraform.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/parse/terraform.js')>();
  return { ...real, analyseTerraform: (text: string, options?: { fileName?: string }) => (parsed.files.push(options?.fileName ?? '?'), real.analyseTerraform(text, options)) };
});

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

const CONFIG = 'promotion: [staging, prod]\nenvironments:\n  staging:\n    terraform: ["terraform/staging/**"]\n  prod:\n    terraform: ["terraform/prod/**"]\n';
const launchTemplate = (name: string, command: string) =>
  `resource "aws_launch_template" "${name}" {\n  image_id  = var.ami_id\n  user_data = base64encode(<<-EOT\n    #!/bin/bash\n    ${command}\n  EOT\n  )\n}\n`;

function estate(): Record<string, string> {
  return {
    '.github/deploy-guard.yml': CONFIG,
    'terraform/modules/api/main.tf': launchTemplate('api', '/usr/bin/aws s3 cp s3://a/b /etc/b'),
    'terraform/modules/worker/main.tf': launchTemplate('worker', 'systemctl restart worker'),
    'terraform/modules/worker/outputs.tf': 'output "id" {\n  value = aws_launch_template.worker.id\n}\n',
    'terraform/staging/main.tf': 'module "api" {\n  source = "../modules/api"\n}\nmodule "worker" {\n  source = "../modules/worker"\n}\n',
  };
}

describe('Terraform index: files with nothing but embedded scripts', () => {
  it('are parsed when their scripts are asked for, and never read as empty', async () => {
    repo = createRepo(estate());
    const context = contextFor(repo, { mode: 'audit' });
    parsed.files = [];
    const index = await gatherTerraform(context, await new FactStore(context).get('repoFiles'));
    expect(parsed.files).toEqual(['terraform/staging/main.tf']);
    expect(() => index.files.get('terraform/modules/api/main.tf')!.analysis.embeddedScripts).toThrow(/TerraformIndex.embeddedScripts/);
    expect(index.files.get('terraform/modules/api/main.tf')!.analysis.amis).toEqual([]);
    const scripts = await index.embeddedScripts('terraform/modules/api/main.tf');
    expect(scripts.map((script) => script.text.trim())).toEqual(['#!/bin/bash\n/usr/bin/aws s3 cp s3://a/b /etc/b']);
    await index.embeddedScripts('terraform/modules/api/main.tf');
    expect(parsed.files).toEqual(['terraform/staging/main.tf', 'terraform/modules/api/main.tf']);
  });

  it('a narrow PR reads the user data of its changed files only; the audit reads all', async () => {
    repo = createRepo(estate());
    openPull(repo, { 'terraform/modules/worker/main.tf': launchTemplate('worker', 'systemctl restart worker-v2') });
    parsed.files = [];
    const pr = await new FactStore(contextFor(repo, { mode: 'pr' })).get('deployScripts');
    expect(pr.scripts.map((script) => script.id)).toEqual([expect.stringMatching(/^terraform\/modules\/worker\/main\.tf#/)]);
    expect(parsed.files).not.toContain('terraform/modules/api/main.tf');
    parsed.files = [];
    const audit = await new FactStore(contextFor(repo, { mode: 'audit' })).get('deployScripts');
    expect(audit.scripts.map((script) => script.file).sort()).toEqual(['terraform/modules/api/main.tf', 'terraform/modules/worker/main.tf']);
  });
});
