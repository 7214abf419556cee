// imageProblems keeps only the checks that fail and looks bare names up by folder, not by a path built per
// folder. This compares it, on generated scripts and inventories, with the plain definition of each verdict.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeployScript, DeployScripts, ImageInventories, ImageInventory, ScriptCommand } from '../../../src/facts/binaryFacts.js';
import { guardedByScript, imageProblems, providedByDeployment, type Verdict } from '../../../src/rules/binaries/imageCheck.js';

const DIRS = ['/', '/bin', '/usr/bin', '/usr/local/bin', '/opt/app/bin', '/snap/bin'];
const NAMES = ['aws', 'jq', 'curl', 'systemctl', 'app'];

const dir = fc.constantFrom(...DIRS);
const name = fc.constantFrom(...NAMES);
const path = fc.tuple(dir, name).map(([d, n]) => (d === '/' ? `/${n}` : `${d}/${n}`));
/** As scripts write PATH entries: with a trailing slash, relative, or `$PATH` left over. */
const searchDir = fc.oneof(dir, dir.map((d) => (d === '/' ? d : `${d}/`)), fc.constantFrom('bin', '.', '$PATH'));

const inventory = fc.record({
  executables: fc.uniqueArray(path, { maxLength: 12 }),
  coveredDirs: fc.uniqueArray(fc.oneof(dir, dir.map((d) => (d === '/' ? d : `${d}/`))), { maxLength: 5 }),
  checkedPaths: fc.uniqueArray(path, { maxLength: 4 }),
  alternatives: fc.dictionary(path, path, { maxKeys: 2 }),
  path: fc.array(dir, { minLength: 1, maxLength: 4 }),
});

const command = fc.record({
  kind: fc.constantFrom<ScriptCommand['kind']>('absolute', 'bare', 'relative'),
  name,
  absolute: path,
  searchPath: fc.array(searchDir, { maxLength: 5 }),
  line: fc.integer({ min: 1, max: 9 }),
});

const script = fc.record({
  commands: fc.array(command, { maxLength: 8 }),
  guards: fc.array(fc.record({ program: fc.oneof(name, path), line: fc.integer({ min: 1, max: 9 }), other: fc.boolean() }), { maxLength: 3 }),
  provided: fc.array(fc.oneof(dir, path, dir.map((d) => `${d}/`), fc.constant('/opt/app/')), { maxLength: 3 }),
  providedNames: fc.array(name, { maxLength: 1 }),
  images: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
});

// The definition, written for clarity: every folder of the search path as a path, in order.
/** Without trailing slashes; any run of slashes alone is the root. */
function trim(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') || '/' : p;
}
function parent(p: string): string {
  return p.slice(0, p.lastIndexOf('/')) || '/';
}
function base(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
function provided(script: DeployScript, path: string): boolean {
  return script.provided.some((entry) => {
    const root = trim(entry);
    return path === root || root === '/' || path.startsWith(`${root}/`);
  });
}
function guarded(script: DeployScript, cmd: ScriptCommand): boolean {
  return script.guards.some((g) => g.file === cmd.file && g.line <= cmd.line && (g.program === cmd.program || base(g.program) === base(cmd.program)));
}
/** The definition's verdicts: the image's, or skipped when the image has no say. */
type Judged = Verdict | { state: 'skipped'; why: 'relative' | 'guarded' | 'provided' };

function reference(script: DeployScript, cmd: ScriptCommand, inv: ImageInventory): Judged {
  if (cmd.kind === 'relative') return { state: 'skipped', why: 'relative' };
  if (guarded(script, cmd)) return { state: 'skipped', why: 'guarded' };
  if (cmd.kind === 'absolute' ? provided(script, cmd.program) : script.providedNames.includes(cmd.program)) return { state: 'skipped', why: 'provided' };
  const executables = new Set(inv.executables);
  const covered = (p: string) => inv.checkedPaths.includes(p) || inv.coveredDirs.map(trim).includes(parent(p));
  const locate = (base: string, preferred: string[]) => {
    const found = inv.executables.filter((e) => e.slice(e.lastIndexOf('/') + 1) === base);
    for (const d of preferred) {
      const hit = found.find((e) => parent(e) === trim(d));
      if (hit) return hit;
    }
    return [...found].sort()[0];
  };
  if (cmd.kind === 'absolute') {
    if (executables.has(cmd.program)) return { state: 'found', at: cmd.program };
    if (!covered(cmd.program)) return { state: 'unknown', dirs: [parent(cmd.program)] };
    const elsewhere = inv.alternatives[cmd.program] ?? locate(cmd.program.slice(cmd.program.lastIndexOf('/') + 1), [...cmd.searchPath, ...inv.path]);
    return elsewhere && elsewhere !== cmd.program ? { state: 'missing', elsewhere } : { state: 'missing' };
  }
  const uncovered: string[] = [];
  for (const d of cmd.searchPath) {
    if (!d.startsWith('/')) continue;
    const candidate = `${trim(d)}/${cmd.program}`.replace(/^\/\//, '/');
    if (executables.has(candidate)) return { state: 'found', at: candidate };
    if (!covered(candidate)) uncovered.push(trim(d));
  }
  if (uncovered.length > 0) {
    if (uncovered.some((d) => provided(script, d))) return { state: 'skipped', why: 'provided' };
    return { state: 'unknown', dirs: uncovered };
  }
  const elsewhere = locate(cmd.program, inv.path);
  return elsewhere ? { state: 'not-on-path', elsewhere } : { state: 'not-on-path' };
}

describe('imageProblems', () => {
  it('keeps exactly the checks whose verdict, by definition, is missing, not-on-path or unknown', () => {
    fc.assert(
      fc.property(fc.array(inventory, { minLength: 3, maxLength: 3 }), fc.array(script, { maxLength: 4 }), (rawInventories, rawScripts) => {
        const images = rawInventories.map((_, i) => `ami-0${i}`.padEnd(12, '0'));
        const inventories: ImageInventories = new Map(
          rawInventories.map((raw, i) => [images[i]!, { ok: true, inventory: { ...raw, image: images[i]!, source: 'manifest', from: `images/${i}.json` } }]),
        );
        const scripts: DeployScript[] = rawScripts.map((raw, s) => ({
          id: `s${s}.sh`,
          file: `s${s}.sh`,
          runs: ['hook'],
          onInstance: true,
          environments: ['prod'],
          images: raw.images.map((i) => ({ image: images[i]!, environments: ['prod'] })),
          unknownImages: [],
          commands: raw.commands.map((c) => ({
            program: c.kind === 'absolute' ? c.absolute : c.kind === 'bare' ? c.name : `./${c.name}`,
            kind: c.kind,
            file: `s${s}.sh`,
            line: c.line,
            column: 1,
            via: [],
            searchPath: c.searchPath,
          })),
          guards: raw.guards.map((g) => ({ program: g.program, line: g.line, file: g.other ? 'common.sh' : `s${s}.sh` })),
          provided: raw.provided,
          providedNames: raw.providedNames,
        }));
        const facts: DeployScripts = { imageChecks: true, scope: 'all', scripts, missing: [], unanalysed: [] };
        const expected = scripts.flatMap((s) =>
          s.images.flatMap((image) =>
            s.commands.flatMap((c) => {
              const result = inventories.get(image.image)!;
              const verdict = result.ok ? reference(s, c, result.inventory) : undefined;
              return verdict && ['missing', 'not-on-path', 'unknown'].includes(verdict.state) ? [{ script: s.id, image: image.image, line: c.line, program: c.program, verdict }] : [];
            }),
          ),
        );
        const actual = imageProblems(facts, inventories).map((p) => ({ script: p.script.id, image: p.image.image, line: p.command.line, program: p.command.program, verdict: p.verdict }));
        expect(actual).toEqual(expected);
      }),
      { seed: 20_261_126, numRuns: 1500 },
    );
  });
});

describe('guardedByScript and providedByDeployment', () => {
  it('answer as their plain definitions do', () => {
    fc.assert(
      fc.property(script, command, (raw, c) => {
        const s: DeployScript = {
          id: 's.sh', file: 's.sh', runs: [], onInstance: true, environments: [], images: [], unknownImages: [], commands: [],
          guards: raw.guards.map((g) => ({ program: g.program, line: g.line, file: g.other ? 'common.sh' : 's.sh' })),
          provided: raw.provided,
          providedNames: raw.providedNames,
        };
        const cmd: ScriptCommand = { program: c.kind === 'absolute' ? c.absolute : c.name, kind: c.kind, file: 's.sh', line: c.line, column: 1, via: [], searchPath: c.searchPath };
        expect(guardedByScript(s, cmd)).toBe(guarded(s, cmd));
        expect(providedByDeployment(s, cmd.program)).toBe(provided(s, cmd.program));
      }),
      { seed: 20_261_126, numRuns: 2000 },
    );
  });
});
