// The project's own supply chain: what a compromised tag (tj-actions/changed-files, March 2025) could not
// reach. Every workflow the project runs or tells users to copy is read with the YAML parser and checked.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const WORKFLOW_DIRS = ['.github/workflows', 'examples/workflows'];
const workflowFiles = WORKFLOW_DIRS.flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => `${dir}/${name}`),
);

interface Workflow {
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
  value: { on?: unknown; permissions?: unknown; jobs?: Record<string, { permissions?: unknown }> };
}

function load(file: string): Workflow {
  const text = readFileSync(join(root, file), 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  expect(doc.errors, `${file} is valid YAML`).toEqual([]);
  return { file, text, doc, lines, value: doc.toJS() as Workflow['value'] };
}

/** Every `uses:` value with the text of its source line (line comments are not part of the value). */
function usesOf(workflow: Workflow): { value: string; line: number; source: string }[] {
  const found: { value: string; line: number; source: string }[] = [];
  visit(workflow.doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== 'uses' || !isScalar(pair.value)) return;
      const line = workflow.lines.linePos(pair.value.range?.[0] ?? 0).line;
      found.push({ value: String(pair.value.value), line, source: workflow.text.split('\n')[line - 1] ?? '' });
    },
  });
  return found;
}

const FULL_SHA = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v\d+(\.\d+)*\b/;
// The action itself in examples/: it has no release commit yet, so users are shown exactly where their pin
// goes (as in the README's quick start) instead of a mutable tag that would silently work.
const OWN_ACTION_PLACEHOLDER = 'deploy-guard/deploy-guard@<commit-sha>';

/** Jobs that may write, and exactly which scopes; anything else must stay read-only. */
const ALLOWED_WRITES: Record<string, Record<string, string[]>> = {
  'examples/workflows/pr-check.yml': { 'deploy-guard': ['id-token', 'security-events'] },
  'examples/workflows/audit.yml': { audit: ['id-token', 'issues'] },
  'examples/workflows/preflight.yml': { preflight: ['id-token'] },
};

function writesOf(permissions: unknown): string[] {
  if (permissions === 'write-all') return ['*'];
  if (permissions === undefined || permissions === null || typeof permissions !== 'object') return [];
  return Object.entries(permissions as Record<string, unknown>)
    .filter(([, level]) => level === 'write')
    .map(([scope]) => scope)
    .sort();
}

function triggers(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return on && typeof on === 'object' ? Object.keys(on) : [];
}

describe('the project workflows and the example workflows', () => {
  it('finds every workflow file (CI, self-check and the three examples)', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', 'examples/workflows/pr-check.yml', 'examples/workflows/audit.yml', 'examples/workflows/preflight.yml']));
  });

  it.each(workflowFiles)('%s pins every uses: to a full commit SHA with its version in a comment', (file) => {
    const workflow = load(file);
    const uses = usesOf(workflow);
    for (const { value, line, source } of uses) {
      const where = `${file}:${line}: ${value}`;
      if (value.startsWith('./')) continue; // this checkout: nothing to pin
      if (file.startsWith('examples/') && value === OWN_ACTION_PLACEHOLDER) {
        expect(source, where).toMatch(VERSION_COMMENT);
        continue;
      }
      expect(value, where).toMatch(FULL_SHA);
      expect(source, `${where} carries "# vX.Y.Z"`).toMatch(VERSION_COMMENT);
    }
  });

  it.each(workflowFiles)('%s is read-only at the top and writes only in the jobs that need it', (file) => {
    const workflow = load(file);
    const top = workflow.value.permissions;
    expect(top, `${file} declares top-level permissions`).toBeDefined();
    expect(writesOf(top), `${file} top-level permissions`).toEqual([]);
    expect(top).not.toBe('read-all');
    for (const [job, spec] of Object.entries(workflow.value.jobs ?? {})) {
      expect(writesOf(spec.permissions), `${file} job ${job}`).toEqual((ALLOWED_WRITES[file]?.[job] ?? []).sort());
    }
  });

  it.each(workflowFiles)('%s never runs on pull_request_target or workflow_run', (file) => {
    const workflow = load(file);
    expect(triggers(workflow.value.on)).not.toContain('pull_request_target');
    expect(triggers(workflow.value.on)).not.toContain('workflow_run');
    expect(workflow.text).not.toMatch(/pull_request_target/);
  });

  it.each(workflowFiles)('%s checks out without persisting the token and interpolates no expression into a script', (file) => {
    const workflow = load(file);
    visit(workflow.doc, {
      Map(_, map) {
        const uses = map.get('uses');
        if (typeof uses === 'string' && uses.startsWith('actions/checkout@')) {
          const withMap = map.get('with', true);
          expect(isMap(withMap) && withMap.get('persist-credentials'), `${file}: actions/checkout with persist-credentials: false`).toBe(false);
        }
        const run = map.get('run');
        if (typeof run === 'string') expect(run, `${file}: run: uses env: for expressions`).not.toMatch(/\$\{\{/);
      },
    });
  });

  it('runs actionlint in the GitHub workflow over the workflows and the examples, at a pinned version', () => {
    const ci = load('.github/workflows/ci.yml');
    const steps = (ci.value.jobs?.actionlint as { steps?: { run?: string }[] } | undefined)?.steps ?? [];
    const runs = steps.map((step) => step.run ?? '').join('\n');
    expect(runs).toMatch(/github\.com\/rhysd\/actionlint\/cmd\/actionlint@v\d+\.\d+\.\d+/);
    expect(runs).toMatch(/actionlint\S* .*\.github\/workflows\/\*\.yml examples\/workflows\/\*\.yml/);
    expect(runs).not.toMatch(/\|\| true/);
  });

  // Optional here (.ci/run must pass on a machine with only Node and git); required in the GitHub workflow above.
  const actionlint = spawnSync('actionlint', ['-version'], { encoding: 'utf8' }).status === 0;
  it.runIf(actionlint)('actionlint finds nothing in the workflows and the examples (when installed)', () => {
    expect(() => execFileSync('actionlint', workflowFiles, { cwd: root, encoding: 'utf8' })).not.toThrow();
  });

  it('has Dependabot for npm and for GitHub Actions', () => {
    const dependabot = parseDocument(readFileSync(join(root, '.github/dependabot.yml'), 'utf8')).toJS() as { updates: { 'package-ecosystem': string; directory: string }[] };
    const ecosystems = dependabot.updates.map((update) => update['package-ecosystem']);
    expect(ecosystems).toEqual(expect.arrayContaining(['npm', 'github-actions']));
    expect(dependabot.updates.every((update) => update.directory === '/')).toBe(true);
  });

});
