// Shared start-up for the action and the CLI: configuration, mode, context. Everything here is the user's input.
import { readFile } from 'node:fs/promises';
import { ConfigurationError } from './config/errors.js';
import { parseConfig } from './config/load.js';
import { buildSettings, type Inputs, type Settings } from './config/settings.js';
import { normalisePath, readRepoFile } from './facts/workspace.js';
import type { EventInfo } from './facts/context.js';
import { createGitHubApi, type GitHubApi } from './facts/github.js';
import { USER_AGENT } from './version.js';
import type { Mode } from './model.js';
import { findRule } from './rules/index.js';

const EVENT_MODES: Record<string, Mode> = {
  pull_request: 'pr',
  pull_request_target: 'pr',
  merge_group: 'pr',
  schedule: 'audit',
  workflow_dispatch: 'preflight',
};

export function modeFor(inputs: Inputs, eventName: string): Mode {
  if (inputs.mode !== 'auto') return inputs.mode;
  const mode = EVENT_MODES[eventName];
  if (!mode) {
    throw new ConfigurationError(
      `Cannot pick a mode for the "${eventName}" event.`,
      'Set the "mode" input to pr, audit or preflight, or run on pull_request, merge_group, schedule or workflow_dispatch.',
    );
  }
  return mode;
}

/** Loads the configuration file (if any) and merges the inputs. Throws ConfigurationError naming file and line. */
export async function loadSettings(workspace: string, inputs: Inputs, explicitConfig: boolean): Promise<Settings> {
  const path = normalisePath(inputs.config);
  if (path === undefined || path === '') {
    throw new ConfigurationError(`Input "config" must be a path inside the repository; got "${inputs.config}".`);
  }
  const read = await readRepoFile(workspace, path, 256 * 1024);
  if (!read.ok) {
    if (read.reason === 'missing' && !explicitConfig) return buildSettings(undefined, undefined, inputs, findRule);
    throw new ConfigurationError(`${path}: ${read.detail}.`, read.reason === 'missing' ? `Create ${path} or point the "config" input at your configuration.` : `Make ${path} a small UTF-8 YAML file.`);
  }
  return buildSettings(parseConfig(read.text, path), path, inputs, findRule);
}

export async function readEvent(name: string, path: string | undefined, repository: string | undefined): Promise<EventInfo> {
  let payload: Record<string, unknown> = {};
  if (path) {
    try {
      payload = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigurationError(`Cannot read the event payload at ${path}: ${(error as Error).message}`);
    }
  }
  const [owner, repo] = (repository ?? '').split('/');
  return { name, payload, ...(owner && repo ? { repository: { owner, repo } } : {}) };
}

/** The GitHub client when a token and a repository are known; otherwise GitHub-backed facts cannot be read. */
export function githubFor(inputs: Inputs, event: EventInfo, apiUrl: string | undefined, log?: (message: string) => void): GitHubApi | undefined {
  if (!inputs.githubToken || !event.repository) return undefined;
  return createGitHubApi({ token: inputs.githubToken, ...event.repository, ...(apiUrl ? { baseUrl: apiUrl } : {}), userAgent: USER_AGENT, ...(log ? { log } : {}) });
}
