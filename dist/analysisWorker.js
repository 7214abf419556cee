import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  FREE,
  MAIN,
  WorkerJobs,
  runInProcess
} from "./chunks/chunk-R5VRBRRL.js";
import "./chunks/chunk-WAXSGHYJ.js";

// src/parse/analysisWorker.ts
import { setImmediate as nextTurn } from "node:timers/promises";
import { parentPort, workerData } from "node:worker_threads";
if (!parentPort) throw new Error("analysisWorker.js runs as a worker thread of deploy-guard");
var port = parentPort;
var { index, claims } = workerData;
var claimed = new Int32Array(claims);
var mark = MAIN + 1 + index;
var jobs = new WorkerJobs();
var running = false;
async function work() {
  running = true;
  for (let next = jobs.next(); next; next = jobs.next()) {
    const { id, job } = next;
    if (Atomics.compareExchange(claimed, id, FREE, mark) !== FREE) continue;
    let reply;
    try {
      reply = { id, ok: true, value: await runInProcess(job) };
    } catch (error) {
      reply = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    try {
      port.postMessage(reply);
    } catch (error) {
      port.postMessage({ id, ok: false, error: String(error) });
    }
    await nextTurn();
  }
  running = false;
}
port.on("message", (message) => {
  jobs.add(message.jobs);
  if (!running) void work();
});
//# sourceMappingURL=analysisWorker.js.map
