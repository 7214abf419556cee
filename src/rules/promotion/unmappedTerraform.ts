// DG306: changed Terraform that no environment applies and no environment's module graph reaches.
import { defineRule } from '../types.js';

export const unmappedTerraform = defineRule({
  id: 'DG306',
  name: 'unmapped-terraform',
  family: 'promotion',
  defaultLevel: 'warning',
  overridable: true,
  modes: ['pr'],
  needs: ['terraformChange'],
  summary: 'A changed Terraform file belongs to no environment and is no module an environment uses.',
  help:
    "deploy-guard decides which environments a change reaches from each environment's Terraform globs (or the directory " +
    'names staging/stage/stg and prod/production/prd) and the local module graph. A changed file outside all of them is ' +
    'a change whose promotion it cannot check. Fix: add its root to environments.<name>.terraform (and to promotion), or ' +
    "call it as a module from an environment's root; for examples and tests that are applied nowhere, the warning can stay.",
  check({ terraformChange }, { settings }) {
    if (!terraformChange) return [];
    const config = settings.configFile ?? settings.inputs.config;
    return terraformChange.files
      .filter((file) => file.terraform && file.status !== 'deleted' && file.reaches.length === 0)
      .map((file) => ({
        message:
          `${file.path} is Terraform that belongs to no environment (${terraformChange.order.join(', ') || 'none found'}) ` +
          'and is no module an environment uses: where this change is applied cannot be checked.',
        file: file.path,
        evidence: [{ source: 'git', text: `${file.path} (${file.status}) matches no environment glob and no local module source` }],
        fix: `Add its root to environments.<name>.terraform in ${config} (and to promotion), or call it as a module from an environment's root.`,
      }));
  },
});
