// DG204: an absolute path to a tool that moves between images. Needs no image: a warning on the script alone.
import { defineRule } from '../types.js';
import { at, basename, guardedByScript, providedByDeployment, viaText } from './imageCheck.js';

/** Tools that package managers, version managers and image builds install in different places. */
const MOVING_TOOLS = new Set([
  'aws', 'aws_completer', 'cfn-init', 'cfn-signal', 'cfn-hup', 'session-manager-plugin', 'eksctl', 'aws-iam-authenticator',
  'python', 'python2', 'python3', 'pip', 'pip2', 'pip3', 'pipenv', 'poetry', 'ansible', 'ansible-playbook',
  'node', 'nodejs', 'npm', 'npx', 'yarn', 'pnpm',
  'docker', 'docker-compose', 'podman', 'kubectl', 'helm', 'kustomize', 'terraform', 'packer', 'vault', 'consul', 'nomad',
  'jq', 'yq', 'java', 'mvn', 'gradle', 'ruby', 'gem', 'bundle', 'bundler', 'go', 'php', 'composer', 'dotnet', 'pwsh', 'gcloud', 'az',
]);
const VERSIONED = /^(python|pip|ruby|node|java|php)\d+(\.\d+)*$/;

export function movesBetweenImages(name: string): boolean {
  return MOVING_TOOLS.has(name) || VERSIONED.test(name);
}

export const hardcodedToolPath = defineRule({
  id: 'DG204',
  name: 'hardcoded-tool-path',
  family: 'binaries',
  defaultLevel: 'warning',
  overridable: true,
  modes: ['pr', 'audit', 'preflight'],
  needs: ['deployScripts'],
  summary: 'A deploy script calls a tool that moves between images (aws, python, node, docker, kubectl, jq, …) by absolute path.',
  help:
    'Tools such as aws, python/pip, node/npm, docker, kubectl, terraform or jq live in different folders depending on how the ' +
    'image installed them (distribution package, pip, installer, version manager), and an image update can move them: that is ' +
    'how /usr/bin/aws became /usr/local/bin/aws. A script that calls one by absolute path breaks on the next image. Fix: call it ' +
    'by name and let PATH find it, or resolve it once with `command -v` (`#!/usr/bin/env python3` for an interpreter).',
  check({ deployScripts }) {
    const seen = new Set<string>();
    return deployScripts.scripts.flatMap((script) =>
      script.commands.flatMap((command) => {
        const name = basename(command.program);
        if (command.kind !== 'absolute' || !movesBetweenImages(name)) return [];
        if (guardedByScript(script, command) || providedByDeployment(script, command.program)) return [];
        const key = `${command.file}:${command.line}:${command.column}:${command.program}`;
        if (seen.has(key)) return [];
        seen.add(key);
        const shebang = command.via.includes('#!');
        return [
          {
            message: `${at(command)} calls ${command.program}${viaText(command)} by absolute path; ${name} moves between images (as /usr/bin/aws moved to /usr/local/bin/aws).`,
            file: command.file,
            line: command.line,
            column: command.column,
            evidence: [{ source: 'script', text: `${script.file}: ${script.runs.join('; ')}` }],
            fix: shebang
              ? `Use \`#!/usr/bin/env ${name}\`.`
              : `Call \`${name}\` by name and let PATH find it, or resolve it once: \`${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}=$(command -v ${name})\`.`,
          },
        ];
      }),
    );
  },
});
