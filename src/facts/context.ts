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

/** Who wrote a note: the report lists them topic by topic in this order. */
const NOTE_TOPICS = ['scripts', 'promotion', 'soak', 'live-amis'] as const;
export type NoteTopic = (typeof NOTE_TOPICS)[number];

export class Journal {
  private readonly byTopic = new Map<NoteTopic, string[]>();
  private readonly written = new Set<string>();
  readonly evidence: Evidence[] = [];
  /**
   * The notes, topic by topic in a fixed order, each topic's in the order they were written. Facts run
   * concurrently and finish in an order that depends on timing (and on the number of threads): the report
   * must not.
   */
  get notes(): string[] {
    return NOTE_TOPICS.flatMap((topic) => this.byTopic.get(topic) ?? []);
  }
  note(topic: NoteTopic, text: string): void {
    if (this.written.has(text)) return;
    this.written.add(text);
    const notes = this.byTopic.get(topic) ?? [];
    notes.push(text);
    this.byTopic.set(topic, notes);
  }
  record(evidence: Evidence): void {
    this.evidence.push(evidence);
  }
}
