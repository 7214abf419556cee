// Soak evidence: for every AMI that reaches (PR, preflight) or serves (audit) a later environment N,
// what each listed source shows about it serving N-1 — SSM parameter history, EC2 instances and
// launch-template versions, the pipeline's AMI tag, git — each reported separately; and its health
// in N (DescribeImages). The rules weigh it; nothing here decides.
import { previousEnvironment } from '../config/settings.js';
import type { RunContext } from './context.js';
import { GitHistoryError, resolveCommit } from './git.js';
import { checkedPreflightTarget, gatherLiveAmis, iso, missingEverywhere } from './liveAmis.js';
import { valueId, type PromotableValue } from './promotableValues.js';
import type { PromotableValues } from './promotion.js';
import type { FactStore } from './registry.js';
import { AwsEvidenceReader, failureOf, isEvidenceError, type AwsReadOptions } from './soakAws.js';
import type {
  AmiOrigin,
  AmiSoakFacts,
  EvidenceFailure,
  ImageState,
  LiveAmi,
  LiveAmis,
  ServedInterval,
  SoakCase,
  SoakSource,
  SourceReading,
} from './soakTypes.js';
import type { TerraformIndex } from './terraform.js';
import type { Facts } from './types.js';
import { presenceHistory, type PresenceInterval } from './valueHistory.js';

/** Evidence lines the run report keeps per run; the findings carry every detail of their own AMI. */
const JOURNAL_LIMIT = 200;

interface Candidate {
  ami: string;
  /** An AMI id, or an `aws_ami` lookup (git is then the only source that can follow it). */
  kind: 'ami' | 'ami-lookup';
  environment: string;
  previous?: string;
  origin: AmiOrigin;
  /** Regions of N where it was read; undefined: any region of the environment. */
  regions?: string[];
  reachedAt?: SoakCase['reachedAt'];
  /** PR: when N-1 had it on the base branch (the promotion family's history). */
  git?: { intervals: PresenceInterval[]; baseName: string; base: string };
}

export interface SoakInputs {
  terraform: TerraformIndex;
  live: LiveAmis;
  promotable?: PromotableValues;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function uniqueFailures(failures: EvidenceFailure[]): EvidenceFailure[] {
  const seen = new Set<string>();
  return failures.filter((failure) => !seen.has(failure.message) && seen.add(failure.message));
}

class SoakGathering {
  private readonly failures: EvidenceFailure[] = [];
  /** Images by credentials|region|id, as described for health and tags. */
  private readonly described = new Map<string, ImageState | null>();
  /** DescribeImages failures by credentials|region. */
  private readonly imageFailures = new Map<string, EvidenceFailure>();
  private readonly gitByEnv = new Map<string, { intervals: Map<string, PresenceInterval[]>; base: string } | EvidenceFailure>();
  private journalled = 0;

  constructor(
    private readonly context: RunContext,
    private readonly reader: AwsEvidenceReader,
    private readonly inputs: SoakInputs,
  ) {}

  private get now(): Date {
    return this.context.now;
  }

  private listed(source: SoakSource): boolean {
    return this.context.settings.evidence.includes(source);
  }

  /** Regions of `env` to look for an AMI read in `known` regions of another environment. */
  private lookRegions(env: string, known: string[] | undefined): string[] {
    const all = this.reader.regions(env);
    if (!known) return all;
    const shared = all.filter((region) => known.includes(region));
    return shared.length > 0 ? shared : all;
  }

  // ------------------------------------------------------------------------------------------ candidates

  candidates(): Candidate[] {
    const { mode, settings } = this.context;
    if (mode === 'pr') {
      const values = this.inputs.promotable;
      if (!values) return [];
      return values.incoming
        .filter((value) => value.kind === 'ami' || value.kind === 'ami-lookup')
        .map((value) => ({
          ami: value.value,
          kind: value.kind === 'ami' ? 'ami' : 'ami-lookup',
          environment: value.environment,
          previous: value.previous,
          origin: { detail: `${value.label} at ${value.file}:${value.line}`, file: value.file, line: value.line, column: value.column },
          git: { intervals: value.intervals, baseName: values.baseName, base: values.base },
        }));
    }
    if (mode === 'preflight') {
      const preflight = this.inputs.live.preflight;
      if (!preflight) return [];
      const previous = previousEnvironment(settings, preflight.environment);
      if (!previous) {
        this.context.journal.note('soak', `${preflight.environment} is the first environment of the promotion order: its AMI has no previous environment to soak in.`);
      }
      return preflight.candidates.map((entry) => ({
        ami: entry.ami,
        kind: 'ami',
        environment: preflight.environment,
        ...(previous ? { previous } : {}),
        origin: entry.origin,
        ...(entry.region ? { regions: [entry.region] } : {}),
      }));
    }
    const result: Candidate[] = [];
    for (const [env, entries] of this.inputs.live.environments) {
      const previous = previousEnvironment(settings, env);
      if (!previous) continue;
      const byAmi = new Map<string, LiveAmi[]>();
      for (const entry of entries) byAmi.set(entry.ami, [...(byAmi.get(entry.ami) ?? []), entry]);
      for (const [ami, found] of byAmi) {
        const origin = (found.find((entry) => entry.source !== 'terraform') ?? found[0]!).origin;
        const anyRegion = found.some((entry) => !entry.region);
        result.push({
          ami,
          kind: 'ami',
          environment: env,
          previous,
          origin: found.length > 1 ? { ...origin, detail: [...new Set(found.map((entry) => entry.origin.detail))].join('; ') } : origin,
          ...(anyRegion ? {} : { regions: [...new Set(found.map((entry) => entry.region!))] }),
        });
      }
    }
    return result;
  }

  // ------------------------------------------------------------------------------------------ reads

  private async describeAll(requests: { env: string; region: string; ami: string }[]): Promise<void> {
    const groups = new Map<string, { env: string; region: string; ids: Set<string> }>();
    for (const { env, region, ami } of requests) {
      const key = `${this.reader.credentials(env)}|${region}`;
      const group = groups.get(key) ?? { env, region, ids: new Set<string>() };
      group.ids.add(ami);
      groups.set(key, group);
    }
    // Issued in one turn, so the reader sends each region's ids together.
    await Promise.all(
      [...groups.entries()].map(async ([key, group]) => {
        try {
          const found = await this.reader.describe(group.env, group.region, [...group.ids]);
          for (const [id, image] of found) this.described.set(`${key}|${id}`, image);
        } catch (error) {
          const failure = failureOf(error, group.env);
          this.imageFailures.set(key, failure);
          this.failures.push(failure);
        }
      }),
    );
  }

  private image(env: string, region: string, ami: string): ImageState | null | undefined {
    return this.described.get(`${this.reader.credentials(env)}|${region}|${ami}`);
  }

  /** When the image was created, from any lookup made: an AMI cannot have served before it existed. */
  private creationOf(ami: string): number | undefined {
    for (const image of this.described.values()) if (image?.id === ami && image.creationDate) return Date.parse(image.creationDate);
    return undefined;
  }

  /**
   * Git: when each AMI was in `env`'s Terraform on the first-parent history of the checked-out branch
   * (audit, preflight), stored under `key` (the environment, or `live:<env>` for when it reached N).
   */
  private async presence(key: string, env: string, amis: string[]): Promise<void> {
    if (amis.length === 0 || this.gitByEnv.has(key)) return;
    const { terraform } = this.inputs;
    try {
      const base = await resolveCommit(this.context.workspace, 'HEAD');
      if (!base) throw new GitHistoryError('The checkout has no HEAD commit to read history from.', 'Run deploy-guard after actions/checkout with fetch-depth: 0.');
      const values: PromotableValue[] = amis.map((ami) => ({ kind: 'ami', key: '', value: ami, label: ami, needles: [ami] }));
      const history = await presenceHistory({ cwd: this.context.workspace, base, values, belongs: (path) => terraform.reach(path).has(env) });
      const intervals = new Map<string, PresenceInterval[]>();
      for (const ami of amis) intervals.set(ami, history.intervals.get(valueId({ kind: 'ami', key: '', value: ami })) ?? []);
      this.gitByEnv.set(key, { intervals, base });
    } catch (error) {
      this.gitByEnv.set(key, failureOf(error, env));
    }
  }

  // ------------------------------------------------------------------------------------------ sources

  private notConfiguredAws(env: string): { summary: string; fix: string } {
    return {
      summary: `no AWS configured for ${env} (no aws.regions and no aws-region input)`,
      fix: `Set environments.${env}.aws.regions (or the aws-region input) and give the job AWS credentials, or rely on other evidence sources.`,
    };
  }

  private async ssm(candidate: Candidate, env: string): Promise<SourceReading> {
    const source = 'ssm';
    const regions = this.lookRegions(env, candidate.regions);
    if (regions.length === 0) return { source, state: 'not-configured', ...this.notConfiguredAws(env) };
    const parameters = this.reader.environment(env).amis.ssmParameters;
    if (parameters.length === 0) {
      return { source, state: 'not-configured', summary: `environments.${env}.amis.ssm-parameters lists no parameter`, fix: `List the SSM parameter that holds ${env}'s AMI id under environments.${env}.amis.ssm-parameters.` };
    }
    if (candidate.kind !== 'ami') return { source, state: 'not-configured', summary: 'an AMI lookup has no id to follow in SSM', fix: 'Pin the AMI id in Terraform.' };
    const aws = await this.reader.aws();
    const intervals: ServedInterval[] = [];
    const failures: EvidenceFailure[] = [];
    const cutOff: string[] = [];
    const looked: string[] = [];
    for (const name of parameters) {
      const missing: EvidenceFailure[] = [];
      for (const region of regions) {
        let history;
        try {
          history = await this.reader.parameterHistory(env, region, name);
        } catch (error) {
          if (isEvidenceError(error) && error.reason === 'not-found') missing.push(failureOf(error, env));
          else failures.push(failureOf(error, env));
          continue;
        }
        const first = history.versions[0]!;
        const last = history.versions.at(-1)!;
        looked.push(`${name} in ${region} (versions ${first.version}–${last.version} kept, since ${iso(first.modified)})`);
        const found = aws.intervalsOf(history, candidate.ami, this.now);
        for (const interval of found) {
          const version = history.versions.find((entry) => entry.modified.getTime() === interval.from.getTime() && entry.value.trim() === candidate.ami);
          const by = version?.user ? ` (set by ${version.user})` : '';
          intervals.push({
            from: iso(interval.from),
            ...(interval.to ? { to: iso(interval.to) } : {}),
            ...(interval.fromIsOldestKept ? { mayStartEarlier: true } : {}),
            what: `${name} in ${region} held it from ${version ? `version ${version.version} at ` : ''}${iso(interval.from)}${by}${interval.fromIsOldestKept ? ' (or earlier: older versions are no longer kept)' : ''} ${interval.to ? `to ${iso(interval.to)}` : 'until now'}`,
          });
        }
        if (found.length === 0 && history.possiblyTruncated) {
          // SSM keeps 100 versions: what was before the oldest kept one is unknown, unless the image is younger.
          const created = this.creationOf(candidate.ami);
          if (created === undefined || created < first.modified.getTime()) {
            cutOff.push(`${name} in ${region} keeps only versions ${first.version}–${last.version} (since ${iso(first.modified)}); ${candidate.ami} is not among them and may have been there before`);
          }
        }
      }
      if (missing.length === regions.length && missing[0]) failures.push(missingEverywhere(`SSM parameter ${name}`, 'ssm-parameters', env, regions, missing[0]));
    }
    if (failures.length > 0) return { source, state: 'failed', summary: uniqueFailures(failures).map((failure) => failure.message).join(' '), failures: uniqueFailures(failures) };
    if (intervals.length > 0) return { source, state: 'shown', intervals, summary: intervals.map((interval) => interval.what).join('; ') };
    if (cutOff.length > 0) {
      return {
        source,
        state: 'unavailable',
        summary: `history cut off: ${cutOff.join('; ')}`,
        fix: `SSM keeps only the last 100 versions of a parameter. Let another source prove the soak: tag the AMI deploy-guard:${env}-since=<ISO time> in the pipeline, or keep the AMI id in ${env}'s Terraform (git).`,
      };
    }
    return { source, state: 'nothing', summary: `never held ${candidate.ami}: ${looked.join('; ')}` };
  }

  private async ec2(candidate: Candidate, env: string): Promise<SourceReading> {
    const source = 'ec2';
    const regions = this.lookRegions(env, candidate.regions);
    if (regions.length === 0) return { source, state: 'not-configured', ...this.notConfiguredAws(env) };
    const { instanceTags, launchTemplates } = this.reader.environment(env).amis;
    const tagText = Object.entries(instanceTags)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    if (tagText === '' && launchTemplates.length === 0) {
      return { source, state: 'not-configured', summary: `environments.${env}.amis lists no instance-tags and no launch-templates`, fix: `Set environments.${env}.amis.instance-tags (e.g. { Environment: ${env} }) or launch-templates.` };
    }
    if (candidate.kind !== 'ami') return { source, state: 'not-configured', summary: 'an AMI lookup has no id to look for in EC2', fix: 'Pin the AMI id in Terraform.' };
    const intervals: ServedInterval[] = [];
    const failures: EvidenceFailure[] = [];
    const looked: string[] = [];
    if (tagText !== '') {
      for (const region of regions) {
        try {
          const instances = await this.reader.instances(env, region);
          const running = instances.filter((instance) => instance.imageId === candidate.ami);
          looked.push(`${plural(instances.length, 'instance')} tagged ${tagText} in ${region}`);
          const earliest = running[0];
          if (earliest) {
            intervals.push({
              from: iso(earliest.launchTime),
              what: `${plural(running.length, 'instance')} tagged ${tagText} run it in ${region}; the earliest still running, ${earliest.id}, launched at ${iso(earliest.launchTime)}`,
            });
          }
        } catch (error) {
          failures.push(failureOf(error, env));
        }
      }
    }
    for (const name of launchTemplates) {
      const missing: EvidenceFailure[] = [];
      for (const region of regions) {
        let template;
        try {
          template = await this.reader.launchTemplate(env, region, name);
        } catch (error) {
          if (isEvidenceError(error) && error.reason === 'not-found') missing.push(failureOf(error, env));
          else failures.push(failureOf(error, env));
          continue;
        }
        looked.push(`launch template ${name} in ${region} (${plural(template.versions.length, 'version')})`);
        // Consecutive versions that set this AMI: from the first one's creation to the creation of the next version that does not.
        let start: (typeof template.versions)[number] | undefined;
        let end: (typeof template.versions)[number] | undefined;
        const close = (next?: (typeof template.versions)[number]) => {
          if (!start || !end) return;
          const range = start.number === end.number ? `version ${start.number}` : `versions ${start.number}–${end.number}`;
          intervals.push({
            from: iso(start.createTime),
            ...(next ? { to: iso(next.createTime) } : {}),
            what: `launch template ${name} in ${region}: ${range} set it, created from ${iso(start.createTime)}${start.createdBy ? ` by ${start.createdBy}` : ''}${next ? ` until version ${next.number} at ${iso(next.createTime)}` : ` (default is version ${template.defaultVersion})`}`,
          });
          start = undefined;
          end = undefined;
        };
        for (const version of template.versions) {
          if (version.imageId?.trim() === candidate.ami) {
            start ??= version;
            end = version;
          } else close(version);
        }
        close();
      }
      if (missing.length === regions.length && missing[0]) failures.push(missingEverywhere(`Launch template ${name}`, 'launch-templates', env, regions, missing[0]));
    }
    if (failures.length > 0) return { source, state: 'failed', summary: uniqueFailures(failures).map((failure) => failure.message).join(' '), failures: uniqueFailures(failures) };
    if (intervals.length > 0) return { source, state: 'shown', intervals, summary: intervals.map((interval) => interval.what).join('; ') };
    return { source, state: 'nothing', summary: `no sign of ${candidate.ami}: ${looked.join('; ')}` };
  }

  private async tags(candidate: Candidate, env: string): Promise<SourceReading> {
    const source = 'tags';
    const regions = this.lookRegions(env, candidate.regions);
    if (regions.length === 0) return { source, state: 'not-configured', ...this.notConfiguredAws(env) };
    if (candidate.kind !== 'ami') return { source, state: 'not-configured', summary: 'an AMI lookup has no id whose tags could be read', fix: 'Pin the AMI id in Terraform.' };
    const key = `deploy-guard:${env}-since`;
    const intervals: ServedInterval[] = [];
    const failures: EvidenceFailure[] = [];
    const seen: string[] = [];
    for (const region of regions) {
      const image = this.image(env, region, candidate.ami);
      if (image === undefined) {
        // DescribeImages failed there.
        const failure = this.imageFailures.get(`${this.reader.credentials(env)}|${region}`);
        if (failure) failures.push(failure);
        continue;
      }
      if (image === null) continue;
      seen.push(region);
      try {
        const since = await this.reader.sinceTag(env, image);
        if (since) intervals.push({ from: iso(since), what: `tag ${key}=${iso(since)} on ${candidate.ami} in ${region}` });
      } catch (error) {
        failures.push(failureOf(error, env));
      }
    }
    if (failures.length > 0) return { source, state: 'failed', summary: uniqueFailures(failures).map((failure) => failure.message).join(' '), failures: uniqueFailures(failures) };
    if (intervals.length > 0) return { source, state: 'shown', intervals, summary: intervals.map((interval) => interval.what).join('; ') };
    return {
      source,
      state: 'nothing',
      summary: seen.length > 0 ? `${candidate.ami} has no ${key} tag (${seen.join(', ')})` : `${candidate.ami} is not visible to ${env}'s account in ${regions.join(', ')}`,
    };
  }

  private git(candidate: Candidate, env: string): SourceReading {
    const source = 'git';
    let intervals: PresenceInterval[];
    let where: string;
    if (candidate.git) {
      intervals = candidate.git.intervals;
      where = `${candidate.git.baseName} (${candidate.git.base.slice(0, 7)})`;
    } else {
      const presence = this.gitByEnv.get(env);
      if (!presence) return { source, state: 'nothing', summary: `${candidate.ami} was not searched in ${env}'s Terraform` };
      if ('reason' in presence) return { source, state: 'failed', summary: presence.message, failures: [presence] };
      intervals = presence.intervals.get(candidate.ami) ?? [];
      where = `the checked-out branch (${presence.base.slice(0, 7)})`;
    }
    const shown: ServedInterval[] = intervals.map((interval) => ({
      from: interval.from,
      ...(interval.to ? { to: interval.to } : {}),
      what: `${candidate.kind === 'ami' ? candidate.ami : 'the lookup'} landed in ${env}'s Terraform (${interval.fromFile}) on ${where} at ${iso(interval.from)} (${interval.fromMerge ? 'merge' : 'commit'} ${interval.fromCommit.slice(0, 7)})${interval.to ? `, removed at ${iso(interval.to)}` : ''}`,
    }));
    if (shown.length > 0) return { source, state: 'shown', intervals: shown, summary: `${shown.map((interval) => interval.what).join('; ')} — proves intent, not what ran` };
    return { source, state: 'nothing', summary: `in no Terraform of ${env} on the first-parent history of ${where}` };
  }

  private async readings(candidate: Candidate, env: string): Promise<SourceReading[]> {
    return Promise.all(
      this.context.settings.evidence.map((source): Promise<SourceReading> | SourceReading => {
        switch (source) {
          case 'ssm':
            return this.ssm(candidate, env);
          case 'ec2':
            return this.ec2(candidate, env);
          case 'tags':
            return this.tags(candidate, env);
          case 'git':
            return this.git(candidate, env);
        }
      }),
    );
  }

  /** Audit: the earliest time any source shows the AMI live in N. */
  private reachedAt(candidate: Candidate): SoakCase['reachedAt'] {
    const times: { at: string; what: string; mayBeEarlier?: boolean }[] = [];
    for (const entry of this.inputs.live.environments.get(candidate.environment) ?? []) {
      if (entry.ami === candidate.ami && entry.since) times.push(entry.since);
    }
    const presence = this.gitByEnv.get(`live:${candidate.environment}`);
    if (presence && !('reason' in presence)) {
      const current = presence.intervals.get(candidate.ami)?.at(-1);
      if (current && !current.to) times.push({ at: current.from, what: `it landed in ${candidate.environment}'s Terraform (${current.fromFile}) at ${iso(current.from)} (${current.fromMerge ? 'merge' : 'commit'} ${current.fromCommit.slice(0, 7)})` });
    }
    times.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return times[0];
  }

  private record(candidate: Candidate, env: string, readings: SourceReading[]): void {
    for (const reading of readings) {
      if (this.journalled === JOURNAL_LIMIT) this.context.journal.note('soak', `Soak evidence: only the first ${JOURNAL_LIMIT} statements are listed; every finding carries its own.`);
      if (this.journalled++ >= JOURNAL_LIMIT) return;
      this.context.journal.record({ source: reading.source, text: `${candidate.ami} in ${env} (before ${candidate.environment}): ${reading.state === 'shown' ? '' : `${reading.state}: `}${reading.summary}` });
    }
  }

  // ------------------------------------------------------------------------------------------ run

  async gather(): Promise<AmiSoakFacts> {
    const { settings, mode, journal } = this.context;
    const candidates = this.candidates();
    const allowedOwners = [...new Set([...settings.environments.values()].map((env) => env.aws?.accountId).filter((id): id is string => id !== undefined))];
    const result: AmiSoakFacts = { cases: [], health: [], allowedOwners, floating: this.inputs.live.floating, failures: [] };
    if (candidates.length === 0) {
      result.failures = uniqueFailures([...this.inputs.live.failures]);
      return result;
    }

    const ids = candidates.filter((candidate) => candidate.kind === 'ami');
    // One round of DescribeImages: health in N, the pipeline's tag in N-1.
    const requests: { env: string; region: string; ami: string }[] = [];
    for (const candidate of ids) {
      for (const region of candidate.regions ?? this.reader.regions(candidate.environment)) requests.push({ env: candidate.environment, region, ami: candidate.ami });
      if (candidate.previous && this.listed('tags')) {
        for (const region of this.lookRegions(candidate.previous, candidate.regions)) requests.push({ env: candidate.previous, region, ami: candidate.ami });
      }
    }
    const git: Promise<void>[] = [];
    if (mode !== 'pr') {
      const byPrevious = new Map<string, string[]>();
      for (const candidate of ids) if (candidate.previous) byPrevious.set(candidate.previous, [...(byPrevious.get(candidate.previous) ?? []), candidate.ami]);
      if (this.listed('git')) for (const [env, amis] of byPrevious) git.push(this.presence(env, env, [...new Set(amis)]));
      if (mode === 'audit') {
        // When an AMI that only Terraform names went live in N: when it landed there.
        const byEnv = new Map<string, string[]>();
        for (const [env, entries] of this.inputs.live.environments) {
          byEnv.set(env, [...new Set(entries.filter((entry) => entry.source === 'terraform').map((entry) => entry.ami))]);
        }
        for (const [env, amis] of byEnv) git.push(this.presence(`live:${env}`, env, amis));
      }
    }
    await Promise.all([this.describeAll(requests), ...git]);

    if (this.listed('git')) journal.note('soak', 'Git evidence shows when an AMI id landed in an environment\'s Terraform on the base branch: it proves intent, not what ran.');
    const awsSources = settings.evidence.filter((source) => source !== 'git');
    for (const env of new Set(candidates.map((candidate) => candidate.previous).filter((env): env is string => env !== undefined))) {
      if (awsSources.length > 0 && this.reader.regions(env).length === 0) {
        journal.note(
          'soak',
          settings.evidence.includes('git')
            ? `No AWS configured for ${env} (no aws.regions and no aws-region input): only the git source can show that an AMI served ${env}.`
            : `No AWS configured for ${env} (no aws.regions and no aws-region input), and evidence lists only AWS sources (${awsSources.join(', ')}): soak in ${env} cannot be evaluated.`,
        );
      }
    }

    result.cases = await Promise.all(
      candidates
        .filter((candidate) => candidate.previous !== undefined)
        .map(async (candidate): Promise<SoakCase> => {
          const previous = candidate.previous!;
          const readings = await this.readings(candidate, previous);
          this.record(candidate, previous, readings);
          const reachedAt = mode === 'audit' ? this.reachedAt(candidate) : undefined;
          return {
            ami: candidate.ami,
            environment: candidate.environment,
            previous,
            requiredMs: settings.environments.get(candidate.environment)?.soakMs ?? 0,
            origin: candidate.origin,
            ...(reachedAt ? { reachedAt } : {}),
            readings,
          };
        }),
    );

    const noAws = new Set<string>();
    for (const candidate of ids) {
      const regions = candidate.regions ?? this.reader.regions(candidate.environment);
      if (regions.length === 0) noAws.add(candidate.environment);
      const lookups = regions.map((region) => ({ region, image: this.image(candidate.environment, region, candidate.ami) }));
      const failed = lookups.some((lookup) => lookup.image === undefined);
      result.health.push({
        ami: candidate.ami,
        environment: candidate.environment,
        origin: candidate.origin,
        lookups: lookups.filter((lookup) => lookup.image !== undefined).map((lookup) => ({ region: lookup.region, image: lookup.image ?? null })),
        ...(failed ? { failed } : {}),
      });
    }
    for (const env of noAws) journal.note('soak', `No AWS configured for ${env}: whether its AMIs exist, are available and not deprecated (DG103) was not checked.`);
    if (allowedOwners.length === 0 && ids.length > 0 && noAws.size < new Set(ids.map((candidate) => candidate.environment)).size) {
      journal.note('soak', 'No environment sets aws.account-id: the owner of each AMI is not checked (DG103 still checks that it exists, is available and is not deprecated).');
    }
    result.failures = uniqueFailures([...this.inputs.live.failures, ...this.failures]);
    return result;
  }

}

export async function gatherAmiSoak(context: RunContext, reader: AwsEvidenceReader, inputs: SoakInputs): Promise<AmiSoakFacts> {
  return new SoakGathering(context, reader, inputs).gather();
}

/**
 * The soak family's gatherers. One AWS reader per run, shared by both facts (the SDK loads on the
 * first read only); tests inject retry delays so nothing waits.
 */
export function soakGatherers(options: AwsReadOptions = {}): {
  liveAmis: (context: RunContext, facts: FactStore) => Promise<Facts['liveAmis']>;
  amiSoak: (context: RunContext, facts: FactStore) => Promise<Facts['amiSoak']>;
} {
  const readers = new WeakMap<RunContext, AwsEvidenceReader>();
  const readerFor = (context: RunContext): AwsEvidenceReader => {
    let reader = readers.get(context);
    if (!reader) {
      reader = new AwsEvidenceReader(context.settings, context.now, options);
      readers.set(context, reader);
    }
    return reader;
  };
  return {
    liveAmis: async (context, facts) => {
      if (context.mode === 'pr') return { environments: new Map(), floating: [], failures: [] };
      if (context.mode === 'preflight') checkedPreflightTarget(context.settings);
      return gatherLiveAmis(context, readerFor(context), { terraform: await facts.get('terraform') });
    },
    amiSoak: async (context, facts) => {
      const [terraform, live, promotable] = await Promise.all([
        facts.get('terraform'),
        facts.get('liveAmis'),
        context.mode === 'pr' ? facts.get('promotableValues') : Promise.resolve(undefined),
      ]);
      return gatherAmiSoak(context, readerFor(context), { terraform, live, ...(promotable ? { promotable } : {}) });
    },
  };
}

