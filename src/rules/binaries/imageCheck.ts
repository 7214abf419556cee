// Pure: how each command of a deploy script fares on each image it runs on. Shared by DG201, DG202 and DG206.
import type { DeployScript, DeployScripts, ImageInventories, ImageInventory, ScriptCommand, ScriptImage } from '../../facts/types.js';

export type Verdict =
  | { state: 'found'; at: string }
  /** An absolute path that is not an executable on the image; `elsewhere`: where the same command is there. */
  | { state: 'missing'; elsewhere?: string }
  /** A bare name that no directory of the PATH in effect holds on the image. */
  | { state: 'not-on-path'; elsewhere?: string }
  /** The inventory does not cover these directories: whether it is there is unknown. */
  | { state: 'unknown'; dirs: string[] };

/** The verdicts a rule reports: a command that fails on the image, or one whose presence is unknown. */
export type Problem = Exclude<Verdict, { state: 'found' }>;

/** A command of a script that fails, or may fail, on an image it runs on. */
export interface ImageProblem {
  script: DeployScript;
  command: ScriptCommand;
  image: ScriptImage;
  inventory: ImageInventory;
  verdict: Problem;
}

interface InventoryIndex {
  executables: Set<string>;
  coveredDirs: Set<string>;
  checked: Set<string>;
  /** basename → executables with that name */
  byName: Map<string, string[]>;
  /** basename → the folders (no trailing slash) that hold an executable of that name */
  foldersOf: Map<string, Set<string>>;
}

const indexes = new WeakMap<ImageInventory, InventoryIndex>();

function indexOf(inventory: ImageInventory): InventoryIndex {
  let index = indexes.get(inventory);
  if (!index) {
    const byName = new Map<string, string[]>();
    const foldersOf = new Map<string, Set<string>>();
    for (const path of inventory.executables) {
      const name = basename(path);
      byName.set(name, [...(byName.get(name) ?? []), path]);
      const folders = foldersOf.get(name) ?? new Set<string>();
      folders.add(dirname(path));
      foldersOf.set(name, folders);
    }
    index = {
      executables: new Set(inventory.executables),
      coveredDirs: new Set(inventory.coveredDirs.map(trimSlash)),
      checked: new Set(inventory.checkedPaths),
      byName,
      foldersOf,
    };
    indexes.set(inventory, index);
  }
  return index;
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirname(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

function trimSlash(path: string): string {
  // A search path is checked against thousands of commands: no regular expression for the common case.
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path;
}

function inFolder(folder: string, name: string): string {
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}

/** Under an appspec `files:` destination, a path the scripts write or unpack, or a cloud-init write_files path. */
export function providedByDeployment(script: DeployScript, path: string): boolean {
  return script.provided.some((provided) => {
    const root = trimSlash(provided);
    return path === root || root === '/' || path.startsWith(`${root}/`);
  });
}

/** The script tests for this tool (`[ -x …/aws ]`, `command -v aws`) before the call, and so picks its location at run time. */
export function guardedByScript(script: DeployScript, command: Pick<ScriptCommand, 'program' | 'file' | 'line'>): boolean {
  const name = basename(command.program);
  return script.guards.some((guard) => guard.file === command.file && guard.line <= command.line && (guard.program === command.program || basename(guard.program) === name));
}

/** Where `name` lies on the image, preferring the directories a lookup would search first. */
function locate(index: InventoryIndex, name: string, preferred: string[]): string | undefined {
  const found = index.byName.get(name);
  if (!found?.length) return undefined;
  for (const dir of preferred) {
    const hit = found.find((path) => dirname(path) === trimSlash(dir));
    if (hit) return hit;
  }
  return [...found].sort()[0];
}

/** Not the image's business: relative to the revision, tested for by the script first, or installed by the deployment. */
function decidedByScript(script: DeployScript, command: ScriptCommand): boolean {
  if (command.kind === 'relative' || guardedByScript(script, command)) return true;
  return command.kind === 'absolute' ? providedByDeployment(script, command.program) : script.providedNames.includes(command.program);
}

/** Commands with the same key get the same verdict from an image (see lookUp). */
function lookUpKey(command: ScriptCommand): string {
  return `${command.kind}\0${command.program}\0${command.searchPath.join('\0')}`;
}

/**
 * What the image says of a command, whatever script runs it: found, missing (and where else it is), not on
 * the PATH in effect, or unknown (directories the inventory does not cover).
 */
function lookUp(index: InventoryIndex, inventory: ImageInventory, command: ScriptCommand): Verdict {
  const covered = (path: string) => index.checked.has(path) || index.coveredDirs.has(dirname(path));
  if (command.kind === 'absolute') {
    if (index.executables.has(command.program)) return { state: 'found', at: command.program };
    if (!covered(command.program)) return { state: 'unknown', dirs: [dirname(command.program)] };
    const elsewhere = inventory.alternatives[command.program] ?? locate(index, basename(command.program), [...command.searchPath, ...inventory.path]);
    return elsewhere && elsewhere !== command.program ? { state: 'missing', elsewhere } : { state: 'missing' };
  }
  // A bare name: the first folder of the search path that holds it, without building a path per folder.
  const holders = index.foldersOf.get(command.program);
  const uncovered: string[] = [];
  for (const dir of command.searchPath) {
    if (!dir.startsWith('/')) continue;
    const folder = trimSlash(dir);
    if (holders?.has(folder)) return { state: 'found', at: inFolder(folder, command.program) };
    if (!index.coveredDirs.has(folder) && !index.checked.has(inFolder(folder, command.program))) uncovered.push(folder);
  }
  if (uncovered.length > 0) return { state: 'unknown', dirs: uncovered };
  const elsewhere = locate(index, command.program, inventory.path);
  return elsewhere ? { state: 'not-on-path', elsewhere } : { state: 'not-on-path' };
}

/**
 * The image's verdict as a problem of the script, if it is one: not for a bare name whose lookup meets a folder
 * the inventory does not cover but the deployment installs (the application's own commands live there).
 */
function problemOf(script: DeployScript, command: ScriptCommand, verdict: Verdict): Problem | undefined {
  if (verdict.state === 'found') return undefined;
  if (command.kind !== 'absolute' && verdict.state === 'unknown' && verdict.dirs.some((dir) => providedByDeployment(script, dir))) return undefined;
  return verdict;
}

const memo = new WeakMap<DeployScripts, WeakMap<ImageInventories, ImageProblem[]>>();

/**
 * Every command of every script in scope against every image it runs on that has an inventory, keeping the
 * checks that did not pass (DG201, DG202 and DG206 report nothing else). A large repository has hundreds of
 * thousands of passing checks: none of them is built.
 */
export function imageProblems(scripts: DeployScripts, inventories: ImageInventories): ImageProblem[] {
  const cached = memo.get(scripts)?.get(inventories);
  if (cached) return cached;
  const problems: ImageProblem[] = [];
  if (scripts.imageChecks) {
    // Per command, once: whether the script alone decides (relative, guarded, provided: never a problem), and
    // otherwise the number of its lookup. A repository's scripts call the same few dozen programs with the same
    // few PATHs, so each image answers each distinct lookup once.
    const lookupIds = new Map<string, number>();
    const ids = scripts.scripts.map((script) =>
      script.commands.map((command) => {
        if (decidedByScript(script, command)) return -1;
        const key = lookUpKey(command);
        let id = lookupIds.get(key);
        if (id === undefined) lookupIds.set(key, (id = lookupIds.size));
        return id;
      }),
    );
    const answers = new Map<ImageInventory, (Verdict | undefined)[]>();
    scripts.scripts.forEach((script, s) => {
      for (const image of script.images) {
        const result = inventories.get(image.image);
        if (!result?.ok) continue;
        const { inventory } = result;
        let known = answers.get(inventory);
        if (!known) answers.set(inventory, (known = new Array<Verdict | undefined>(lookupIds.size).fill(undefined)));
        const index = indexOf(inventory);
        script.commands.forEach((command, i) => {
          const id = ids[s]![i]!;
          if (id < 0) return;
          const verdict = problemOf(script, command, (known[id] ??= lookUp(index, inventory, command)));
          if (verdict) problems.push({ script, command, image, inventory, verdict });
        });
      }
    });
  }
  const byInventories = memo.get(scripts) ?? new WeakMap<ImageInventories, ImageProblem[]>();
  byInventories.set(inventories, problems);
  memo.set(scripts, byInventories);
  return problems;
}

/** 'ami-0abc (staging, prod)' or 'ami-0abc (prod; in staging now, next for prod)'. */
export function imageLabel(image: ScriptImage): string {
  return `${image.image} (${image.environments.join(', ')}${image.note ? `; ${image.note}` : ''})`;
}

/** ' (via $AWS_BIN)', ' (via sudo)', or ''. */
export function viaText(command: ScriptCommand): string {
  if (command.via.length === 0) return '';
  if (command.via.includes('#!')) return ' (its #! interpreter)';
  if (command.via.includes('cron')) return ` (in a cron line${command.via.length > 1 ? `, via ${command.via.filter((via) => via !== 'cron').join(', ')}` : ''})`;
  return ` (via ${command.via.join(', ')})`;
}

export function at(command: Pick<ScriptCommand, 'file' | 'line'>): string {
  return `${command.file}:${command.line}`;
}

export function scriptEvidence(script: DeployScript): { source: string; text: string } {
  return { source: 'script', text: `${script.file}: ${script.runs.join('; ')}` };
}

export function inventoryEvidence(inventory: ImageInventory, text: string): { source: string; text: string } {
  return { source: inventory.source, text: `${inventory.from}: ${text}` };
}
