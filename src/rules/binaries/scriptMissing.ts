// DG203: an appspec hook, a file()/templatefile() or a Packer provisioner names a script the repository lacks.
import { defineRule } from '../types.js';

export const scriptMissing = defineRule({
  id: 'DG203',
  name: 'script-missing',
  family: 'binaries',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr', 'audit', 'preflight'],
  needs: ['deployScripts'],
  summary: 'A CodeDeploy hook, a file()/templatefile() or a Packer provisioner names a script that is not in the repository.',
  help:
    'CodeDeploy fails the deployment when a hook\'s location does not exist in the revision; Terraform fails the plan when ' +
    'file() or templatefile() cannot read its file; Packer fails the build. Appspec locations are relative to the folder of ' +
    'appspec.yml, Terraform paths to the module (path.module). Fix: add the script, or correct the path that names it.',
  // A repository fact: it needs no image configuration.
  check({ deployScripts }) {
    return deployScripts.missing.map((missing) => ({
      message: `${missing.by} names ${missing.reference}, which is not in the repository (looked for ${missing.expected}).`,
      file: missing.file,
      line: missing.line,
      column: missing.column,
      evidence: [{ source: 'repository', text: `no file ${missing.expected} at the head revision` }],
      fix: `Add ${missing.expected}, or correct the path in ${missing.file}:${missing.line}.`,
    }));
  },
});
