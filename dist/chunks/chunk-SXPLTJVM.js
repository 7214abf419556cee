import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);

// src/tiering.ts
import { setFlagsFromString } from "node:v8";
var INTERRUPT_BUDGET = 16 * 67584;
function tieringFlags(nodeMajor, execArgv) {
  if (nodeMajor >= 22) return [];
  if (execArgv.some((flag) => /^--interrupt[-_]budget(?:=|$)/.test(flag))) return [];
  return [`--interrupt-budget=${INTERRUPT_BUDGET}`];
}
var applied = [];
function tuneTiering() {
  applied = tieringFlags(Number(process.versions.node.split(".")[0]), process.execArgv);
  for (const flag of applied) setFlagsFromString(flag);
}
function tieringApplied() {
  return applied;
}

export {
  tuneTiering,
  tieringApplied
};
//# sourceMappingURL=chunk-SXPLTJVM.js.map
