import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);

// src/tiering.ts
import { setFlagsFromString } from "node:v8";
var INTERRUPT_BUDGET = 16 * 67584;
var TURBOFAN_INVOCATIONS = 30 * 3e3;
var FIRST_V8_COUNTING_INVOCATIONS = 22;
var NODE_MAJOR = Number(process.versions.node.split(".")[0]);
function tieringFlags(nodeMajor, execArgv) {
  const [name, value] = nodeMajor >= FIRST_V8_COUNTING_INVOCATIONS ? ["invocation-count-for-turbofan", TURBOFAN_INVOCATIONS] : ["interrupt-budget", INTERRUPT_BUDGET];
  const spelled = new RegExp(`^--${name.replace(/-/g, "[-_]")}(?:=|$)`);
  return execArgv.some((flag) => spelled.test(flag)) ? [] : [`--${name}=${value}`];
}
var applied = [];
function tuneTiering() {
  applied = NODE_MAJOR < FIRST_V8_COUNTING_INVOCATIONS ? tieringFlags(NODE_MAJOR, process.execArgv) : [];
  for (const flag of applied) setFlagsFromString(flag);
}
function tieringApplied() {
  return applied;
}

export {
  NODE_MAJOR,
  tieringFlags,
  tuneTiering,
  tieringApplied
};
//# sourceMappingURL=chunk-3OKPSYB4.js.map
