// Which changed paths can affect a deployment. A PR touching none of them ends in an explicit pass.
import picomatch from 'picomatch';
import type { Settings } from '../config/settings.js';

const TERRAFORM = /\.(tf|tfvars|tf\.json|tfvars\.json|hcl|tftpl|tpl)$/;
const CLOUD_INIT_OR_SCRIPT = /(^|\/)(user[-_]?data[^/]*|cloud[-_]?init[^/]*|appspec\.ya?ml)$/i;

export function deployRelevance(settings: Settings): (path: string) => boolean {
  const globs = [
    ...settings.scripts.include,
    ...settings.images.manifests,
    ...[...settings.environments.values()].flatMap((env) => env.terraform),
  ];
  const matchesGlob = picomatch(globs, { dot: true });
  const excluded = picomatch(settings.scripts.exclude, { dot: true });
  return (path) =>
    path === settings.configFile ||
    path === settings.inputs.config ||
    TERRAFORM.test(path) ||
    CLOUD_INIT_OR_SCRIPT.test(path) ||
    (matchesGlob(path) && !excluded(path));
}
