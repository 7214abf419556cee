// What a pull_request event states about its size. No imports: the entry point reads it before it loads the action.

/** The number of changed files a pull_request event payload states (`pull_request.changed_files`), if it states one. */
export function statedChangedFiles(payload: unknown): number | undefined {
  const count = (payload as { pull_request?: { changed_files?: unknown } } | null)?.pull_request?.changed_files;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
}
