// Runs the bundled action exactly as the GitHub runner does: `node dist/index.js` with INPUT_* and
// GITHUB_* variables, an event payload file, and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const DIST_INDEX = join(root, 'dist', 'index.js');
export const DIST_CLI = join(root, 'dist', 'cli.js');

/** Parses the GITHUB_OUTPUT file format (name<<delimiter … delimiter). */
export function parseOutputFile(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

/**
 * @param {{ workspace: string, eventName: string, event?: unknown, inputs?: Record<string,string>,
 *           env?: Record<string,string>, repository?: string }} options
 */
export async function runAction(options) {
  const temp = mkdtempSync(join(tmpdir(), 'dg-runner-'));
  const eventPath = join(temp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.event ?? {}));
  const outputFile = join(temp, 'output');
  const summaryFile = join(temp, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs = { 'github-token': 'test-token', ...options.inputs };
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: options.repository ?? 'acme/infra',
    GITHUB_RUN_ID: '42',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: temp,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])),
    ...options.env,
  };
  const spawned = performance.now();
  const child = spawn(process.execPath, [DIST_INDEX], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const code = await new Promise((done) => child.on('close', (exit) => done(exit ?? -1)));
  const wallMs = performance.now() - spawned;
  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
  const readJson = (path) => (path && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
  return {
    code,
    /** From the spawn of `node dist/index.js` to its exit: the action's own time, without this runner's files. */
    wallMs,
    stdout,
    stderr,
    outputs,
    summary: readFileSync(summaryFile, 'utf8'),
    summaryFile,
    report: readJson(outputs['report-file']),
    sarif: readJson(outputs['sarif-file']),
  };
}
