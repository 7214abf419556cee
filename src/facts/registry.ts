// One lazy, memoised gatherer per fact. A rule's `needs` decides which of these ever run.
import type { RunContext } from './context.js';
import { gatherTerraform, terraformFilesWithoutFacts } from './terraform.js';
import { listFiles } from './workspace.js';
import { baseVersionsOf, gatherChanges, gatherOverride, gatherPullRequest } from './pullRequest.js';
import { gatherAppliedPulls, gatherFloatingAmiSources, gatherPromotableValues, gatherTerraformChange } from './promotion.js';
import { gatherDeployScriptsFrom } from './scripts.js';
import { gatherEnvironmentAmis, gatherImageInventories } from './images.js';
import { withLiveAmis } from './liveAmis.js';
import { soakGatherers } from './soak.js';
import { changedPaths, type FactKey, type Facts } from './types.js';

/** Changed files past which a PR is taken to reach most of the repository's Terraform (it is all read then). */
const MOST_OF_A_REPOSITORY = 1000;

type Gatherers = { [K in FactKey]: (context: RunContext, facts: FactStore) => Promise<Facts[K]> };

const gatherers: Gatherers = {
  repoFiles: (context) => listFiles(context.workspace),
  // In a PR, the changed files are always read, and parsed if they may hold facts (their parse errors block);
  // the others only if they hold facts, and files that can hold only module calls when a question needs them.
  // git grep finds the files without any fact's words while the file list is made; a PR that changes most
  // files reads them anyway.
  terraform: async (context, facts) => {
    const changed = context.mode === 'pr' ? changedPaths(await facts.get('changes')) : new Set<string>();
    // The merge-base versions of the changed Terraform are read beside it (see BaseVersions).
    if (context.mode === 'pr') void facts.get('baseVersions').catch(() => undefined);
    const wordless = changed.size < MOST_OF_A_REPOSITORY ? terraformFilesWithoutFacts(context.workspace) : Promise.resolve(new Set<string>());
    return gatherTerraform(context, await facts.get('repoFiles'), changed, context.mode === 'pr', wordless);
  },
  changes: (context) => gatherChanges(context),
  baseVersions: async (context, facts) => baseVersionsOf(context.workspace, await facts.get('changes')),
  pullRequest: (context) => gatherPullRequest(context),
  override: async (context, facts) => gatherOverride(context, await facts.get('pullRequest')),
  terraformChange: async (context, facts) => (context.mode === 'pr' ? gatherTerraformChange(context, await facts.get('terraform'), await facts.get('changes')) : undefined),
  promotableValues: async (context, facts) => {
    const change = await facts.get('terraformChange');
    return change ? gatherPromotableValues(context, await facts.get('terraform'), change, await facts.get('changes'), await facts.get('baseVersions')) : undefined;
  },
  floatingAmiSources: async (context, facts) => gatherFloatingAmiSources(context, await facts.get('terraform')),
  appliedPulls: async (context, facts) => gatherAppliedPulls(context, await facts.get('pullRequest')),
  deployScripts: (context, facts) => gatherDeployScriptsFrom(context, facts),
  environmentAmis: async (context, facts) => withLiveAmis(await gatherEnvironmentAmis(context, await facts.get('terraform')), await facts.get('liveAmis')),
  imageInventories: async (context, facts) => gatherImageInventories(context, await facts.get('deployScripts'), await facts.get('repoFiles')),
  ...soakGatherers(),
};

export class FactStore {
  private readonly cache = new Map<FactKey, Promise<unknown>>();

  constructor(
    private readonly context: RunContext,
    private readonly overrides: Partial<Gatherers> = {},
  ) {}

  get<K extends FactKey>(key: K): Promise<Facts[K]> {
    let pending = this.cache.get(key) as Promise<Facts[K]> | undefined;
    if (!pending) {
      const gather = (this.overrides[key] ?? gatherers[key]) as Gatherers[K];
      const started = performance.now();
      pending = gather(this.context, this);
      // With step debug logging on, the timeline of the run: when each fact was asked for and when it was ready.
      void pending.then(
        () => this.context.log.debug(`fact ${key}: ready ${Math.round(performance.now() - started)} ms after it was asked for (${Math.round(started)} ms into the process)`),
        () => undefined,
      );
      this.cache.set(key, pending);
    }
    return pending;
  }

  async pick<K extends FactKey>(keys: readonly K[]): Promise<Pick<Facts, K>> {
    const values = await Promise.all(keys.map((key) => this.get(key)));
    return Object.fromEntries(keys.map((key, i) => [key, values[i]])) as Pick<Facts, K>;
  }
}

export type { Gatherers };
