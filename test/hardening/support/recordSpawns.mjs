// Preloaded into the bundled action (NODE_OPTIONS=--import) by the never-execute test: every child process
// Node starts, by any child_process function and by absolute path or not, is appended to DG_SPAWN_LOG.
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const childProcess = require('node:child_process');
const log = process.env.DG_SPAWN_LOG;

function record(via, file, rest) {
  const args = Array.isArray(rest[0]) ? rest[0] : [];
  if (log) appendFileSync(log, `${JSON.stringify({ via, file: String(file), args: args.map(String) })}\n`);
}

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  const original = childProcess[name];
  const recorded = function (file, ...rest) {
    record(name, file, rest);
    return original.call(this, file, ...rest);
  };
  // exec and execFile resolve to { stdout, stderr } when promisified: keep that, and record it too.
  const custom = original[promisify.custom];
  if (custom) {
    recorded[promisify.custom] = function (file, ...rest) {
      record(name, file, rest);
      return custom.call(this, file, ...rest);
    };
  }
  childProcess[name] = recorded;
}
// The bundle imports named bindings from node:child_process; make them the recorded ones.
syncBuiltinESMExports();
