import { describe, expect, it } from 'vitest';
import type { Mode } from '../../../src/model.js';
import { floatingAmi } from '../../../src/rules/promotion/floatingAmi.js';
import { unmappedTerraform } from '../../../src/rules/promotion/unmappedTerraform.js';
import { settingsFor } from '../../fixtures/promotion/scenario.js';
import { changed, defaults, NOW, type TerraformChange } from './facts.js';

describe('DG306 unmapped-terraform', () => {
  it('warns about changed Terraform that reaches nothing, not about deletions or templates', () => {
    const terraformChange: TerraformChange = {
      order: ['staging', 'prod'],
      files: [
        changed('legacy/main.tf'),
        { ...changed('old/main.tf'), status: 'deleted' },
        { ...changed('templates/user-data.tftpl'), terraform: false },
        changed('terraform/prod/main.tf', 'prod'),
      ],
    };
    const found = unmappedTerraform.check({ terraformChange }, { settings: defaults, mode: 'pr', now: NOW });
    expect(found.map((finding) => finding.file)).toEqual(['legacy/main.tf']);
    expect(found[0]?.fix).toBe("Add its root to environments.<name>.terraform in .github/deploy-guard.yml (and to promotion), or call it as a module from an environment's root.");
  });
});

describe('DG105 floating-ami (Terraform)', () => {
  const source = (environment: string, file: string) => ({
    environment,
    kind: 'most-recent-lookup' as const,
    what: 'data.aws_ami.al2023',
    address: 'data.aws_ami.al2023',
    file,
    line: 1,
    column: 1,
    via: [] as { dir: string; by: string; line: number }[],
  });
  const sources = [source('prod', 'terraform/prod/ami.tf'), { ...source('prod', 'terraform/modules/api/ami.tf'), via: [{ dir: 'terraform/modules/api', by: 'terraform/prod/main.tf', line: 1 }] }];
  const envs = (mode: Mode, terraformChange: TerraformChange | undefined, settings = defaults) =>
    floatingAmi.check({ floatingAmiSources: sources, terraformChange }, { settings, mode, now: NOW }).map((finding) => finding.file);

  it('in a PR, reports the environments the change reaches (their next apply re-resolves the lookup)', () => {
    expect(envs('pr', { order: ['staging', 'prod'], files: [changed('terraform/prod/x.tf', 'prod')] })).toEqual(['terraform/prod/ami.tf', 'terraform/modules/api/ami.tf']);
    expect(envs('pr', { order: ['staging', 'prod'], files: [changed('terraform/staging/x.tf', 'staging')] })).toEqual([]);
  });

  it('reports everything in the audit and the target environment in a preflight', () => {
    expect(envs('audit', undefined)).toHaveLength(2);
    expect(envs('preflight', undefined)).toHaveLength(2);
    expect(envs('preflight', undefined, settingsFor(undefined, { environment: 'staging' }))).toEqual([]);
  });

  it('names the module chain', () => {
    const [, viaModule] = floatingAmi.check({ floatingAmiSources: sources, terraformChange: undefined }, { settings: defaults, mode: 'audit', now: NOW });
    expect(viaModule?.message).toBe(
      'prod takes its AMI from data.aws_ami.al2023 with most_recent = true: every apply picks whatever image is newest, which never soaked in staging (through terraform/modules/api ← terraform/prod/main.tf:1).',
    );
  });
});
