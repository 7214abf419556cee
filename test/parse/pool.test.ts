// The analysis pool: announced jobs are claimed once, by the main thread (front, when asked) or a worker
// (back), through the shared claims array; what a worker cannot answer runs on the main thread; the answers
// are those of analyseTerraform/analyseShell whichever thread ran them. Workers here are fakes driven step by
// step, so every interleaving is the test's choice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../src/parse/analysisCache.js';
import { AnalysisPool, FREE, largeRun, MAIN, runInProcess, threadsProblem, workerCount, WorkerJobs, type AnalysisJob, type WorkerAnnouncement, type WorkerLike, type WorkerReply } from '../../src/parse/pool.js';

class FakeWorker implements WorkerLike {
  readonly jobs = new WorkerJobs();
  refs = 0;
  terminated = false;
  private readonly listeners: Record<string, ((value: never) => void)[]> = {};
  private readonly claimed: Int32Array;

  constructor(
    private readonly index: number,
    claims: SharedArrayBuffer,
    private readonly answer: (job: AnalysisJob) => Promise<unknown> = runInProcess,
  ) {
    this.claimed = new Int32Array(claims);
  }

  postMessage(message: WorkerAnnouncement): void {
    const { jobs } = structuredClone(message);
    this.jobs.add(jobs);
    for (const entry of jobs) this.known.set(entry.id, entry.job);
  }
  on(event: string, listener: (value: never) => void): this {
    (this.listeners[event] ??= []).push(listener);
    return this;
  }
  ref(): void {
    this.refs = 1;
  }
  unref(): void {
    this.refs = 0;
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(event: string, value: unknown): void {
    for (const listener of this.listeners[event] ?? []) listener(value as never);
  }

  /** Claims the next free job it knows, as analysisWorker.ts does; returns its id, or undefined. */
  claim(): number | undefined {
    for (let next = this.jobs.next(); next; next = this.jobs.next()) {
      const { id } = next;
      if (Atomics.compareExchange(this.claimed, id, FREE, MAIN + 1 + this.index) === FREE) {
        this.held.set(id, this.known.get(id)!);
        return id;
      }
    }
    return undefined;
  }
  private readonly known = new Map<number, AnalysisJob>();
  private readonly held = new Map<number, AnalysisJob>();
  /** Answers a claimed job (the reply crosses as a structured clone). */
  async finish(id: number): Promise<void> {
    const job = this.held.get(id)!;
    this.held.delete(id);
    let reply: WorkerReply;
    try {
      reply = { id, ok: true, value: structuredClone(await this.answer(job)) };
    } catch (error) {
      reply = { id, ok: false, error: String(error) };
    }
    this.emit('message', reply);
  }
}

function poolWith(workers: number, options: { minJobs?: number; answer?: (job: AnalysisJob) => Promise<unknown>; run?: (job: AnalysisJob) => Promise<unknown> } = {}) {
  const fakes: FakeWorker[] = [];
  const pool = new AnalysisPool({
    workers,
    minJobs: options.minJobs ?? 1,
    spawn: (index, claims) => {
      const fake = new FakeWorker(index, claims, options.answer);
      fakes.push(fake);
      return fake;
    },
    ...(options.run ? { run: options.run } : {}),
  });
  return { pool, fakes };
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));
const tf = (text: string, fileName = 'main.tf'): AnalysisJob => ({ kind: 'terraform', text, options: { fileName } });
const sh = (text: string): AnalysisJob => ({ kind: 'shell', text, options: {} });

const TEXTS = Array.from({ length: 8 }, (_, i) => `resource "aws_instance" "web${i}" {\n  ami = "ami-0123456789abcdef${i}"\n}\n`);

describe('AnalysisPool', () => {
  it('gives the answers analyseTerraform and analyseShell give, whichever thread ran the job', async () => {
    const { pool, fakes } = poolWith(1);
    TEXTS.forEach((text, i) => pool.prefetch(tf(text, `f${i}.tf`)));
    pool.prefetch(sh('#!/bin/sh\n/usr/bin/aws s3 ls\n'));
    await flush();
    const worker = fakes[0]!;
    // The worker takes from the back: the script, then the last files.
    const taken = [worker.claim()!, worker.claim()!, worker.claim()!];
    await Promise.all(taken.map((id) => worker.finish(id)));
    const results = await Promise.all(TEXTS.map((text, i) => pool.analyse(tf(text, `f${i}.tf`))));
    const script = await pool.analyse(sh('#!/bin/sh\n/usr/bin/aws s3 ls\n'));
    for (const [i, text] of TEXTS.entries()) expect(results[i]).toEqual(await runInProcess(tf(text, `f${i}.tf`)));
    expect(script).toEqual(await runInProcess(sh('#!/bin/sh\n/usr/bin/aws s3 ls\n')));
    expect(pool.counts).toEqual({ main: 6, workers: 3 });
  });

  it('runs each job once: a job the main thread claimed is skipped by the worker, and the reverse', async () => {
    const calls: string[] = [];
    const counting = async (job: AnalysisJob) => {
      calls.push(job.text);
      return runInProcess(job);
    };
    const { pool, fakes } = poolWith(1, { answer: counting, run: counting });
    const jobs = TEXTS.slice(0, 4).map((text) => tf(text));
    jobs.forEach((job) => pool.prefetch(job));
    await flush();
    const worker = fakes[0]!;
    const last = pool.analyse(jobs[3]!); // the main thread claims the newest first
    expect(worker.claim()).toBe(3); // so the worker's first pick is the one before it
    await worker.finish(3);
    await Promise.all([last, ...jobs.slice(0, 3).map((job) => pool.analyse(job))]);
    expect(worker.claim()).toBeUndefined();
    expect([...calls].sort()).toEqual([...TEXTS.slice(0, 4)].sort());
  });

  it('has a worker take scripts and appspecs newest first, and Terraform only when none of them is free', async () => {
    const { pool, fakes } = poolWith(1);
    const app: AnalysisJob = { kind: 'appspec', text: 'version: 0.0\nos: linux\n', options: {} };
    const announced = [tf(TEXTS[0]!), sh('echo one\n'), tf(TEXTS[1]!), app, sh('echo two\n'), tf(TEXTS[2]!)];
    announced.forEach((job) => pool.prefetch(job));
    await flush();
    const worker = fakes[0]!;
    const order: number[] = [];
    for (let id = worker.claim(); id !== undefined; id = worker.claim()) order.push(id);
    // Ids follow the announcements: 1, 3 and 6 are Terraform.
    expect(order).toEqual([5, 4, 2, 6, 3, 1]);
  });

  it('has a worker take Terraform when a run announces nothing else', async () => {
    const { pool, fakes } = poolWith(1);
    TEXTS.slice(0, 3).forEach((text) => pool.prefetch(tf(text)));
    await flush();
    const worker = fakes[0]!;
    expect([worker.claim(), worker.claim(), worker.claim(), worker.claim()]).toEqual([3, 2, 1, undefined]);
  });

  it('runs on the main thread what a worker failed, and what a worker held when it died', async () => {
    const failing = async () => {
      throw new Error('out of memory');
    };
    const { pool, fakes } = poolWith(1, { answer: failing });
    const jobs = TEXTS.slice(0, 3).map((text) => tf(text));
    jobs.forEach((job) => pool.prefetch(job));
    await flush();
    const worker = fakes[0]!;
    const failed = worker.claim()!;
    const held = worker.claim()!;
    await worker.finish(failed);
    worker.emit('exit', 1);
    expect(worker.terminated).toBe(true);
    const results = await Promise.all(jobs.map((job) => pool.analyse(job)));
    for (const [i, job] of jobs.entries()) expect(results[i]).toEqual(await runInProcess(job));
    // Both the failed job and the one the dead worker held ran here; the third was never claimed by it.
    expect(pool.counts).toEqual({ main: 3, workers: 0 });
    expect([failed, held].sort()).toEqual([2, 3]);
  });

  it('keeps the process alive only while the main thread waits for a worker', async () => {
    const { pool, fakes } = poolWith(1);
    const job = tf(TEXTS[0]!);
    pool.prefetch(job);
    await flush();
    const worker = fakes[0]!;
    expect(worker.refs).toBe(0);
    const id = worker.claim()!;
    const answer = pool.analyse(job);
    expect(worker.refs).toBe(1);
    await worker.finish(id);
    await answer;
    expect(worker.refs).toBe(0);
  });

  it('starts no worker below the threshold, and answers unannounced jobs on the main thread', async () => {
    const { pool, fakes } = poolWith(2, { minJobs: 5 });
    TEXTS.slice(0, 4).forEach((text) => pool.prefetch(tf(text)));
    expect(fakes).toHaveLength(0);
    expect(await pool.analyse(tf(TEXTS[0]!))).toEqual(await runInProcess(tf(TEXTS[0]!)));
    expect(await pool.analyse(sh('echo unannounced'))).toEqual(await runInProcess(sh('echo unannounced')));
    pool.prefetch(tf(TEXTS[4]!));
    pool.prefetch(tf(TEXTS[5]!));
    expect(fakes).toHaveLength(2);
  });

  it('answers a text announced twice for both callers', async () => {
    const { pool, fakes } = poolWith(1);
    const job = tf(TEXTS[1]!);
    pool.prefetch(job);
    pool.prefetch(job);
    await flush();
    const id = fakes[0]!.claim()!;
    await fakes[0]!.finish(id);
    const [a, b] = await Promise.all([pool.analyse(job), pool.analyse(job)]);
    expect(a).toEqual(b);
    expect(fakes[0]!.claim()).toBeUndefined();
  });

  it('keeps one text announced with different options apart', async () => {
    const { pool, fakes } = poolWith(1);
    const text = 'PATH=$PATH:/opt/tools/bin\naws s3 ls\n';
    const plain: AnalysisJob = { kind: 'shell', text, options: {} };
    const withPath: AnalysisJob = { kind: 'shell', text, options: { path: ['/usr/bin'] } };
    const otherPath: AnalysisJob = { kind: 'shell', text, options: { path: ['/usr/local/bin'] } };
    for (const job of [plain, withPath, otherPath]) pool.prefetch(job);
    await flush();
    for (let id = fakes[0]!.claim(); id !== undefined; id = fakes[0]!.claim()) await fakes[0]!.finish(id);
    expect(pool.counts).toEqual({ main: 0, workers: 3 });
    // Options are compared by value: a new list with the same directories finds the job, another list does not.
    expect(pool.answered({ kind: 'shell', text, options: { path: ['/usr/bin'] } })).toBeDefined();
    expect(pool.answered({ kind: 'shell', text, options: { path: ['/usr/sbin'] } })).toBeUndefined();
    expect(pool.answered({ kind: 'shell', text, options: { path: ['/usr/bin'], lineOffset: 2 } })).toBeUndefined();
    for (const job of [otherPath, plain, withPath]) expect(await pool.analyse(job)).toEqual(await runInProcess(job));
    expect(await pool.analyse(withPath)).not.toEqual(await pool.analyse(plain));
  });

  it('analyses one Terraform text once per dialect, whichever files hold it', async () => {
    const calls: string[] = [];
    const counting = async (job: AnalysisJob) => {
      calls.push((job.options as { fileName?: string }).fileName ?? '');
      return runInProcess(job);
    };
    const { pool, fakes } = poolWith(1, { answer: counting, run: counting });
    // a top-level AMI is a variable value in a .tfvars file and something else in a .tf file: the
    // dialect changes the analysis, the folder does not
    const text = 'ami_id = "ami-0123456789abcdef0"\nlocals {\n  ami = "ami-0fedcba9876543210"\n}\n';
    const names = ['modules/a/versions.tf', 'modules/b/versions.tf', 'envs/prod/main.tf', 'envs/prod/prod.tfvars'];
    for (const name of names) pool.prefetch(tf(text, name));
    await flush();
    for (let id = fakes[0]!.claim(); id !== undefined; id = fakes[0]!.claim()) await fakes[0]!.finish(id);
    const results = await Promise.all(names.map((name) => pool.analyse(tf(text, name))));
    expect(calls.length).toBe(2); // one for the three .tf files, one for the .tfvars file
    for (const [i, name] of names.entries()) expect(results[i], name).toEqual(await runInProcess(tf(text, name)));
    expect(results[3]).not.toEqual(results[0]);
  });

  it('keeps every analysis in the cache, whichever thread made it, and announces none the cache has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-pool-cache-'));
    try {
      const calls: string[] = [];
      const counting = async (job: AnalysisJob) => {
        calls.push(job.text);
        return runInProcess(job);
      };
      const first = poolWith(1, { answer: counting, run: counting });
      first.pool.cache = new AnalysisCache(dir, 'b');
      const jobs = TEXTS.slice(0, 4).map((text) => tf(text));
      jobs.forEach((job) => first.pool.prefetch(job));
      await flush();
      await first.fakes[0]!.finish(first.fakes[0]!.claim()!); // one by the worker, three here
      const made = await Promise.all(jobs.map((job) => first.pool.analyse(job)));
      const now = first.pool.analyseNow(tf(TEXTS[5]!), () => ({ made: 'now' }));
      first.pool.cache.save();
      expect(first.pool.cache.counts).toEqual({ read: 0, added: 5, unreadable: 0 });

      calls.length = 0;
      const second = poolWith(1, { answer: counting, run: counting });
      second.pool.cache = new AnalysisCache(dir, 'b');
      jobs.forEach((job) => second.pool.prefetch(job));
      await flush();
      expect(second.fakes).toEqual([]); // nothing announced, so no worker started: the cache has it all
      expect(await Promise.all(jobs.map((job) => second.pool.analyse(job)))).toEqual(made);
      expect(second.pool.analyseNow(tf(TEXTS[5]!), () => ({ made: 'again' }))).toEqual(now);
      expect(second.pool.answered(tf(TEXTS[1]!))).toBeUndefined(); // not announced: the caller asks analyse()
      expect(calls).toEqual([]);
      expect(second.pool.cache.counts.read).toBe(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("tells a worker's answer without claiming the job, so the caller still gets it once", async () => {
    const calls: string[] = [];
    const counting = async (job: AnalysisJob) => {
      calls.push(job.text);
      return runInProcess(job);
    };
    const { pool, fakes } = poolWith(1, { answer: counting, run: counting });
    const script = sh('#!/bin/sh\n. ./common.sh\naws s3 ls\n');
    expect(pool.answered(script)).toBeUndefined(); // not announced
    pool.prefetch(script);
    await flush();
    let seen: unknown;
    void pool.answered(script)!.then((value) => (seen = value));
    await flush();
    expect(seen).toBeUndefined(); // nobody has run it: answered() runs nothing itself
    const id = fakes[0]!.claim()!;
    expect(id).toBeDefined(); // and left it free for the worker
    await fakes[0]!.finish(id);
    await flush();
    expect(seen).toEqual(await runInProcess(script));
    expect(await pool.analyse(script)).toEqual(seen);
    expect(calls).toEqual([script.text]);
    expect(pool.counts).toEqual({ main: 0, workers: 1 });
  });

  it('starts one worker per core beside the main thread, at most 3; DEPLOY_GUARD_THREADS counts all threads', () => {
    expect(workerCount({}, 1)).toBe(0);
    expect(workerCount({}, 2)).toBe(1);
    expect(workerCount({}, 64)).toBe(3);
    expect(workerCount({ DEPLOY_GUARD_THREADS: '1' }, 8)).toBe(0);
    expect(workerCount({ DEPLOY_GUARD_THREADS: '6' }, 2)).toBe(5);
    expect(workerCount({ DEPLOY_GUARD_THREADS: 'many' }, 2)).toBe(1);
    expect(workerCount({ DEPLOY_GUARD_THREADS: '0' }, 2)).toBe(1);
    expect(workerCount({ DEPLOY_GUARD_THREADS: '99' }, 2)).toBe(1);
  });

  it('starts workers by default only for a large run, and from 64 analyses when DEPLOY_GUARD_THREADS asks for them', () => {
    expect(largeRun({})).toBe(500);
    expect(largeRun({ DEPLOY_GUARD_THREADS: '3' })).toBe(64);
    expect(largeRun({ DEPLOY_GUARD_THREADS: '1' })).toBe(500); // no worker to start
    expect(largeRun({ DEPLOY_GUARD_THREADS: 'many' })).toBe(500); // the default, with a warning
    expect(largeRun({ DEPLOY_GUARD_THREADS: ' ' })).toBe(500);
  });

  it('names a DEPLOY_GUARD_THREADS that is not a thread count, and says what it does instead', () => {
    expect(threadsProblem({})).toBeUndefined();
    expect(threadsProblem({ DEPLOY_GUARD_THREADS: ' 3 ' })).toBeUndefined();
    expect(threadsProblem({ DEPLOY_GUARD_THREADS: 'many' })).toBe(
      'DEPLOY_GUARD_THREADS="many" is not a number of threads from 1 to 16; using one per core (at most 4). Set it to 1 to analyse on the main thread only.',
    );
    expect(threadsProblem({ DEPLOY_GUARD_THREADS: '0' })).toMatch(/^DEPLOY_GUARD_THREADS="0" is not/);
  });
});
