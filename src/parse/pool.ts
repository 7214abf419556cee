// Parsing on every core. analyseTerraform, analyseShell and analyseAppspec are pure functions of their text, so a run
// that knows it will analyse many files announces them (prefetch), and worker threads analyse them while
// the main thread goes on.
//
// Every announced job is sent to every worker at once, and who runs it is decided by one atomic claim in
// shared memory: the main thread claims jobs from the front, in the order it asks for them; workers claim
// from the back, scripts and appspecs before Terraform (WorkerJobs). No thread waits for another to hand out
// work, so a main thread busy for seconds without returning to the event loop still shares the work. A job a
// worker could not finish (the worker died, the result did not cross) is run on the main thread: parallelism
// makes a run faster, never changes what it finds.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Parser } from 'web-tree-sitter';
import type { AnalysisCache } from './analysisCache.js';
import { analyseAppspec, type AppspecAnalysis } from './appspec.js';
import { analyseShell, type ShellAnalysis, type ShellOptions } from './shell.js';
import { analyseTerraform, analyseTerraformWith, terraformDialect, type TerraformAnalysis } from './terraform.js';

export type AnalysisJob =
  | { kind: 'terraform'; text: string; options: { fileName?: string } }
  | { kind: 'shell'; text: string; options: ShellOptions }
  | { kind: 'appspec'; text: string; options: Record<string, never> };

/** Claims: one Int32 per job id. 0 = free, 1 = the main thread, 2 + n = worker n. */
export const FREE = 0;
export const MAIN = 1;
/** Jobs a run can announce; later ones run on the main thread unannounced. */
export const MAX_JOBS = 1 << 18;

/** Main thread → worker: jobs to add to its list. */
export interface WorkerAnnouncement {
  jobs: AnnouncedJob[];
}

export interface AnnouncedJob {
  id: number;
  job: AnalysisJob;
}

/**
 * A worker's list of the jobs announced to it, in the order it tries to claim them: the newest script or
 * appspec first, and a Terraform file only when none of those is left. The main thread claims from the front
 * as it asks, and in a large run it asks for the Terraform first; a worker that took some of it as well
 * compiled the HCL grammar and warmed up the Terraform extractor a second time, for the few hundred files it
 * took (a PR of every file: 204 of 587). A run of Terraform alone still shares it.
 */
export class WorkerJobs {
  private readonly first: AnnouncedJob[] = [];
  private readonly terraform: AnnouncedJob[] = [];

  add(jobs: readonly AnnouncedJob[]): void {
    for (const entry of jobs) (entry.job.kind === 'terraform' ? this.terraform : this.first).push(entry);
  }

  /** The next job to try to claim, taken off the list; undefined when none is left. */
  next(): AnnouncedJob | undefined {
    return this.first.pop() ?? this.terraform.pop();
  }
}

/** Worker → main thread: the answer for one job it claimed. */
export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** The part of a worker_threads Worker the pool uses (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: WorkerAnnouncement): void;
  on(event: 'message', listener: (reply: WorkerReply) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  ref(): void;
  unref(): void;
  terminate(): Promise<number> | void;
}

export interface PoolOptions {
  /** Worker threads to start (0: everything runs on the main thread). */
  workers: number;
  /** Starts worker n, sharing the claims array with it. */
  spawn: (index: number, claims: SharedArrayBuffer) => WorkerLike;
  /** Announced jobs below this count are not worth a worker's start-up. */
  minJobs?: number;
  /** Runs a job on this thread. */
  run?: (job: AnalysisJob) => Promise<unknown>;
}

interface Entry {
  id: number;
  job: AnalysisJob;
  /** Announcements not yet taken by a caller. */
  claims: number;
  settled: boolean;
  /** A caller waits for a worker's answer. */
  awaited: boolean;
  result: Promise<unknown>;
  settle: (value: Promise<unknown>) => void;
}

interface Slot {
  index: number;
  worker: WorkerLike;
  dead: boolean;
}

export async function runInProcess(job: AnalysisJob): Promise<unknown> {
  switch (job.kind) {
    case 'terraform':
      return analyseTerraform(job.text, job.options);
    case 'shell':
      return analyseShell(job.text, job.options);
    case 'appspec':
      return analyseAppspec(job.text);
  }
}

/** The kind of a job and the options that change its analysis: with the text, what identifies the analysis. */
export function jobKind(job: AnalysisJob): string {
  const options = job.kind === 'terraform' ? terraformDialect(job.options.fileName) : JSON.stringify(job.options);
  return `${job.kind}\0${options}`;
}

/**
 * Jobs by kind and options, then by text. The text itself is the inner key: a string caches its hash, so the
 * announcement and the request of one file's text hash it once and compare it by identity, where a key built
 * by concatenation copied and hashed every text (a large run has 5,000 of them) on every call. A Terraform
 * file's name only selects the dialect it is read in, so files with the same text and dialect (a module's
 * versions.tf copied into 200 modules) share one analysis.
 */
class Jobs {
  private readonly byOptions = new Map<string, Map<string, Entry>>();

  private texts(job: AnalysisJob, create: boolean): Map<string, Entry> | undefined {
    const kind = jobKind(job);
    let texts = this.byOptions.get(kind);
    if (!texts && create) this.byOptions.set(kind, (texts = new Map()));
    return texts;
  }

  get(job: AnalysisJob): Entry | undefined {
    return this.texts(job, false)?.get(job.text);
  }

  set(job: AnalysisJob, entry: Entry): void {
    this.texts(job, true)!.set(job.text, entry);
  }

  delete(job: AnalysisJob): void {
    this.texts(job, false)?.delete(job.text);
  }
}

export class AnalysisPool {
  private readonly entries = new Jobs();
  private readonly byId = new Map<number, Entry>();
  private readonly claimBuffer = new SharedArrayBuffer(MAX_JOBS * 4);
  private readonly claimed = new Int32Array(this.claimBuffer);
  private readonly slots: Slot[] = [];
  /** Announced before the workers started, or since the last flush. */
  private unsent: Entry[] = [];
  private flushQueued = false;
  private started = false;
  private nextId = 1;
  private waiting = 0;
  private readonly runJob: (job: AnalysisJob) => Promise<unknown>;
  /** Analyses kept across runs (the cache-dir input): a job found there is neither announced nor run. */
  cache: AnalysisCache | undefined;

  constructor(private readonly options: PoolOptions) {
    this.runJob = options.run ?? runInProcess;
  }

  /** Runs a job on this thread, and keeps its analysis in the cache. */
  private run(job: AnalysisJob): Promise<unknown> {
    return this.kept(job, this.runJob(job));
  }

  private kept(job: AnalysisJob, result: Promise<unknown>): Promise<unknown> {
    const cache = this.cache;
    if (cache) void result.then((value) => cache.put(jobKind(job), job.text, value), () => undefined);
    return result;
  }

  /** Announces a job the caller will ask for with `analyse`; with enough of them, workers start on them. */
  prefetch(job: AnalysisJob): void {
    if (this.options.workers <= 0 || this.nextId >= MAX_JOBS) return;
    if (this.cache?.has(jobKind(job), job.text)) return;
    const known = this.entries.get(job);
    if (known) {
      known.claims++;
      return;
    }
    let settle!: (value: Promise<unknown>) => void;
    const result = new Promise<unknown>((resolve) => (settle = resolve));
    const entry: Entry = { id: this.nextId++, job, claims: 1, settled: false, awaited: false, result, settle };
    this.entries.set(job, entry);
    this.byId.set(entry.id, entry);
    this.unsent.push(entry);
    if (!this.started && this.byId.size >= (this.options.minJobs ?? 64)) this.start();
    if (this.started && !this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  /**
   * Starts the workers before the jobs are known, when a caller expects many: they load the bundle while the
   * caller reads its files.
   */
  warm(): void {
    if (this.options.workers > 0 && !this.started) this.start();
  }

  /** The analysis of a job: an announced one from whichever thread claims it, any other on this thread. */
  analyse(job: AnalysisJob): Promise<unknown> {
    const entry = this.entries.get(job);
    if (!entry) {
      const stored = this.cache?.get(jobKind(job), job.text);
      return stored === undefined ? this.run(job) : Promise.resolve(stored);
    }
    if (--entry.claims <= 0) this.entries.delete(job);
    if (entry.settled) return entry.result;
    if (Atomics.compareExchange(this.claimed, entry.id, FREE, MAIN) === FREE) {
      this.settleHere(entry);
    } else if (!entry.awaited && Atomics.load(this.claimed, entry.id) !== MAIN) {
      // A worker has it: the process must stay alive until its answer comes.
      entry.awaited = true;
      if (this.waiting++ === 0) for (const slot of this.slots) if (!slot.dead) slot.worker.ref();
    }
    return entry.result;
  }

  /**
   * The answer to an announced job once a thread has it, without claiming the job: a caller that learns from
   * one analysis what to announce next. Undefined for a job not announced (or already taken by its caller).
   */
  answered(job: AnalysisJob): Promise<unknown> | undefined {
    return this.entries.get(job)?.result;
  }

  /** A job's analysis made synchronously by `make` on this thread, unless the cache has it. */
  analyseNow<T>(job: AnalysisJob, make: () => T): T {
    const cache = this.cache;
    const stored = cache?.get(jobKind(job), job.text);
    if (stored !== undefined) return stored as T;
    const value = make();
    cache?.put(jobKind(job), job.text, value);
    return value;
  }

  /** Which thread ran the jobs (tests and diagnostics): main, or a worker. */
  readonly counts = { main: 0, workers: 0 };

  private settleHere(entry: Entry): void {
    entry.settled = true;
    this.byId.delete(entry.id);
    this.counts.main++;
    entry.settle(this.run(entry.job));
  }

  private start(): void {
    this.started = true;
    for (let index = 0; index < this.options.workers; index++) {
      let worker: WorkerLike;
      try {
        worker = this.options.spawn(index, this.claimBuffer);
      } catch {
        break; // no worker: the main thread does it all
      }
      const slot: Slot = { index, worker, dead: false };
      worker.on('message', (reply) => this.receive(reply));
      worker.on('error', () => this.bury(slot));
      worker.on('exit', () => this.bury(slot));
      worker.unref();
      this.slots.push(slot);
    }
  }

  private flush(): void {
    this.flushQueued = false;
    const jobs = this.unsent.filter((entry) => !entry.settled).map(({ id, job }) => ({ id, job }));
    this.unsent = [];
    if (jobs.length === 0) return;
    for (const slot of this.slots) {
      if (slot.dead) continue;
      try {
        slot.worker.postMessage({ jobs });
      } catch {
        this.bury(slot);
      }
    }
  }

  private receive(reply: WorkerReply): void {
    const entry = this.byId.get(reply.id);
    if (!entry || entry.settled) return;
    // A job the worker failed is run here: the same failure then surfaces where it would have without workers.
    this.settleFrom(entry, reply.ok ? this.kept(entry.job, Promise.resolve(reply.value)) : this.run(entry.job), reply.ok);
  }

  private settleFrom(entry: Entry, value: Promise<unknown>, byWorker: boolean): void {
    entry.settled = true;
    this.byId.delete(entry.id);
    if (byWorker) this.counts.workers++;
    else this.counts.main++;
    entry.settle(value);
    if (entry.awaited && --this.waiting === 0) for (const slot of this.slots) slot.worker.unref();
  }

  /** A worker that died: the jobs it claimed and did not answer run here. */
  private bury(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    slot.worker.unref();
    const mark = MAIN + 1 + slot.index;
    for (const entry of [...this.byId.values()]) {
      if (!entry.settled && Atomics.load(this.claimed, entry.id) === mark) this.settleFrom(entry, this.run(entry.job), false);
    }
    void Promise.resolve(slot.worker.terminate()).catch(() => undefined);
  }
}

/** The bundled worker script, beside dist/index.js (shared chunks sit one folder below); none from source. */
function workerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'analysisWorker.js'), join(here, '..', 'analysisWorker.js')].find((candidate) => existsSync(candidate));
}

/**
 * Worker threads for this process: one per core beside the main thread, at most 3. DEPLOY_GUARD_THREADS
 * sets the number of threads in all (1: the main thread only).
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const configured = env.DEPLOY_GUARD_THREADS?.trim();
  if (configured && threadsProblem(env) === undefined) return Number(configured) - 1;
  return Math.max(0, Math.min(cores, 4) - 1);
}

/** What is wrong with DEPLOY_GUARD_THREADS, if it is set and not a thread count (the default is used then). */
export function threadsProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.DEPLOY_GUARD_THREADS?.trim();
  if (!configured) return undefined;
  if (/^\d+$/.test(configured) && Number(configured) >= 1 && Number(configured) <= 16) return undefined;
  return `DEPLOY_GUARD_THREADS=${JSON.stringify(env.DEPLOY_GUARD_THREADS)} is not a number of threads from 1 to 16; using one per core (at most 4). Set it to 1 to analyse on the main thread only.`;
}

/**
 * Announced analyses from which worker threads start on their own. A worker costs 0.2–0.3 s of a core to
 * load the bundle and the grammars, and on a 2-core runner it competes with git and V8's compiler threads:
 * a typical PR (about 180 files, 0.4 s of parsing) ran 0.2 s slower with one. When DEPLOY_GUARD_THREADS
 * asks for threads, they start from 64.
 */
export function largeRun(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Boolean(env.DEPLOY_GUARD_THREADS?.trim()) && threadsProblem(env) === undefined;
  return asked && workerCount(env) > 0 ? 64 : 500;
}

let shared: AnalysisPool | undefined;

/** The process's pool: workers from the bundle when there is one and more than one core. */
export function analysisPool(): AnalysisPool {
  if (!shared) {
    const script = workerScript();
    shared = new AnalysisPool({
      workers: script ? workerCount() : 0,
      spawn: (index, claims) => new Worker(script!, { workerData: { index, claims } }),
      minJobs: largeRun(),
    });
  }
  return shared;
}

/** Which thread analysed the announced files of this process, if any were announced. */
export function analysisCounts(): { main: number; workers: number } | undefined {
  return shared && shared.counts.main + shared.counts.workers > 0 ? { ...shared.counts } : undefined;
}

/** Announces an analysis pooledTerraform will be asked for: a worker thread may do it meanwhile. */
export function announceTerraform(text: string, options: { fileName?: string } = {}): void {
  analysisPool().prefetch({ kind: 'terraform', text, options });
}

/** Announces an analysis pooledAppspec will be asked for. */
export function announceAppspec(text: string): void {
  analysisPool().prefetch({ kind: 'appspec', text, options: {} });
}

/** Announces an analysis pooledShell will be asked for. */
export function announceShell(text: string, options: ShellOptions = {}): void {
  analysisPool().prefetch({ kind: 'shell', text, options });
}

/**
 * The analysis of an announced script (default options) once a thread has done it, without claiming it; undefined
 * when it was not announced (as in every run without worker threads).
 */
export function answeredShell(text: string): Promise<ShellAnalysis> | undefined {
  return analysisPool().answered({ kind: 'shell', text, options: {} }) as Promise<ShellAnalysis> | undefined;
}

/** analyseTerraform, answered from the pool when the job was announced. */
export function pooledTerraform(text: string, options: { fileName?: string } = {}): Promise<TerraformAnalysis> {
  return analysisPool().analyse({ kind: 'terraform', text, options }) as Promise<TerraformAnalysis>;
}

/** analyseTerraformWith on this thread, now (facts parsed on first use); read from the cache when it has it. */
export function terraformNow(parser: Parser, text: string, options: { fileName?: string } = {}): TerraformAnalysis {
  return analysisPool().analyseNow({ kind: 'terraform', text, options }, () => analyseTerraformWith(parser, text, options));
}

/** Keeps this process's analyses in `cache` and reads them back from it (the cache-dir input). */
export function useAnalysisCache(cache: AnalysisCache | undefined): void {
  analysisPool().cache = cache;
}

/** analyseAppspec, answered from the pool when the job was announced. */
export function pooledAppspec(text: string): Promise<AppspecAnalysis> {
  return analysisPool().analyse({ kind: 'appspec', text, options: {} }) as Promise<AppspecAnalysis>;
}

/** analyseShell, answered from the pool when the job was announced. */
export function pooledShell(text: string, options: ShellOptions = {}): Promise<ShellAnalysis> {
  return analysisPool().analyse({ kind: 'shell', text, options }) as Promise<ShellAnalysis>;
}
