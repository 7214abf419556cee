// A changed functions file puts in scope the scripts that source it, and only those: in a monorepo every
// service has a `common.sh` of its own, and a change to one must not analyse the hooks of all the others.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FactStore } from '../../src/facts/registry.js';
import { gatherDeployScripts, scriptsNamingNone } from '../../src/facts/scripts.js';
import { contextFor, openPull } from '../rules/binaries/harness.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';

// Counts the shell analyses and appspec parses: the cost this scope saves.
const parsed = vi.hoisted(() => ({ count: 0, appspecs: [] as string[] }));
vi.mock('../../src/parse/appspec.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/parse/appspec.js')>();
  return { ...real, analyseAppspec: (text: string) => (parsed.appspecs.push(/destination: (\S+)/.exec(text)?.[1] ?? '?'), real.analyseAppspec(text)) };
});
vi.mock('../../src/parse/shell.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/parse/shell.js')>();
  return { ...real, analyseShell: (...args: Parameters<typeof real.analyseShell>) => (parsed.count++, real.analyseShell(...args)) };
});

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

const CONFIG = `promotion: [staging, prod]
environments:
  staging:
    terraform: ["terraform/staging/**"]
  prod:
    terraform: ["terraform/prod/**"]
scripts:
  include: ["services/**/*.sh", "shared/**/*.sh", "**/appspec.yml"]
`;

const appspec = (name: string) =>
  `version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /opt/${name}\nhooks:\n  ApplicationStart:\n    - location: scripts/start.sh\n`;
const start = (extra = '') => `#!/bin/bash\nset -euo pipefail\nsource "$(dirname "$0")/common.sh"\n${extra}log "started"\n`;
const common = (tool: string) => `log() { ${tool} -t app "$*"; }\n`;

function estate(): Record<string, string> {
  const files: Record<string, string> = { '.github/deploy-guard.yml': CONFIG, 'shared/lib/common.sh': common('logger') };
  for (const name of ['api', 'worker', 'billing', 'search']) {
    files[`services/${name}/appspec.yml`] = appspec(name);
    files[`services/${name}/scripts/common.sh`] = common('logger');
    files[`services/${name}/scripts/start.sh`] = start();
  }
  // Sources a functions file of another folder by naming it, and one at the revision's absolute path.
  files['services/search/scripts/start.sh'] = start('source "$(dirname "$0")/../../../shared/lib/common.sh"\n');
  files['services/billing/scripts/start.sh'] = start('source /opt/billing/scripts/common.sh\n');
  return files;
}

async function analysed(changed: Record<string, string>): Promise<string[]> {
  repo = createRepo(estate());
  openPull(repo, changed);
  const context = contextFor(repo, { mode: 'pr' });
  parsed.count = 0;
  parsed.appspecs = [];
  const scripts = await new FactStore(context).get('deployScripts');
  return scripts.scripts.map((script) => script.file).sort();
}

describe('PR scope of a changed functions file', () => {
  it('analyses the scripts beside it, not every script mentioning a common.sh of its own', async () => {
    expect(await analysed({ 'services/api/scripts/common.sh': common('systemd-cat') })).toEqual(['services/api/scripts/common.sh', 'services/api/scripts/start.sh']);
    // api's two scripts (start.sh sources common.sh, read once more with its PATH), never the other services'.
    expect(parsed.count).toBeLessThanOrEqual(3);
    // Only the appspec whose revision holds the change is parsed.
    expect(parsed.appspecs).toEqual(['/opt/api']);
  });

  it('also parses an appspec whose hook leaves its folder for the changed file', async () => {
    repo = createRepo({ ...estate(), 'services/worker/appspec.yml': appspec('worker').replace('scripts/start.sh', '../../shared/lib/common.sh') });
    openPull(repo, { 'shared/lib/common.sh': common('systemd-cat') });
    parsed.appspecs = [];
    await new FactStore(contextFor(repo, { mode: 'pr' })).get('deployScripts');
    expect(parsed.appspecs).toEqual(['/opt/worker']);
  });

  it('parses every appspec when the configuration changes (every script is in scope)', async () => {
    await analysed({ '.github/deploy-guard.yml': `${CONFIG}# touched\n` });
    expect(parsed.appspecs.sort()).toEqual(['/opt/api', '/opt/billing', '/opt/search', '/opt/worker']);
  });

  it('still finds a script in another folder that names the file, or reaches it through its revision', async () => {
    expect(await analysed({ 'shared/lib/common.sh': common('systemd-cat') })).toEqual(['services/search/scripts/start.sh', 'shared/lib/common.sh']);
    expect(await analysed({ 'services/billing/scripts/common.sh': common('systemd-cat') })).toEqual(['services/billing/scripts/common.sh', 'services/billing/scripts/start.sh']);
  });

  it('scopes the same with git grep ruling out scripts as by reading every one', async () => {
    const extra = {
      'tools.sh': 'helper() { :; }\n',
      'services/worker/scripts/up.sh': start('source "$(dirname "$0")/../../../tools.sh"\n'),
      // Beside the file it sources, and never naming its folder: only the folder test (nearFolder) keeps it.
      'shared/cron/lib.sh': 'rotate() { :; }\n',
      'shared/cron/rotate.sh': '#!/bin/bash\nsource "$(dirname "$0")/lib.sh"\nrotate\n',
    };
    const changes: Record<string, string>[] = [
      { 'shared/lib/common.sh': common('systemd-cat') },
      { 'services/api/scripts/common.sh': common('systemd-cat') },
      { 'services/billing/scripts/common.sh': common('systemd-cat'), 'services/api/scripts/start.sh': start('# touched\n') },
      { 'tools.sh': 'helper() { echo; }\n' },
      { 'shared/cron/lib.sh': 'rotate() { date; }\n' },
    ];
    let ruledOut = 0;
    for (const change of changes) {
      repo = createRepo({ ...estate(), ...extra });
      openPull(repo, change);
      const context = contextFor(repo, { mode: 'pr' });
      const facts = new FactStore(context);
      const [repoFiles, terraform, changeSet, environmentAmis] = await Promise.all([facts.get('repoFiles'), facts.get('terraform'), facts.get('changes'), facts.get('environmentAmis')]);
      const unnamed = await scriptsNamingNone(context, facts);
      ruledOut += unnamed.files.size + unnamed.folders.size;
      const deps = { repoFiles, terraform, changes: changeSet, environmentAmis };
      const viaGrep = await gatherDeployScripts(contextFor(repo, { mode: 'pr' }), { ...deps, unnamed: Promise.resolve(unnamed) });
      const byReading = await gatherDeployScripts(contextFor(repo, { mode: 'pr' }), deps);
      const files = (scripts: typeof viaGrep) => scripts.scripts.map((script) => script.file).sort();
      expect(files(viaGrep), JSON.stringify(Object.keys(change))).toEqual(files(byReading));
      repo.cleanup();
      repo = undefined;
    }
    expect(ruledOut).toBeGreaterThan(10); // git grep did rule scripts out, so the comparison tests something
  });
});
