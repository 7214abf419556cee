// Runs the bundled action exactly as the GitHub runner does: node dist/index.js with INPUT_* and GITHUB_* variables.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DIST_INDEX = resolve(import.meta.dirname, '../../dist/index.js');
export const DIST_CLI = resolve(import.meta.dirname, '../../dist/cli.js');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  report: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  sarif: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface ActionRunOptions {
  workspace: string;
  eventName: string;
  event?: unknown;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  repository?: string;
}

/** Parses the GITHUB_OUTPUT file format (name<<delimiter ... delimiter). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name!] = value.join('\n');
  }
  return outputs;
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const temp = mkdtempSync(join(tmpdir(), 'dg-runner-'));
  const eventPath = join(temp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.event ?? {}));
  const outputFile = join(temp, 'output');
  const summaryFile = join(temp, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs = { 'github-token': 'test-token', ...options.inputs };
  const env: Record<string, string> = {
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
  const child = spawn(process.execPath, [DIST_INDEX], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((done) => child.on('close', (exit) => done(exit ?? -1)));
  const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
  const readJson = (path: string | undefined) => (path && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
  return { code, stdout, stderr, outputs, summary: readFileSync(summaryFile, 'utf8'), report: readJson(outputs['report-file']), sarif: readJson(outputs['sarif-file']) };
}
