// What every adapter may know about the run: settings, workspace, event, clients. Built once by main/cli.
import type { Settings } from '../config/settings.js';
import type { Evidence, Mode } from '../model.js';
import type { GitHubApi } from './github.js';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

export interface EventInfo {
  name: string;
  payload: Record<string, unknown>;
  repository?: { owner: string; repo: string };
}

export interface RunContext {
  settings: Settings;
  mode: Mode;
  /** Absolute path of the checkout (GITHUB_WORKSPACE). */
  workspace: string;
  now: Date;
  event: EventInfo;
  /** Absent when no token was given: facts that need GitHub then cannot be evaluated. */
  github?: GitHubApi;
  /** Explicit revisions (CLI); otherwise they come from the event. */
  revisions?: { base: string; head?: string };
  log: Logger;
  version: string;
  /** Statements for the report that belong to no single finding (what a source showed, what was skipped). */
  journal: Journal;
}

export class Journal {
  readonly notes: string[] = [];
  readonly evidence: Evidence[] = [];
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
  record(evidence: Evidence): void {
    this.evidence.push(evidence);
  }
}
