// imageProblems keeps only the checks that fail and looks bare names up by folder, not by a path built per
// folder. This compares it, on generated scripts and inventories, with the plain definition of each verdict.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeployScript, DeployScripts, ImageInventories, ImageInventory, ScriptCommand } from '../../../src/facts/binaryFacts.js';
import { imageProblems, providedByDeployment, guardedByScript, type Verdict } from '../../../src/rules/binaries/imageCheck.js';

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
  guards: fc.array(fc.record({ program: fc.oneof(name, path), line: fc.integer({ min: 1, max: 9 }) }), { maxLength: 2 }),
  provided: fc.array(fc.oneof(dir, path), { maxLength: 2 }),
  providedNames: fc.array(name, { maxLength: 1 }),
  images: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
});

// The definition, written for clarity: every folder of the search path as a path, in order.
function trim(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}
function parent(p: string): string {
  return p.slice(0, p.lastIndexOf('/')) || '/';
}
function reference(script: DeployScript, cmd: ScriptCommand, inv: ImageInventory): Verdict {
  if (cmd.kind === 'relative') return { state: 'skipped', why: 'relative' };
  if (guardedByScript(script, cmd)) return { state: 'skipped', why: 'guarded' };
  if (cmd.kind === 'absolute' ? providedByDeployment(script, cmd.program) : script.providedNames.includes(cmd.program)) return { state: 'skipped', why: 'provided' };
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
    if (uncovered.some((d) => providedByDeployment(script, d))) return { state: 'skipped', why: 'provided' };
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
          guards: raw.guards.map((g) => ({ ...g, file: `s${s}.sh` })),
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
      { numRuns: 1500 },
    );
  });
});
