import { describe, expect, it } from 'vitest';
import { stagingAndProdInOneChange } from '../../../src/rules/promotion/stagingAndProd.js';
import { chainText } from '../../../src/rules/promotion/text.js';
import { changed, defaults, NOW, threeEnvironments, type TerraformChange } from './facts.js';

const run = (terraformChange: TerraformChange | undefined, settings = defaults) => stagingAndProdInOneChange.check({ terraformChange }, { settings, mode: 'pr', now: NOW });

describe('DG301 staging-and-prod-in-one-change', () => {
  it('names every hop of a nested module chain', () => {
    expect(
      chainText([
        { dir: 'terraform/modules/base', by: 'terraform/modules/api/main.tf', line: 5 },
        { dir: 'terraform/modules/api', by: 'terraform/prod/main.tf', line: 3 },
      ]),
    ).toBe('terraform/modules/base ← terraform/modules/api/main.tf:5 ← terraform/prod/main.tf:3');
  });

  it('is silent when only one environment is reached', () => {
    expect(run({ order: ['staging', 'prod'], files: [changed('terraform/prod/main.tf', 'prod'), changed('docs/x.tf')] })).toEqual([]);
  });

  it('is silent with a single environment in the promotion', () => {
    expect(run({ order: ['prod'], files: [changed('modules/app/main.tf', 'prod')] })).toEqual([]);
  });

  it('reports each consecutive pair once, on the file that reaches both when there is one', () => {
    const shared = changed(
      'envs/modules/net/main.tf',
      ['dev', [{ dir: 'envs/modules/net', by: 'envs/dev/main.tf', line: 2 }]],
      ['staging', [{ dir: 'envs/modules/net', by: 'envs/staging/main.tf', line: 2 }]],
    );
    const found = run({ order: ['dev', 'staging', 'prod'], files: [changed('envs/prod/main.tf', 'prod'), shared] }, threeEnvironments);
    expect(found.map(({ environment, file }) => [environment, file])).toEqual([
      ['staging', 'envs/modules/net/main.tf'],
      ['prod', 'envs/prod/main.tf'],
    ]);
    expect(found[1]?.message).toBe(
      'This change reaches staging and prod together, so it cannot soak in staging first: staging through envs/modules/net ← envs/staging/main.tf:2; prod through envs/prod/main.tf.',
    );
    expect(found[1]?.fix).toContain('let it serve staging for 48h');
  });

  it('does not skip an environment: dev and prod together is no DG301 of its own', () => {
    expect(run({ order: ['dev', 'staging', 'prod'], files: [changed('envs/dev/main.tf', 'dev'), changed('envs/prod/main.tf', 'prod')] }, threeEnvironments)).toEqual([]);
  });
});
