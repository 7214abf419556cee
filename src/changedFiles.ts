// What a pull_request event states about its size, read before the event's other facts (main.ts).

/** The number of changed files a pull_request event payload states (`pull_request.changed_files`), if it states one. */
export function statedChangedFiles(payload: unknown): number | undefined {
  const count = (payload as { pull_request?: { changed_files?: unknown } } | null)?.pull_request?.changed_files;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
}
