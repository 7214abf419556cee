import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  octokitApi
} from "./chunks/chunk-ZKXF4RGZ.js";
import "./chunks/chunk-O5UWBKZA.js";
import "./chunks/chunk-WAXSGHYJ.js";

// src/facts/githubWorker.ts
import { parentPort, workerData } from "node:worker_threads";
if (!parentPort) throw new Error("githubWorker.js runs as a worker thread of deploy-guard");
var port = parentPort;
var { target } = workerData;
var api = octokitApi({ ...target, log: (message) => port.postMessage({ log: message }) });
port.on("message", ({ id, method, args }) => {
  const call = api[method];
  call.apply(api, args).then(
    (value) => port.postMessage({ id, ok: true, value }),
    (error) => {
      const status = error?.status;
      port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error), ...typeof status === "number" ? { status } : {} });
    }
  );
});
//# sourceMappingURL=githubWorker.js.map
