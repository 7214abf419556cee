import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);

// src/changedFiles.ts
function statedChangedFiles(payload) {
  const count = payload?.pull_request?.changed_files;
  return typeof count === "number" && Number.isInteger(count) && count >= 0 ? count : void 0;
}

export {
  statedChangedFiles
};
//# sourceMappingURL=chunk-3HOF5KPL.js.map
