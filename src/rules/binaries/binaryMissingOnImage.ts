// DG201: a deploy script runs an absolute path that the image it runs on does not have.
import { defineRule } from '../types.js';
import { at, basename, imageProblems, imageLabel, inventoryEvidence, scriptEvidence, viaText } from './imageCheck.js';

export const binaryMissingOnImage = defineRule({
  id: 'DG201',
  name: 'binary-missing-on-image',
  family: 'binaries',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr', 'audit', 'preflight'],
  needs: ['deployScripts', 'imageInventories'],
  summary: 'A deploy script runs an absolute path that does not exist (or is not executable) on an image it runs on.',
  help:
    'The outage began here: an image update moved aws from /usr/bin/aws to /usr/local/bin/aws and every deploy script that ' +
    'called /usr/bin/aws failed on new instances. deploy-guard checks each absolute path a deploy script executes against the ' +
    'inventory of every image the script runs on (an image manifest or the SSM probe) and names where the command lives now. ' +
    'Fix: call the tool by name so PATH finds it (`aws …`, or `AWS=$(command -v aws)` once), or use the new path.',
  check({ deployScripts, imageInventories }) {
    return imageProblems(deployScripts, imageInventories).flatMap(({ script, command, image, inventory, verdict }) => {
      if (verdict.state !== 'missing') return [];
      const name = basename(command.program);
      const where = verdict.elsewhere ? `; the image has ${name} at ${verdict.elsewhere}` : ', and no other ' + name + ' is on it';
      const listed = inventory.source === 'manifest' ? `${command.program} is not among its ${inventory.executables.length} executables` : `${command.program} is missing or not executable`;
      return [
        {
          message: `${at(command)} runs ${command.program}${viaText(command)}, which does not exist on ${imageLabel(image)}${where}.`,
          environment: image.environments.at(-1)!,
          file: command.file,
          line: command.line,
          column: command.column,
          evidence: [inventoryEvidence(inventory, listed), scriptEvidence(script)],
          fix: verdict.elsewhere
            ? `Call it by name so PATH finds it (\`${name} …\`, or \`${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}=$(command -v ${name})\`), or use ${verdict.elsewhere}.`
            : `Install ${name} in the image (and regenerate its manifest), or stop calling ${command.program}.`,
        },
      ];
    });
  },
});
