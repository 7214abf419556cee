// Which changed paths can affect a deployment. A PR touching none of them ends in an explicit pass.
import { globMatcher } from '../config/glob.js';
import type { Settings } from '../config/settings.js';

const TERRAFORM = /\.(tf|tfvars|tf\.json|tfvars\.json|hcl|tftpl|tpl)$/;
const CLOUD_INIT_OR_SCRIPT = /(^|\/)(user[-_]?data[^/]*|cloud[-_]?init[^/]*|appspec\.ya?ml)$/i;

const APPSPEC = /(^|\/)appspec\.ya?ml$/;

/**
 * @param repoFiles every file of the checkout: a CodeDeploy revision is the folder of its appspec, so any
 * file under it (a hook in Python, a config the hooks read) is deployed and relevant.
 */
export function deployRelevance(settings: Settings, repoFiles: readonly string[] = []): (path: string) => boolean {
  const revisionRoots = repoFiles.filter((file) => APPSPEC.test(file)).map((file) => file.slice(0, file.lastIndexOf('/') + 1));
  const underRevision = (path: string) => revisionRoots.some((root) => path.startsWith(root));
  const globs = [
    ...settings.scripts.include,
    ...settings.images.manifests,
    ...[...settings.environments.values()].flatMap((env) => env.terraform),
  ];
  // Flag s: `**` must match folder names with a newline too (git takes them).
  const matchesGlob = globMatcher(globs, { dot: true, flags: 's' });
  const excluded = globMatcher(settings.scripts.exclude, { dot: true, flags: 's' });
  return (path) =>
    path === settings.configFile ||
    path === settings.inputs.config ||
    TERRAFORM.test(path) ||
    CLOUD_INIT_OR_SCRIPT.test(path) ||
    underRevision(path) ||
    (matchesGlob(path) && !excluded(path));
}
