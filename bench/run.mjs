// npm run bench: how fast deploy-guard is on a large infrastructure monorepo, against the floor (reading
// and parsing the same files) and against ShellCheck over the same scripts, and what AWS evidence costs.
//
//   node bench/run.mjs                       everything at scale 1 (3,000 .tf files, 1,500 scripts, 500 merges)
//   node bench/run.mjs --scale 0.1           a quick run on a tenth of the repository
//   node bench/run.mjs --only typical,cold   some parts: worst, typical, cached, cold, floor, shellcheck, aws
//   options: --runs 5 --warmup 1 --shellcheck-runs 1 --seed 7 --no-build --json <file>
//            --threads 1   (DEPLOY_GUARD_THREADS for the action: 1 = the main thread only)
//            --aws-amis 1000 --aws-regions 4 --aws-delay 50
//
// Every Node process is timed from spawn to exit (wall clock) and its peak RSS is read from getrusage at
// exit (a preloaded hook; for the action on Node 22+, the larger peak of its two processes and the sum of
// their CPU); ShellCheck's through /usr/bin/time, else by sampling /proc/<pid>/status. On Node 22+ the floor
// runs with the flags of the action's parsing process (--liftoff-only …, src/reexec.ts), as the action's
// parsers run there; the floor with V8's optimising compiler is printed beside it for comparison.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setInterval, clearInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_DIR, DEFAULT_SEED, generateRepo } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SNAPSHOT = join(BENCH_DIR, 'snapshot');
const BUILD = join(SNAPSHOT, 'bench-build');
const PARTS = ['worst', 'typical', 'cached', 'cold', 'floor', 'shellcheck', 'aws'];

export const TARGETS = {
  worstOverFloor: 1.5,
  shellcheckOverAction: 10,
  typicalMs: 1000,
  coldMs: 300,
  rssMb: 300,
  awsEc2Calls: 40,
  awsMs: 3000,
};

function parseArgs(argv) {
  const options = { scale: 1, runs: 5, warmup: 1, shellcheckRuns: 1, seed: DEFAULT_SEED, build: true, only: PARTS, json: undefined, awsAmis: 1000, awsRegions: 4, awsDelay: 50, threads: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${flag} needs a value`);
      return value;
    };
    if (flag === '--scale') options.scale = Number(next());
    else if (flag === '--runs') options.runs = Math.max(1, Number(next()));
    else if (flag === '--warmup') options.warmup = Math.max(0, Number(next()));
    else if (flag === '--shellcheck-runs') options.shellcheckRuns = Math.max(1, Number(next()));
    else if (flag === '--seed') options.seed = Number(next());
    else if (flag === '--no-build') options.build = false;
    else if (flag === '--json') options.json = resolve(next());
    else if (flag === '--aws-amis') options.awsAmis = Number(next());
    else if (flag === '--aws-regions') options.awsRegions = Number(next());
    else if (flag === '--aws-delay') options.awsDelay = Number(next());
    else if (flag === '--threads') options.threads = next();
    else if (flag === '--only') {
      options.only = next().split(',').map((part) => part.trim());
      const unknown = options.only.filter((part) => !PARTS.includes(part));
      if (unknown.length > 0) throw new Error(`--only: unknown part(s) ${unknown.join(', ')}; parts are ${PARTS.join(', ')}`);
    } else if (flag === '--help' || flag === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(0, 10).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown option ${flag}`);
  }
  if (!(options.scale > 0)) throw new Error('--scale must be a positive number');
  return options;
}

// ---------------------------------------------------------------------------------------------------
// Building: the action's bundle as shipped, and the benchmark's own small bundles

/**
 * The benchmark measures one snapshot of the sources: src/, the build script, the runner and the
 * benchmark's own entries are copied under .bench/snapshot and built there with the project's own
 * scripts/build.mjs (dependencies resolve from the repository's node_modules above). Nothing another
 * build of dist/ does meanwhile can change what is measured.
 */
async function buildAll(options) {
  const snapshotIndex = join(SNAPSHOT, 'dist', 'index.js');
  if (options.build || !existsSync(snapshotIndex)) {
    process.stderr.write(`building a snapshot of the action in ${SNAPSHOT} (scripts/build.mjs) …\n`);
    rmSync(SNAPSHOT, { recursive: true, force: true });
    for (const path of ['src', 'scripts', 'grammars', 'test/support', 'bench/lib', 'examples/demo/runner.mjs', 'package.json', 'tsconfig.json']) {
      cpSync(join(ROOT, path), join(SNAPSHOT, path), { recursive: true });
    }
    execFileSync(process.execPath, [join(SNAPSHOT, 'scripts', 'build.mjs')], { cwd: SNAPSHOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } else process.stderr.write(`reusing the snapshot build in ${SNAPSHOT} (--no-build)\n`);
  const { build } = await import('esbuild');
  mkdirSync(BUILD, { recursive: true });
  await build({
    entryPoints: { floor: join(SNAPSHOT, 'bench', 'lib', 'floor.ts'), support: join(SNAPSHOT, 'bench', 'lib', 'support.ts') },
    outdir: BUILD,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
  });
}

// ---------------------------------------------------------------------------------------------------
// Measuring

/** examples/demo/runner.mjs of the snapshot (set once built). */
let runAction;

const RSS_HOOK = pathToFileURL(join(ROOT, 'bench', 'lib', 'rss.mjs')).href;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function rssProbe() {
  const dir = mkdtempSync(join(tmpdir(), 'dg-bench-rss-'));
  const file = join(dir, 'rss');
  return {
    env: { NODE_OPTIONS: `--import=${RSS_HOOK}`, DG_BENCH_RSS_FILE: file },
    /**
     * { rssKb, cpuMs } of the Node processes that exited: the largest peak, the sum of CPU times (NaN when none
     * wrote, or one line is cut off: a process died before its exit hook).
     */
    read() {
      let figures = { maxRssKb: NaN, cpuMs: NaN };
      try {
        const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
        if (lines.length > 0) figures = { maxRssKb: Math.max(...lines.map((line) => line.maxRssKb)), cpuMs: lines.reduce((sum, line) => sum + line.cpuMs, 0) };
      } catch {
        // missing or cut off: a process died before its exit hook
      }
      rmSync(dir, { recursive: true, force: true });
      return { rssKb: figures.maxRssKb, cpuMs: figures.cpuMs };
    },
  };
}

/** Runs `once` warm-up + runs times; medians of wall time and peak RSS, and the last run's details. */
async function measure(label, options, once) {
  const samples = [];
  let last;
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const sample = await once();
    if (i >= options.warmup) samples.push(sample);
    last = sample;
    process.stderr.write(`  ${label}: ${i < options.warmup ? 'warm-up' : `run ${i - options.warmup + 1}/${options.runs}`} ${sample.ms.toFixed(0)} ms (cpu ${Math.round(sample.cpuMs)} ms)${Number.isFinite(sample.rssKb) ? `, ${(sample.rssKb / 1024).toFixed(0)} MB` : ''}\n`);
  }
  const ms = samples.map((sample) => sample.ms);
  return {
    label,
    runs: samples.length,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    rssMb: median(samples.map((sample) => sample.rssKb / 1024)),
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
    details: last?.details,
  };
}

function pullRequestEvent(summary, branch) {
  // As in GitHub's payload (the entry point reads it to decide how to start; src/index.ts).
  const changedFiles = execFileSync('git', ['diff', '--name-only', '-z', `${summary.base}...${summary.branches[branch].head}`], { cwd: summary.branches[branch].dir, encoding: 'utf8', maxBuffer: 1 << 26 })
    .split('\0')
    .filter(Boolean).length;
  return {
    action: 'synchronize',
    number: 4242,
    pull_request: {
      number: 4242,
      changed_files: changedFiles,
      title: `bench: ${branch}`,
      body: 'Benchmark pull request.',
      user: { login: 'dana' },
      labels: [],
      head: { sha: summary.branches[branch].head, ref: `bench/${branch}` },
      base: { sha: summary.base, ref: 'main' },
    },
    repository: { name: 'infra', owner: { login: 'acme' } },
  };
}

/**
 * The analysis cache a team's pull requests restore: written by the scheduled audit of the default branch
 * (examples/workflows/audit.yml). The docs branch differs from the base only in documentation, so its audit
 * analyses every deploy-relevant file as the base has it. Not timed.
 */
async function fillAnalysisCache(summary, github) {
  const dir = join(BENCH_DIR, `analysis-cache-s${summary.scale}`);
  rmSync(dir, { recursive: true, force: true });
  const saved = join(dir, 'saved');
  const run = await runAction({
    workspace: summary.branches.docs.dir,
    eventName: 'schedule',
    event: { repository: { name: 'infra', owner: { login: 'acme' } } },
    inputs: { 'audit-issue': 'false', 'cache-dir': saved },
    env: { GITHUB_API_URL: github.url },
  });
  if (!existsSync(join(saved, 'deploy-guard-analyses.jsonl'))) throw new Error(`the audit wrote no analysis cache (exit ${run.code}):\n${run.stdout.slice(-2000)}`);
  let restores = 0;
  // Every measured run starts from the saved cache, as a job that restored it with actions/cache.
  return () => {
    const restored = join(dir, `run-${restores++}`);
    cpSync(saved, restored, { recursive: true });
    return restored;
  };
}

async function actionOnce(summary, branch, github, threads, cacheDir) {
  const probe = rssProbe();
  const event = pullRequestEvent(summary, branch);
  const inputs = cacheDir ? { 'cache-dir': cacheDir() } : {};
  const run = await runAction({
    workspace: summary.branches[branch].dir,
    eventName: 'pull_request',
    event,
    inputs,
    env: { GITHUB_API_URL: github.url, ...probe.env, ...(threads ? { DEPLOY_GUARD_THREADS: threads } : {}) },
  });
  // From the action's spawn to its exit; the runner's own work (the event file before, reading and parsing
  // the reports after: 60–80 ms for a PR of every file) is not the action's.
  const ms = run.wallMs;
  const { rssKb, cpuMs } = probe.read();
  const report = run.report;
  if (!report || !run.outputs.result) throw new Error(`the action did not produce a report (exit ${run.code}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  const internal = report.findings.filter((finding) => finding.id === 'DG901');
  return {
    ms,
    rssKb,
    cpuMs,
    details: {
      result: run.outputs.result,
      errors: Number(run.outputs.errors),
      warnings: Number(run.outputs.warnings),
      findings: report.findings.length,
      byRule: Object.fromEntries(Object.entries(report.findings.reduce((acc, finding) => ({ ...acc, [finding.id]: (acc[finding.id] ?? 0) + 1 }), {})).sort()),
      notEvaluated: report.notEvaluated.map((entry) => entry.what),
      internalErrors: internal.map((finding) => finding.message),
      engineMs: report.durationMs,
      notes: report.notes,
    },
  };
}

function nodeOnce(script, args, cwd, flags = []) {
  return new Promise((done, fail) => {
    const probe = rssProbe();
    const started = performance.now();
    // The environment the action gets from examples/demo/runner.mjs: a variable such as NODE_EXTRA_CA_CERTS (set on
    // some machines for a proxy) costs every Node process tens of milliseconds at start, and must not weigh on one side only.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...probe.env };
    const child = spawn(process.execPath, [...flags, script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const { rssKb, cpuMs } = probe.read();
      if (code !== 0) return fail(new Error(`${script} exited with ${code}: ${stderr.slice(-2000)}`));
      let details;
      try {
        details = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
      } catch {
        details = { stdout: stdout.slice(-500) };
      }
      done({ ms, rssKb, cpuMs, details });
    });
  });
}

function which(program) {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** A non-Node program: /usr/bin/time when present, else the peak of /proc/<pid>/status VmHWM, sampled. */
function programOnce(program, args, cwd) {
  return new Promise((done, fail) => {
    const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
    const dir = mkdtempSync(join(tmpdir(), 'dg-bench-time-'));
    const timeFile = join(dir, 'rss');
    const [command, commandArgs] = time ? [time, ['-f', '%M %U %S', '-o', timeFile, program, ...args]] : [program, args];
    const started = performance.now();
    const child = spawn(command, commandArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let peakKb = 0;
    let output = 0;
    child.stdout.on('data', (chunk) => (output += chunk.length));
    child.stderr.on('data', () => undefined);
    const sampler = time
      ? undefined
      : setInterval(() => {
          try {
            const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
            const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
            if (hwm > peakKb) peakKb = hwm;
          } catch {
            // exited
          }
        }, 10);
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (sampler) clearInterval(sampler);
      const [rss, user, system] = time && existsSync(timeFile) ? (readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number) : [peakKb || NaN, NaN, NaN];
      rmSync(dir, { recursive: true, force: true });
      done({ ms, rssKb: rss, cpuMs: (user + system) * 1000, details: { exitCode: code, outputBytes: output } });
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// AWS: the audit over a large estate against the loopback server, every call delayed

function callSummary(calls) {
  const sum = (apis) => apis.reduce((total, api) => total + (calls[api] ?? 0), 0);
  return {
    calls: Object.fromEntries(Object.entries(calls).sort()),
    ec2Calls: sum(['DescribeImages', 'DescribeInstances', 'DescribeLaunchTemplateVersions']),
    ssmCalls: sum(['GetParameter', 'GetParameterHistory', 'SendCommand', 'GetCommandInvocation']),
    stsCalls: sum(['GetCallerIdentity', 'AssumeRole']),
  };
}

async function awsBench(options, github, support) {
  const scenario = support.awsScenario({ amis: options.awsAmis, regions: options.awsRegions, delayMs: options.awsDelay });
  const base = { amis: scenario.amis, regions: scenario.regions.length, instances: scenario.instances, delayMs: options.awsDelay };
  const workspace = join(BENCH_DIR, 'aws-workspace');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(join(workspace, '.github'), { recursive: true });
  writeFileSync(join(workspace, '.github', 'deploy-guard.yml'), scenario.config);
  writeFileSync(join(workspace, 'README.md'), '# estate\n');
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: workspace });
  execFileSync('git', ['add', '-A'], { cwd: workspace });
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@acme.example', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'estate'], { cwd: workspace });

  // 1. The audit, as the scheduled workflow runs it.
  let loopback = await support.startAwsLoopback(scenario.state);
  let audit;
  try {
    const probe = rssProbe();
    const run = await runAction({
      workspace,
      eventName: 'schedule',
      event: { schedule: '0 6 * * *' },
      inputs: { 'audit-issue': 'false' },
      env: { ...loopback.env, GITHUB_API_URL: github.url, ...probe.env },
    });
    const { wallMs } = run;
    const usage = probe.read();
    audit = { wallMs, rssMb: usage.rssKb / 1024, cpuMs: usage.cpuMs, ...callSummary(loopback.calls), result: run.outputs.result, findings: run.report?.findings?.length, notEvaluated: run.report?.notEvaluated?.map((entry) => `${entry.what}: ${entry.reason}`) ?? [] };
    process.stderr.write(`  AWS audit through the action: ${Math.round(wallMs)} ms, ${audit.ec2Calls} EC2 + ${audit.ssmCalls} SSM + ${audit.stsCalls} STS calls, result ${audit.result}\n`);
  } finally {
    await loopback.close();
  }
  if (audit.ec2Calls + audit.ssmCalls > 0) return { what: 'audit through the bundled action', ...base, ...audit };

  // 2. The audit reads no AWS (the soak family's audit has not landed): the adapter layer directly.
  loopback = await support.startAwsLoopback(scenario.state);
  const saved = { ...process.env };
  Object.assign(process.env, loopback.env);
  try {
    const adapters = await support.adapterAudit(scenario);
    const figure = { what: 'AWS adapters directly', ...base, wallMs: adapters.wallMs, ...callSummary(loopback.calls), live: adapters.live, described: adapters.described };
    figure.note = `The audit made no AWS call (${audit.result}; not evaluated: ${audit.notEvaluated.join('; ') || 'nothing'}): the figures are the adapter layer's, reading what an audit reads (per environment and region the SSM parameter history, the launch template and the tagged instances, then DescribeImages for the ${adapters.live} live AMI(s) found), in-process.`;
    process.stderr.write(`  AWS adapters: ${Math.round(adapters.wallMs)} ms, ${figure.ec2Calls} EC2 + ${figure.ssmCalls} SSM calls\n`);
    return figure;
  } finally {
    for (const key of Object.keys(loopback.env)) if (saved[key] === undefined) delete process.env[key];
    Object.assign(process.env, saved);
    await loopback.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Report

const fmtMs = (ms) => (Number.isFinite(ms) ? (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`) : 'n/a');
const fmtMb = (mb) => (Number.isFinite(mb) ? `${Math.round(mb)} MB` : 'n/a');
const mark = (ok) => (ok === undefined ? '–' : ok ? 'met' : 'MISSED');

export function machine() {
  const shellcheck = which('shellcheck');
  return {
    nproc: Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()) || cpus().length,
    model: cpus()[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    freeGiB: Math.round((freemem() / 1024 ** 3) * 10) / 10,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    node: process.version,
    git: spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim(),
    shellcheck: shellcheck ? (/version: (\S+)/.exec(spawnSync(shellcheck, ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? 'installed') : undefined,
  };
}

function printReport(result) {
  const { summary, options, figures, host } = result;
  const lines = [];
  const f = summary.files;
  lines.push('');
  lines.push(`deploy-guard benchmark: scale ${summary.scale} (seed ${summary.seed}): ${f.total} files, ${f.tf} .tf + ${f.tfvars} .tfvars in ${f.roots} roots and ${f.modules} modules, ${f.scripts} scripts, ${f.appspecs} appspec.yml, ${f.manifests} manifests, ${summary.merges} merge commits, ${(f.bytes / 1024 / 1024).toFixed(1)} MB`);
  lines.push(`machine: ${host.nproc} × ${host.model}, ${host.memoryGiB} GiB, Node ${host.node}, ${host.git}, ShellCheck ${host.shellcheck ?? 'not installed'}; load average at start ${host.loadAverage.join(' ')}`);
  if (host.loadAverage[0] > host.nproc * 0.5) lines.push(`WARNING: the machine was busy when the benchmark started (load ${host.loadAverage[0]} on ${host.nproc} CPUs): wall times are inflated; CPU times less so.`);
  lines.push(`medians of ${options.runs} run(s) after ${options.warmup} warm-up(s)${figures.shellcheck ? `; ShellCheck ${options.shellcheckRuns} run(s)` : ''}${options.threads ? `; DEPLOY_GUARD_THREADS=${options.threads}` : ''}`);
  lines.push('');
  const rows = [['', 'median', 'min', 'max', 'CPU', 'peak RSS', 'outcome']];
  const row = (name, figure, outcome) => rows.push([name, fmtMs(figure.medianMs), fmtMs(figure.minMs), fmtMs(figure.maxMs), fmtMs(figure.cpuMs), fmtMb(figure.rssMb), outcome]);
  const outcome = (details) => (details ? `${details.result}: ${details.errors} error(s), ${details.warnings} warning(s)${details.internalErrors?.length ? `, ${details.internalErrors.length} INTERNAL ERROR(S)` : ''}` : '');
  if (figures.worst) row('action, every file changed (worst case)', figures.worst, outcome(figures.worst.details));
  if (figures.typical) row(`action, typical PR (${summary.typicalFiles.length} files)`, figures.typical, outcome(figures.typical.details));
  if (figures.cached) row(`action, typical PR, analysis cache restored`, figures.cached, outcome(figures.cached.details));
  if (figures.cold) row('action, no deploy-relevant change (cold start)', figures.cold, outcome(figures.cold.details));
  if (figures.floor) {
    const d = figures.floor.details;
    row(`floor: read + parse the same files${figures.floor.flags ? ` (${figures.floor.flags.join(' ')}, as the action)` : ''}`, figures.floor, `${d.terraform} HCL, ${d.bash} bash, ${d.yaml} YAML, ${d.json} JSON`);
  }
  if (figures.floorOptimised) row('floor with V8\'s optimising compiler (not the action\'s)', figures.floorOptimised, 'for comparison');
  if (figures.shellcheck) row(`ShellCheck over the ${f.scripts} scripts`, figures.shellcheck, `exit ${figures.shellcheck.details.exitCode}`);
  else if (options.only.includes('shellcheck')) rows.push(['ShellCheck', 'skipped: not installed (apt-get install shellcheck)', '', '', '', '', '']);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) lines.push(r.map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd());
  lines.push('');
  const targets = evaluateTargets(figures);
  result.targets = targets;
  for (const target of targets) lines.push(`${target.name.padEnd(44)} ${target.value.padStart(10)}   target ${target.target.padEnd(10)} ${mark(target.ok)}`);
  if (figures.worst && figures.floorOptimised) lines.push(`${'worst case / floor with the optimising compiler'.padEnd(44)} ${`${(figures.worst.medianMs / figures.floorOptimised.medianMs).toFixed(2)} ×`.padStart(10)}   (for comparison)`);
  if (figures.aws) {
    lines.push('');
    const a = figures.aws;
    lines.push(`AWS (${a.what}): ${a.amis} AMIs × ${a.regions} regions, ${a.delayMs} ms added to every call: ${fmtMs(a.wallMs)} wall`);
    lines.push(`  calls: ${Object.entries(a.calls).map(([api, n]) => `${api} ${n}`).join(', ')} (EC2 ${a.ec2Calls}, SSM ${a.ssmCalls}, STS ${a.stsCalls})`);
    if (a.note) lines.push(`  ${a.note}`);
  }
  for (const [name, figure] of Object.entries(figures)) {
    if (figure?.details?.internalErrors?.length) lines.push(`\n${name}: DG901 ${figure.details.internalErrors.join(' | ')}`);
    if (figure?.details?.notEvaluated?.length) lines.push(`${name}: not evaluated: ${figure.details.notEvaluated.join('; ')}`);
  }
  console.log(lines.join('\n'));
}

export function evaluateTargets(figures) {
  const targets = [];
  const ratio = (a, b) => (a && b ? a.medianMs / b.medianMs : undefined);
  const worstOverFloor = ratio(figures.worst, figures.floor);
  if (worstOverFloor !== undefined) targets.push({ name: 'worst case / floor', value: `${worstOverFloor.toFixed(2)} ×`, target: `≤ ${TARGETS.worstOverFloor} ×`, ok: worstOverFloor <= TARGETS.worstOverFloor, ratio: worstOverFloor });
  const shellcheckOverAction = ratio(figures.shellcheck, figures.worst);
  if (shellcheckOverAction !== undefined) targets.push({ name: 'ShellCheck / action (worst case)', value: `${shellcheckOverAction.toFixed(1)} ×`, target: `≥ ${TARGETS.shellcheckOverAction} ×`, ok: shellcheckOverAction >= TARGETS.shellcheckOverAction, ratio: shellcheckOverAction });
  if (figures.typical) targets.push({ name: 'typical PR wall', value: fmtMs(figures.typical.medianMs), target: `≤ ${fmtMs(TARGETS.typicalMs)}`, ok: figures.typical.medianMs <= TARGETS.typicalMs });
  if (figures.cached) targets.push({ name: 'typical PR wall, analysis cache restored', value: fmtMs(figures.cached.medianMs), target: `≤ ${fmtMs(TARGETS.typicalMs)}`, ok: figures.cached.medianMs <= TARGETS.typicalMs });
  if (figures.cold) targets.push({ name: 'cold start wall', value: fmtMs(figures.cold.medianMs), target: `≤ ${fmtMs(TARGETS.coldMs)}`, ok: figures.cold.medianMs <= TARGETS.coldMs });
  if (figures.worst) targets.push({ name: 'peak RSS, worst case', value: fmtMb(figures.worst.rssMb), target: `≤ ${TARGETS.rssMb} MB`, ok: figures.worst.rssMb <= TARGETS.rssMb });
  if (figures.aws) {
    targets.push({ name: `AWS EC2 calls (${figures.aws.amis} AMIs × ${figures.aws.regions} regions)`, value: String(figures.aws.ec2Calls), target: `≤ ${TARGETS.awsEc2Calls}`, ok: figures.aws.ec2Calls <= TARGETS.awsEc2Calls });
    targets.push({ name: 'AWS wall', value: fmtMs(figures.aws.wallMs), target: `≤ ${fmtMs(TARGETS.awsMs)}`, ok: figures.aws.wallMs <= TARGETS.awsMs });
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const wants = (part) => options.only.includes(part);
  const host = machine();
  const summary = generateRepo({ scale: options.scale, seed: options.seed, log: (line) => process.stderr.write(`${line}\n`) });
  if (summary.reused) process.stderr.write(`reusing ${summary.dir}\n`);
  await buildAll(options);
  // The runner of examples/demo, from the snapshot: it runs the snapshot's dist/index.js.
  ({ runAction } = await import(pathToFileURL(join(SNAPSHOT, 'examples', 'demo', 'runner.mjs')).href));
  const support = await import(pathToFileURL(join(BUILD, 'support.mjs')).href);
  const github = await support.startGitHubLoopback({});
  const figures = {};
  try {
    if (wants('worst')) figures.worst = await measure('action, worst case', options, () => actionOnce(summary, 'everything', github, options.threads));
    if (wants('typical')) figures.typical = await measure('action, typical PR', options, () => actionOnce(summary, 'typical', github, options.threads));
    if (wants('cached')) {
      const restore = await fillAnalysisCache(summary, github);
      figures.cached = await measure('action, typical PR, analysis cache restored', options, () => actionOnce(summary, 'typical', github, options.threads, restore));
    }
    if (wants('cold')) figures.cold = await measure('action, cold start', options, () => actionOnce(summary, 'docs', github, options.threads));
    if (wants('floor')) {
      // On Node 22+ the action parses in a second process started with these flags (src/reexec.ts), and so
      // does the floor: the parsers compiled as the action runs them. V8's optimising compiler, which that
      // process goes without (it costs about 500 MB, and the exit waits for it), is measured beside it.
      const flags = Number(process.versions.node.split('.')[0]) >= 22 ? support.secondProcessFlags({}, []) : [];
      figures.floor = await measure('floor', options, () => nodeOnce(join(BUILD, 'floor.mjs'), [summary.branches.everything.dir], ROOT, flags));
      if (flags.length > 0) {
        figures.floor.flags = flags;
        figures.floorOptimised = await measure('floor, optimising compiler', options, () => nodeOnce(join(BUILD, 'floor.mjs'), [summary.branches.everything.dir], ROOT));
      }
    }
    if (wants('shellcheck')) {
      const shellcheck = which('shellcheck');
      if (!shellcheck) process.stderr.write('ShellCheck is not installed (apt-get install shellcheck): skipped.\n');
      else {
        const workspace = summary.branches.everything.dir;
        const scripts = execFileSync('git', ['ls-files', '*.sh'], { cwd: workspace, encoding: 'utf8' }).split('\n').filter(Boolean);
        figures.shellcheck = await measure('ShellCheck', { runs: options.shellcheckRuns, warmup: 0 }, () => programOnce(shellcheck, ['-f', 'gcc', ...scripts], workspace));
      }
    }
    if (wants('aws')) figures.aws = await awsBench(options, github, support);
  } finally {
    await github.close();
  }
  const result = { when: new Date().toISOString(), host: { ...host, loadAverageAtEnd: loadavg().map((value) => Math.round(value * 100) / 100) }, options: { ...options, json: undefined }, summary, figures };
  printReport(result);
  const out = options.json ?? join(BENCH_DIR, `results-s${options.scale}.json`);
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`\nfigures written to ${out}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
