// A worker thread of the analysis pool (pool.ts). It keeps every job announced to it and, newest first and
// Terraform last (WorkerJobs), claims each one still free in the shared claims array, analyses it and
// replies with plain data. Each grammar loads with the first job that needs it.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { FREE, MAIN, runInProcess, WorkerJobs, type WorkerAnnouncement, type WorkerReply } from './pool.js';

if (!parentPort) throw new Error('analysisWorker.js runs as a worker thread of deploy-guard');
const port = parentPort;
const { index, claims } = workerData as { index: number; claims: SharedArrayBuffer };
const claimed = new Int32Array(claims);
const mark = MAIN + 1 + index;
const jobs = new WorkerJobs();
let running = false;

async function work(): Promise<void> {
  running = true;
  for (let next = jobs.next(); next; next = jobs.next()) {
    const { id, job } = next;
    if (Atomics.compareExchange(claimed, id, FREE, mark) !== FREE) continue;
    let reply: WorkerReply;
    try {
      reply = { id, ok: true, value: await runInProcess(job) };
    } catch (error) {
      reply = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    try {
      port.postMessage(reply);
    } catch (error) {
      // A result that cannot be cloned: the main thread runs the job itself.
      port.postMessage({ id, ok: false, error: String(error) } satisfies WorkerReply);
    }
    // Let announcements made meanwhile arrive: the newest are the ones the main thread will reach last.
    await nextTurn();
  }
  running = false;
}

port.on('message', (message: WorkerAnnouncement) => {
  jobs.add(message.jobs);
  if (!running) void work();
});
