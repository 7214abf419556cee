// DG301: one change that reaches two consecutive environments cannot soak in the first before the second.
import { formatDuration } from '../../config/duration.js';
import { defineRule, type RuleFinding } from '../types.js';
import { chainText, listText } from './text.js';

export const stagingAndProdInOneChange = defineRule({
  id: 'DG301',
  name: 'staging-and-prod-in-one-change',
  family: 'promotion',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr'],
  needs: ['terraformChange'],
  summary: 'One change reaches an environment and the one before it together, directly or through a shared module.',
  help:
    'A change that lands in staging and prod at once never runs in staging before prod gets it: that is how the image ' +
    'update of the outage reached prod unsoaked. deploy-guard follows local module sources transitively, so a change to ' +
    'a module that both environments call counts for both; the message names the chain from the changed module up to ' +
    "each environment's root. Fix: split the change: merge the earlier environment's part, let it soak, then change the " +
    'next environment in a second pull request. For a shared module, make the change opt-in per environment (a variable ' +
    'that defaults to the old behaviour) or pin each environment to a module version.',
  check({ terraformChange }, { settings }) {
    if (!terraformChange) return [];
    const { order, files } = terraformChange;
    const findings: RuleFinding[] = [];
    for (let i = 1; i < order.length; i++) {
      const previous = order[i - 1]!;
      const env = order[i]!;
      const route = (file: (typeof files)[number], name: string): string | undefined => {
        const reach = file.reaches.find((entry) => entry.environment === name);
        if (!reach) return undefined;
        return reach.chain.length > 0 ? chainText(reach.chain) : file.path;
      };
      // Each file's route to both environments, once (a mass change has thousands of files).
      const routes = files.map((file) => ({ file, toPrevious: route(file, previous), toEnv: route(file, env) }));
      const toPrevious = routes.flatMap((r) => r.toPrevious ?? []);
      const toEnv = routes.flatMap((r) => r.toEnv ?? []);
      if (toPrevious.length === 0 || toEnv.length === 0) continue;
      // Point at a file that reaches both (a shared module) when there is one, else at the later environment's file.
      const anchor = (routes.find((r) => r.toPrevious && r.toEnv) ?? routes.find((r) => r.toEnv)!).file;
      const soak = formatDuration(settings.environments.get(env)?.soakMs ?? 0);
      findings.push({
        message:
          `This change reaches ${previous} and ${env} together, so it cannot soak in ${previous} first: ` +
          `${previous} through ${listText(toPrevious)}; ${env} through ${listText(toEnv)}.`,
        environment: env,
        file: anchor.path,
        evidence: routes.flatMap(({ file, toPrevious: viaPrevious, toEnv: viaEnv }) =>
          ([[previous, viaPrevious], [env, viaEnv]] as const).flatMap(([name, path]) =>
            path ? [{ source: 'git', text: `${file.path} (${file.status}) reaches ${name}${path === file.path ? '' : ` through ${path}`}` }] : [],
          ),
        ),
        fix:
          `Split it: merge the ${previous} part first, let it serve ${previous} for ${soak}, then change ${env} in a second pull request. ` +
          `For a shared module, make the change opt-in per environment or pin ${env} to a module version first.`,
      });
    }
    return findings;
  },
});
