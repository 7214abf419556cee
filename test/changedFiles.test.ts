// The entry point (re-execution on Node 22+) and the action (early worker threads) both size a pull request by
// what its event states; an event that states nothing usable sizes it as unknown, never as large.
import { describe, expect, it } from 'vitest';
import { statedChangedFiles } from '../src/changedFiles.js';

describe('statedChangedFiles', () => {
  it("reads pull_request.changed_files as GitHub states it", () => {
    expect(statedChangedFiles({ pull_request: { number: 7, changed_files: 0 } })).toBe(0);
    expect(statedChangedFiles({ pull_request: { changed_files: 5081 } })).toBe(5081);
  });

  it('states nothing for other events and for a count that is not a number of files', () => {
    for (const payload of [undefined, null, 'x', {}, { pull_request: null }, { pull_request: {} }, { schedule: '0 6 * * *' }]) expect(statedChangedFiles(payload)).toBeUndefined();
    for (const count of ['5081', -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, null]) expect(statedChangedFiles({ pull_request: { changed_files: count } })).toBeUndefined();
  });
});
