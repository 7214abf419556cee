// A loop that reads files while git works beside it takes git's answer when it comes, and a failure as "no answer".
import { describe, expect, it } from 'vitest';
import { Beside } from '../../src/facts/beside.js';

describe('Beside', () => {
  it('has a value given at once, the answer of a promise once it settles, and the fallback when it fails', async () => {
    expect(new Beside(3, 0).value).toBe(3);
    let answer!: (value: number) => void;
    const late = new Beside(new Promise<number>((resolve) => (answer = resolve)), 0);
    expect(late.value).toBeUndefined();
    answer(7);
    await Promise.resolve();
    expect(late.value).toBe(7);
    const failed = new Beside(Promise.reject(new Error('no git')), 0);
    await Promise.resolve();
    expect(failed.value).toBe(0);
  });

  it('lets an answer that comes with an event in, every 32 items of a loop that only awaits microtasks', async () => {
    const beside = new Beside(new Promise<string>((resolve) => setImmediate(() => resolve('answer'))), '');
    const seen: (string | undefined)[] = [];
    for (let index = 0; index < 64; index++) {
      await beside.poll(index);
      seen.push(beside.value);
    }
    // Items 0-30 go on without it; the turn taken before item 31 lets it in.
    expect(seen.slice(0, 31).every((value) => value === undefined)).toBe(true);
    expect(seen.slice(31).every((value) => value === 'answer')).toBe(true);
  });
});
