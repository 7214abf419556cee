import { describe, expect, it } from 'vitest';
import { buildSettings, DEFAULT_INPUTS } from '../../src/config/settings.js';
import { deployRelevance } from '../../src/facts/relevance.js';
import { findRule } from '../../src/rules/index.js';

const settings = buildSettings(undefined, undefined, DEFAULT_INPUTS, findRule);

describe('deploy relevance', () => {
  it('counts Terraform, scripts, user data and the configuration as deploy-relevant', () => {
    const relevant = deployRelevance(settings);
    for (const path of ['terraform/prod/main.tf', 'live/stage/terragrunt.hcl', 'env/prod.tfvars', 'deploy/start.sh', 'modules/api/user-data.sh.tpl', 'app/appspec.yml', '.github/deploy-guard.yml']) {
      expect(relevant(path), path).toBe(true);
    }
  });

  it('does not count documentation or application code outside a CodeDeploy revision', () => {
    const relevant = deployRelevance(settings, ['README.md', 'src/app.py']);
    for (const path of ['README.md', 'docs/runbook.md', 'src/app.py', 'node_modules/x/install.sh']) expect(relevant(path), path).toBe(false);
  });

  it('counts any file of a CodeDeploy revision (the folder of an appspec), e.g. a hook written in Python', () => {
    const relevant = deployRelevance(settings, ['deploy/appspec.yml', 'deploy/hooks/validate.py', 'src/app.py']);
    expect(relevant('deploy/hooks/validate.py')).toBe(true);
    expect(relevant('src/app.py')).toBe(false);
  });
});
