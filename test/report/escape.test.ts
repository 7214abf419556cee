import { describe, expect, it } from 'vitest';
import {
  clip,
  code,
  escapeAnnotationData,
  escapeAnnotationProperty,
  escapeHtml,
  escapeMarkdown,
  neutraliseCommand,
  neutraliseCommands,
  plainText,
} from '../../src/report/escape.js';
import { HOSTILE, outputLines } from './fixtures.js';

const startsCommand = (line: string): boolean => /^\s*(::|##\[)/.test(line);

describe('escapeMarkdown', () => {
  it('backslash-escapes Markdown punctuation and turns & < > $ into entities', () => {
    expect(escapeMarkdown('a\\b*c_d`e[f]g|h#i!j~k')).toBe('a\\\\b\\*c\\_d\\`e\\[f\\]g\\|h\\#i\\!j\\~k');
    expect(escapeMarkdown('<img src=x onerror=alert(1)> & $HOME $PATH')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; &amp; &#36;HOME &#36;PATH',
    );
  });

  it('keeps the text on one line', () => {
    expect(escapeMarkdown('a\nb\r\nc\rd\te\u2028f')).toBe('a b c d e f');
  });

  it('neutralises @mentions, team mentions and issue references', () => {
    const out = escapeMarkdown('cc @org/team and @octocat, see #12');
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
    expect(out).toContain('@\u200Borg/team');
    expect(out).not.toMatch(/#\d/);
  });

  it('shows bidi controls as \\u202E instead of applying them', () => {
    const out = escapeMarkdown('evil\u202Etxt.sh \u2066x\u2069');
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(out).toContain('\\\\u202E'); // the backslash itself is escaped for Markdown, renders as \u202E
    expect(plainText('a\u202Eb')).toBe('a\\u202Eb');
  });

  it('shows control characters, ESC included, instead of passing them through', () => {
    expect(plainText('\u001B[31mred\u0007\u009B')).toBe('\\u001B[31mred\\u0007\\u009B');
  });
});

describe('escapeHtml', () => {
  it('escapes entities and quotes, and keeps one line so the HTML block cannot end early', () => {
    expect(escapeHtml(`<b a="1" b='2'>&</b>\n\n# heading`)).toBe(
      '&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&lt;/b&gt;  # heading',
    );
    expect(escapeHtml('@org/team')).toBe('@\u200Borg/team');
  });
});

describe('code', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('``x``')).toBe('``` ``x`` ```');
    expect(code('plain')).toBe('`plain`');
  });

  it('pads text that starts or ends with a space so it is not trimmed', () => {
    expect(code(' x ')).toBe('`  x  `');
  });

  it('escapes pipes only for table cells and never spans lines', () => {
    expect(code('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(code('a|b')).toBe('`a|b`');
    expect(code('a\nb')).toBe('`a b`');
  });
});

describe('neutraliseCommand', () => {
  it('defuses a leading :: and the legacy ##[ form, also after indentation', () => {
    expect(startsCommand(neutraliseCommand('::error::x'))).toBe(false);
    expect(startsCommand(neutraliseCommand('   ::set-output name=a::b'))).toBe(false);
    expect(startsCommand(neutraliseCommand('##[error]x'))).toBe(false);
    expect(neutraliseCommand('a ::b')).toBe('a ::b');
  });

  it('defuses every line of multi-line text, whatever the line ending', () => {
    const out = neutraliseCommands(HOSTILE.message);
    for (const line of outputLines(out)) expect(startsCommand(line)).toBe(false);
    expect(out.split('\r').length).toBe(HOSTILE.message.split('\r').length);
  });
});

describe('annotation escaping (as @actions/core)', () => {
  it('escapes % CR LF in data and additionally : , in properties', () => {
    expect(escapeAnnotationData('100%\r\n::x')).toBe('100%25%0D%0A::x');
    expect(escapeAnnotationProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
});

describe('clip', () => {
  it('cuts on code points and marks the cut', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab', 4)).toBe('ab');
    expect(clip('😀😀😀', 2)).toBe('😀…');
  });
});
