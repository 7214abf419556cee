// The analysis cache gives back exactly what was put in, only to the build that wrote it, and treats
// everything it cannot read as absent: a run with a damaged cache analyses again, it never reads less.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalysisCache, CACHE_FILE } from '../../src/parse/analysisCache.js';
import { analyseAppspec } from '../../src/parse/appspec.js';
import { analyseShell } from '../../src/parse/shell.js';
import { analyseTerraform } from '../../src/parse/terraform.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dg-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ROOT = join(import.meta.dirname, '..', '..');
const KIND = 'terraform\u0000terraform';
const analysis = (ami: string) => ({ amis: [{ ami, line: 2, column: 9, attribute: 'image_id', context: 'terraform' }], modules: [], parseErrors: [] });

function filesUnder(root: string, test: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, test));
    else if (test(name)) out.push(path);
  }
  return out;
}

describe('AnalysisCache', () => {
  it('gives back what a run put in to the next run of the same build, and counts it', () => {
    const first = new AnalysisCache(dir, 'build-1');
    expect(first.get(KIND, 'text a')).toBeUndefined();
    first.put(KIND, 'text a', analysis('ami-0aaaaaaaaaaaaaaa1'));
    first.put('shell\u0000{}', 'text a', { commands: [] });
    first.save();
    expect(first.counts).toEqual({ read: 0, added: 2, unreadable: 0 });

    const second = new AnalysisCache(dir, 'build-1');
    expect(second.has(KIND, 'text a')).toBe(true);
    expect(second.get(KIND, 'text a')).toEqual(analysis('ami-0aaaaaaaaaaaaaaa1'));
    // the kind and the options are part of the key: the same text of another kind is another analysis
    expect(second.get('shell\u0000{}', 'text a')).toEqual({ commands: [] });
    expect(second.get('shell\u0000{"path":["/usr/bin"]}', 'text a')).toBeUndefined();
    expect(second.get(KIND, 'text b')).toBeUndefined();
    second.put(KIND, 'text b', analysis('ami-0bbbbbbbbbbbbbbb2'));
    second.save();
    expect(second.counts).toEqual({ read: 2, added: 1, unreadable: 0 });
    // appended: both runs' analyses are there
    const third = new AnalysisCache(dir, 'build-1');
    expect(third.get(KIND, 'text a')).toEqual(analysis('ami-0aaaaaaaaaaaaaaa1'));
    expect(third.get(KIND, 'text b')).toEqual(analysis('ami-0bbbbbbbbbbbbbbb2'));
  });

  it('reads nothing a different build wrote, and replaces it', () => {
    const old = new AnalysisCache(dir, 'build-1');
    old.put(KIND, 'text a', analysis('ami-0aaaaaaaaaaaaaaa1'));
    old.save();
    const next = new AnalysisCache(dir, 'build-2');
    expect(next.get(KIND, 'text a')).toBeUndefined();
    next.put(KIND, 'text b', analysis('ami-0bbbbbbbbbbbbbbb2'));
    next.save();
    const text = readFileSync(join(dir, CACHE_FILE), 'utf8');
    expect(JSON.parse(text.split('\n')[0]!)).toEqual({ deployGuardAnalysisCache: 1, build: 'build-2' });
    expect(text.split('\n').filter(Boolean)).toHaveLength(2);
    expect(new AnalysisCache(dir, 'build-1').get(KIND, 'text a')).toBeUndefined();
  });

  it('treats a damaged entry, a cut-off last line and a foreign file as absent, and rewrites them', () => {
    const cache = new AnalysisCache(dir, 'b');
    cache.put(KIND, 'good', analysis('ami-0aaaaaaaaaaaaaaa1'));
    cache.put(KIND, 'damaged', analysis('ami-0bbbbbbbbbbbbbbb2'));
    cache.save();
    const file = join(dir, CACHE_FILE);
    const damagedKey = cache.key(KIND, 'damaged');
    writeFileSync(file, readFileSync(file, 'utf8').replace(new RegExp(`^${damagedKey} .*$`, 'm'), `${damagedKey} {"amis":[{"ami":`));
    appendFileSync(file, `${cache.key(KIND, 'cut')} {"amis":[`); // a run that stopped while appending

    const reader = new AnalysisCache(dir, 'b');
    expect(reader.get(KIND, 'damaged')).toBeUndefined();
    expect(reader.get(KIND, 'cut')).toBeUndefined();
    expect(reader.get(KIND, 'good')).toEqual(analysis('ami-0aaaaaaaaaaaaaaa1'));
    expect(reader.counts).toEqual({ read: 1, added: 0, unreadable: 1 });
    reader.put(KIND, 'damaged', analysis('ami-0bbbbbbbbbbbbbbb2'));
    reader.save();
    const again = new AnalysisCache(dir, 'b');
    expect(again.get(KIND, 'damaged')).toEqual(analysis('ami-0bbbbbbbbbbbbbbb2'));
    expect(again.get(KIND, 'good')).toEqual(analysis('ami-0aaaaaaaaaaaaaaa1'));
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);

    writeFileSync(file, 'PK\u0003\u0004 not a cache\n');
    const foreign = new AnalysisCache(dir, 'b');
    expect(foreign.problem).toMatch(/is not an analysis cache of this version of deploy-guard; it is replaced/);
    expect(foreign.get(KIND, 'good')).toBeUndefined();
    foreign.save();
    expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!)).toEqual({ deployGuardAnalysisCache: 1, build: 'b' });
  });

  it('does not keep an analysis that records a failure of the run, not of the text', () => {
    const cache = new AnalysisCache(dir, 'b');
    cache.put(KIND, 'a', { amis: [], parseErrors: [{ line: 1, column: 1, message: 'internal error while analysing: out of memory' }] });
    cache.put(KIND, 'b', { amis: [], parseErrors: [{ line: 1, column: 1, message: 'HCL grammar unavailable: ENOENT' }] });
    cache.put('shell\u0000{}', 'c', { commands: [], parseErrors: [{ line: 1, column: 1, message: 'the bash parser returned no tree' }] });
    cache.put(KIND, 'd', { amis: [], parseErrors: [{ line: 3, column: 1, message: 'syntax error: missing "}"' }] });
    expect(cache.counts.added).toBe(1);
  });

  it('keeps only the analyses of the current run once the file outgrows its limit', () => {
    const first = new AnalysisCache(dir, 'b', 2000);
    for (let i = 0; i < 10; i++) first.put(KIND, `old ${i}`, analysis(`ami-0${String(i).repeat(16)}`));
    first.save();
    const second = new AnalysisCache(dir, 'b', 2000);
    expect(second.get(KIND, 'old 3')).toBeDefined();
    for (let i = 0; i < 10; i++) second.put(KIND, `new ${i}`, analysis(`ami-0${String(i).repeat(16)}`));
    second.save();
    const third = new AnalysisCache(dir, 'b', 2000);
    expect(third.get(KIND, 'old 3')).toBeDefined();
    expect(third.get(KIND, 'old 4')).toBeUndefined();
    expect(third.get(KIND, 'new 9')).toBeDefined();
    expect(statSync(join(dir, CACHE_FILE)).size).toBeLessThan(4000);
  });

  it('gives back analyses exactly as the parsers made them (a JSON round trip loses nothing)', async () => {
    const corpus = [join(ROOT, 'test', 'fixtures'), join(ROOT, 'examples')];
    const scripts = corpus.flatMap((d) => filesUnder(d, (n) => n.endsWith('.sh')));
    const terraform = corpus.flatMap((d) => filesUnder(d, (n) => /\.(tf|tfvars|hcl)$/.test(n)));
    const appspecs = corpus.flatMap((d) => filesUnder(d, (n) => /^appspec\.ya?ml$/.test(n)));
    expect(scripts.length + terraform.length + appspecs.length).toBeGreaterThan(30);
    const cache = new AnalysisCache(dir, 'b');
    const made: [string, string, unknown][] = [];
    for (const f of scripts) {
      const text = readFileSync(f, 'utf8');
      made.push(['shell', text, await analyseShell(text)], ['shell+path', text, await analyseShell(text, { path: ['/usr/bin', '/bin'] })]);
    }
    for (const f of terraform) made.push(['terraform', readFileSync(f, 'utf8'), await analyseTerraform(readFileSync(f, 'utf8'), { fileName: f })]);
    for (const f of appspecs) made.push(['appspec', readFileSync(f, 'utf8'), analyseAppspec(readFileSync(f, 'utf8'))]);
    for (const [kind, text, value] of made) cache.put(kind, text, value);
    cache.save();
    const reader = new AnalysisCache(dir, 'b');
    for (const [kind, text, value] of made) expect(reader.get(kind, text), `${kind} ${text.slice(0, 40)}`).toStrictEqual(value);
  });
});
