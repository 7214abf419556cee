// DG206: scripts must be checked against an image and nothing could say what is on it.
import type { DeployScript } from '../../facts/types.js';
import type { RuleFinding } from '../types.js';
import { defineRule } from '../types.js';
import { at, imageProblems, imageLabel } from './imageCheck.js';

function list(scripts: DeployScript[]): string {
  const files = [...new Set(scripts.map((script) => script.file))];
  return files.length > 5 ? `${files.slice(0, 5).join(', ')} and ${files.length - 5} more` : files.join(', ');
}

export const imageInventoryUnavailable = defineRule({
  id: 'DG206',
  name: 'image-inventory-unavailable',
  family: 'binaries',
  defaultLevel: 'error',
  overridable: false,
  modes: ['pr', 'audit', 'preflight'],
  needs: ['deployScripts', 'imageInventories', 'environmentAmis'],
  summary: 'Deploy scripts must be checked against an image, and neither a manifest nor the probe could say what is on it.',
  help:
    'With images configured, every image a deploy script runs on needs an inventory: a manifest written by the image build ' +
    '(scripts/image-inventory.sh, matched by images.manifests) or the read-only SSM probe on a running staging instance ' +
    '(images.probe: ssm). Without one the scripts were not checked, so the run blocks. Fix: commit the manifest from the image ' +
    'build, enable the probe, pass the directories a script uses to image-inventory.sh, or tell deploy-guard the AMI.',
  check({ deployScripts, imageInventories, environmentAmis }) {
    if (!deployScripts.imageChecks) return [];
    const findings: RuleFinding[] = [];
    const withCommands = deployScripts.scripts.filter((script) => script.commands.length > 0);

    for (const [image, result] of imageInventories) {
      if (result.ok) continue;
      const scripts = withCommands.filter((script) => script.images.some((entry) => entry.image === image));
      if (scripts.length === 0) continue;
      const environments = [...new Set(scripts.flatMap((script) => script.images.filter((entry) => entry.image === image).flatMap((entry) => entry.environments)))];
      const reference = environments.flatMap((env) => environmentAmis.get(env) ?? []).find((ami) => ami.ami === image && ami.file);
      findings.push({
        message: `${result.security ? 'Probe refused: ' : ''}no inventory for ${image} (${environments.join(', ')}): ${result.reason}. Not checked against it: ${list(scripts)}.`,
        environment: environments.at(-1)!,
        ...(reference?.file ? { file: reference.file, line: reference.line!, ...(reference.column ? { column: reference.column } : {}) } : {}),
        evidence: reference ? [{ source: reference.source, text: reference.detail }] : [],
        fix: result.fix,
      });
    }

    const unknown = new Map<string, DeployScript[]>();
    for (const script of withCommands) for (const env of script.unknownImages) unknown.set(env, [...(unknown.get(env) ?? []), script]);
    for (const [env, scripts] of unknown) {
      findings.push({
        message: `No AMI is known for ${env}: its Terraform names no AMI id, so ${list(scripts)} could not be checked against the image ${env} runs.`,
        environment: env,
        evidence: [],
        fix: `Reference the AMI id in ${env}'s Terraform (or a tfvars file), pass the ami-id input in preflight, or configure environments.${env}.amis so the live AMI can be read.`,
      });
    }

    const seen = new Set<string>();
    for (const { command, image, inventory, verdict } of imageProblems(deployScripts, imageInventories)) {
      if (verdict.state !== 'unknown') continue;
      const key = `${command.file}:${command.line}:${command.column}:${image.image}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        message: `${at(command)} runs ${command.program}, but ${inventory.from} does not cover ${verdict.dirs.join(', ')} on ${imageLabel(image)}: whether it is there is unknown.`,
        environment: image.environments.at(-1)!,
        file: command.file,
        line: command.line,
        column: command.column,
        evidence: [{ source: inventory.source, text: `${inventory.from} lists ${inventory.coveredDirs.length} folder(s): ${inventory.coveredDirs.slice(0, 8).join(', ')}` }],
        fix: `Pass ${verdict.dirs.join(' ')} to scripts/image-inventory.sh in the image build so the manifest lists it, or set images.probe: ssm.`,
      });
    }
    return findings;
  },
});
