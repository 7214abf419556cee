// DG205: a deploy script could not be read or parsed completely, so its commands were not (all) checked.
import { defineRule } from '../types.js';

export const scriptNotAnalysed = defineRule({
  id: 'DG205',
  name: 'script-not-analysed',
  family: 'binaries',
  defaultLevel: 'error',
  overridable: false,
  modes: ['pr', 'audit', 'preflight'],
  needs: ['deployScripts'],
  summary: 'A deploy script is too large, binary, not UTF-8, or does not parse: its commands could not be checked.',
  help:
    'A guard that passes because it could not look is the worst guard: a script that runs on instances and cannot be read ' +
    'completely blocks (error); one that nothing runs on an instance only warns. The finding gives the file and the line of the ' +
    'first parse error. Fix: correct the syntax (`bash -n script.sh` shows it), keep scripts under the 2 MiB cap and in UTF-8, ' +
    'or list files that are not deploy scripts in scripts.exclude.',
  check({ deployScripts }) {
    return deployScripts.unanalysed.map((entry) => {
      const parse = /parse error|cloud-init:|appspec:|MIME/.test(entry.reason);
      return {
        message: `${entry.file}${entry.line ? `:${entry.line}` : ''} could not be analysed: ${entry.reason}${entry.onInstance ? `; it runs on instances (${entry.runs[0] ?? 'deploy script'}), so its commands are unchecked` : ''}.`,
        // Without image checks only DG204 would have read it: then it cannot hide a block, and warns.
        level: entry.onInstance && deployScripts.imageChecks ? ('error' as const) : ('warning' as const),
        file: entry.file,
        ...(entry.line ? { line: entry.line } : {}),
        ...(entry.column ? { column: entry.column } : {}),
        evidence: entry.runs.map((run) => ({ source: 'script', text: run })),
        fix: parse
          ? `Correct the syntax at ${entry.file}${entry.line ? `:${entry.line}` : ''}${entry.file.endsWith('.tf') ? '' : ' (`bash -n` shows the error)'}.`
          : 'Keep deploy scripts as UTF-8 text under the 2 MiB cap, inside the workspace; list files that are not deploy scripts in scripts.exclude.',
      };
    });
  },
});
