// The report's notes come from facts that run concurrently: their order must not depend on which finished first.
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/facts/context.js';

describe('the journal', () => {
  it('lists notes topic by topic in a fixed order, each topic in the order written, each text once', () => {
    const early = new Journal();
    early.note('soak', 'soak 1');
    early.note('promotion', 'promotion 1');
    early.note('scripts', 'scripts 1');
    early.note('soak', 'soak 2');
    early.note('scripts', 'scripts 2');
    early.note('live-amis', 'soak 1'); // the same text from another fact is not repeated
    const late = new Journal();
    late.note('scripts', 'scripts 1');
    late.note('scripts', 'scripts 2');
    late.note('soak', 'soak 1');
    late.note('soak', 'soak 2');
    late.note('promotion', 'promotion 1');
    expect(early.notes).toEqual(['scripts 1', 'scripts 2', 'promotion 1', 'soak 1', 'soak 2']);
    expect(late.notes).toEqual(early.notes);
  });
});
