export interface ActionRunOptions {
  workspace: string;
  eventName: string;
  event?: unknown;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  repository?: string;
}
export interface ActionRun {
  code: number;
  /** Milliseconds from the spawn of `node dist/index.js` to its exit. */
  wallMs: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  summaryFile: string;
  report: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  sarif: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
export declare const DIST_INDEX: string;
export declare const DIST_CLI: string;
export declare function parseOutputFile(text: string): Record<string, string>;
export declare function runAction(options: ActionRunOptions): Promise<ActionRun>;
