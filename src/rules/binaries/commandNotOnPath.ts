// DG202: a deploy script runs a bare command that the PATH in effect does not find on the image.
import { defineRule } from '../types.js';
import { at, dirname, imageProblems, imageLabel, inventoryEvidence, scriptEvidence, viaText } from './imageCheck.js';

export const commandNotOnPath = defineRule({
  id: 'DG202',
  name: 'command-not-on-path',
  family: 'binaries',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr', 'audit', 'preflight'],
  needs: ['deployScripts', 'imageInventories'],
  summary: 'A deploy script runs a command that no directory of its PATH holds on an image it runs on.',
  help:
    'A command called by name is looked up in PATH: the run path the scripts start with (scripts.run-path), changed by PATH= ' +
    'assignments in the script and in the files it sources; cron lines use cron\'s own PATH. If no directory of that PATH holds ' +
    'the command on the image, the call fails with "command not found". Fix: install the tool in the image, or add the ' +
    'directory that holds it to PATH before the call.',
  check({ deployScripts, imageInventories }) {
    return imageProblems(deployScripts, imageInventories).flatMap(({ script, command, image, inventory, verdict }) => {
      if (verdict.state !== 'not-on-path') return [];
      const path = command.searchPath.join(':');
      return [
        {
          message:
            `${at(command)} runs ${command.program}${viaText(command)}, which is not on the PATH on ${imageLabel(image)} (${path})` +
            `${verdict.elsewhere ? `; the image has it at ${verdict.elsewhere}, outside that PATH` : ''}.`,
          environment: image.environments.at(-1)!,
          file: command.file,
          line: command.line,
          column: command.column,
          evidence: [inventoryEvidence(inventory, `no ${command.program} in ${path}`), scriptEvidence(script)],
          fix: verdict.elsewhere
            ? `Add ${dirname(verdict.elsewhere)} to PATH before the call, or call ${verdict.elsewhere}.`
            : `Install ${command.program} in the image, or add the directory that holds it to PATH before the call.`,
        },
      ];
    });
  },
});
