/**
 * EC2 facts: images (AMIs), running instances, launch-template versions. Read-only; never decides.
 */
import {
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplateVersions,
  type Filter,
  type Image,
  type Tag,
} from '@aws-sdk/client-ec2';
import type { AwsSession } from './clients.js';
import { errorCode, evidenceError, type EvidenceContext } from './errors.js';
import { collect } from './pages.js';

export interface ImageFact {
  id: string;
  region: string;
  /** `available`, `pending`, `failed`, `disabled`, `deregistered`, … as EC2 reports it. */
  state: string;
  /** ISO time from which the AMI is deprecated, if set. */
  deprecationTime?: string;
  /** deprecationTime <= now. */
  deprecated: boolean;
  ownerId: string;
  creationDate: string;
  name?: string;
  tags: Record<string, string>;
}

export interface InstanceFact {
  id: string;
  region: string;
  imageId: string;
  launchTime: Date;
  state: string;
  tags: Record<string, string>;
}

export interface LaunchTemplateVersionFact {
  number: number;
  /** AMI id, or an indirection such as `resolve:ssm:/images/prod/api`; undefined if the version sets none. */
  imageId?: string;
  createTime: Date;
  createdBy?: string;
}

export interface LaunchTemplateFact {
  name: string;
  id: string;
  region: string;
  defaultVersion: number;
  latestVersion: number;
  /** Every version, ascending by number. */
  versions: LaunchTemplateVersionFact[];
}

/** AMI ids per DescribeImages call. */
export const IMAGE_BATCH = 200;
/** Values per filter (EC2 accepts up to 200 values in one filter). */
export const FILTER_VALUES_MAX = 200;

const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function isAmiId(id: string): boolean {
  return AMI_ID.test(id);
}

export function tagsOf(tags: Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function imageFact(img: Image, region: string, now: Date, ctx: EvidenceContext): ImageFact {
  if (!img.ImageId || !img.State || !img.OwnerId || !img.CreationDate) {
    throw evidenceError(
      ctx,
      'unreadable',
      `DescribeImages returned an image without ${!img.ImageId ? 'ImageId' : !img.State ? 'State' : !img.OwnerId ? 'OwnerId' : 'CreationDate'} (${img.ImageId ?? 'unknown id'})`,
      'rerun the workflow; report it if it persists',
    );
  }
  let deprecated = false;
  if (img.DeprecationTime !== undefined) {
    const t = Date.parse(img.DeprecationTime);
    if (Number.isNaN(t)) {
      throw evidenceError(ctx, 'unreadable', `image ${img.ImageId} has an unreadable DeprecationTime ${JSON.stringify(img.DeprecationTime)}`, 'rerun the workflow; report it if it persists');
    }
    deprecated = t <= now.getTime();
  }
  return {
    id: img.ImageId,
    region,
    state: img.State,
    ...(img.DeprecationTime !== undefined ? { deprecationTime: img.DeprecationTime } : {}),
    deprecated,
    ownerId: img.OwnerId,
    creationDate: img.CreationDate,
    ...(img.Name !== undefined ? { name: img.Name } : {}),
    tags: tagsOf(img.Tags),
  };
}

const NOT_FOUND_CODES = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Malformed', 'InvalidAMIID.Unavailable']);

/** The AMI ids an InvalidAMIID.* message names (`The image ids '[ami-1, ami-2]' do not exist`). */
export function amiIdsInMessage(message: string): string[] {
  return [...new Set(message.match(/ami-[0-9a-f]+/g) ?? [])];
}

/**
 * Describe AMIs by id in one region. The result has an entry for every id asked: the image, or
 * `null` when it does not exist there (not found, malformed id, deregistered).
 *
 * EC2 fails the *whole* call with InvalidAMIID.NotFound / .Malformed when any id of a batch does not
 * exist; the ids it names are then marked null and the rest of the batch is asked again. If the
 * message names none of the batch's ids, the batch is split in halves (a single id is then null).
 * Every retry removes at least one id, so this ends.
 */
export async function describeImages(
  session: AwsSession,
  region: string,
  ids: string[],
  options: { now?: Date; batchSize?: number } = {},
): Promise<Map<string, ImageFact | null>> {
  const now = options.now ?? new Date();
  const result = new Map<string, ImageFact | null>();
  const wanted = [...new Set(ids)];
  for (const id of wanted) result.set(id, null);
  const valid = wanted.filter(isAmiId); // malformed ids cannot exist: null without a call
  if (valid.length === 0) return result;
  await session.ensureAccount();
  const client = session.ec2(region);
  const ctx = session.context('ec2', 'DescribeImages', region);

  const describeBatch = async (batch: string[]): Promise<void> => {
    let remaining = batch;
    while (remaining.length > 0) {
      try {
        const images = await collect(
          paginateDescribeImages({ client, stopOnSameToken: true }, { ImageIds: remaining, IncludeDeprecated: true, IncludeDisabled: true }),
          ctx,
          (p) => p.Images,
          { passThrough: (code) => NOT_FOUND_CODES.has(code) },
        );
        const asked = new Set(remaining);
        for (const img of images) {
          if (img.ImageId && asked.has(img.ImageId)) result.set(img.ImageId, imageFact(img, region, now, ctx));
        }
        return;
      } catch (err) {
        if (!NOT_FOUND_CODES.has(errorCode(err))) throw err;
        const named = new Set(amiIdsInMessage(String((err as { message?: unknown }).message ?? '')));
        const missing = remaining.filter((id) => named.has(id));
        if (missing.length > 0) {
          remaining = remaining.filter((id) => !named.has(id)); // those stay null
          continue;
        }
        if (remaining.length === 1) return; // the only id: not found
        const half = Math.ceil(remaining.length / 2);
        await Promise.all([describeBatch(remaining.slice(0, half)), describeBatch(remaining.slice(half))]);
        return;
      }
    }
  };

  await Promise.all(chunks(valid, options.batchSize ?? IMAGE_BATCH).map(describeBatch));
  return result;
}

export interface InstanceFilters {
  tags?: Record<string, string>;
  imageIds?: string[];
}

/**
 * Instances in state pending or running that match every tag and (if given) any of the image ids.
 * Paginated DescribeInstances; image ids are sent in chunks of {@link FILTER_VALUES_MAX}.
 */
export async function instancesRunning(session: AwsSession, region: string, filters: InstanceFilters): Promise<InstanceFact[]> {
  if (filters.imageIds !== undefined && filters.imageIds.length === 0) return [];
  await session.ensureAccount();
  const client = session.ec2(region);
  const ctx = session.context('ec2', 'DescribeInstances', region);
  const base: Filter[] = [{ Name: 'instance-state-name', Values: ['pending', 'running'] }];
  for (const [k, v] of Object.entries(filters.tags ?? {})) base.push({ Name: `tag:${k}`, Values: [v] });
  const imageChunks = filters.imageIds ? chunks([...new Set(filters.imageIds)], FILTER_VALUES_MAX) : [undefined];

  const lists = await Promise.all(
    imageChunks.map((chunk) =>
      collect(
        paginateDescribeInstances(
          { client, stopOnSameToken: true, pageSize: 1000 },
          { Filters: chunk ? [...base, { Name: 'image-id', Values: chunk }] : base },
        ),
        ctx,
        (p) => (p.Reservations ?? []).flatMap((r) => r.Instances ?? []),
      ),
    ),
  );
  const byId = new Map<string, InstanceFact>();
  for (const inst of lists.flat()) {
    if (!inst.InstanceId || !inst.ImageId || !(inst.LaunchTime instanceof Date) || !inst.State?.Name) {
      throw evidenceError(ctx, 'unreadable', `DescribeInstances returned an incomplete instance (${inst.InstanceId ?? 'unknown id'})`, 'rerun the workflow; report it if it persists');
    }
    byId.set(inst.InstanceId, {
      id: inst.InstanceId,
      region,
      imageId: inst.ImageId,
      launchTime: inst.LaunchTime,
      state: inst.State.Name,
      tags: tagsOf(inst.Tags),
    });
  }
  return [...byId.values()].sort((a, b) => a.launchTime.getTime() - b.launchTime.getTime() || a.id.localeCompare(b.id));
}

const LT_NOT_FOUND = /^InvalidLaunchTemplate(Name|Id)\.(NotFound|Malformed)/;

/** Every version of a launch template (DescribeLaunchTemplateVersions, all pages). */
export async function launchTemplate(session: AwsSession, region: string, name: string): Promise<LaunchTemplateFact> {
  await session.ensureAccount();
  const client = session.ec2(region);
  const ctx = session.context('ec2', 'DescribeLaunchTemplateVersions', region, `launch template ${name}`);
  let versions;
  try {
    versions = await collect(
      paginateDescribeLaunchTemplateVersions({ client, stopOnSameToken: true, pageSize: 200 }, { LaunchTemplateName: name }),
      ctx,
      (p) => p.LaunchTemplateVersions,
      { passThrough: (code) => LT_NOT_FOUND.test(code) },
    );
  } catch (err) {
    const code = errorCode(err);
    if (LT_NOT_FOUND.test(code)) {
      throw evidenceError(
        ctx,
        'not-found',
        `the launch template does not exist (${code})`,
        `check environments.${session.environment}.amis.launch-templates, the region and the account`,
        { cause: err },
      );
    }
    throw err;
  }
  const out: LaunchTemplateVersionFact[] = [];
  let id: string | undefined;
  let defaultVersion: number | undefined;
  for (const v of versions) {
    if (v.VersionNumber === undefined || !(v.CreateTime instanceof Date) || !v.LaunchTemplateId) {
      throw evidenceError(ctx, 'unreadable', 'a launch template version came back without VersionNumber, CreateTime or LaunchTemplateId', 'rerun the workflow; report it if it persists');
    }
    id ??= v.LaunchTemplateId;
    if (v.DefaultVersion) defaultVersion = v.VersionNumber;
    const imageId = v.LaunchTemplateData?.ImageId;
    out.push({
      number: v.VersionNumber,
      ...(imageId !== undefined ? { imageId } : {}),
      createTime: v.CreateTime,
      ...(v.CreatedBy !== undefined ? { createdBy: v.CreatedBy } : {}),
    });
  }
  if (!id || out.length === 0) {
    throw evidenceError(ctx, 'not-found', 'the launch template has no versions', `check environments.${session.environment}.amis.launch-templates`);
  }
  if (defaultVersion === undefined) {
    throw evidenceError(ctx, 'truncated', 'no version is marked as the default, so the version list is incomplete', 'rerun the workflow; report it if it persists');
  }
  out.sort((a, b) => a.number - b.number);
  return { name, id, region, defaultVersion, latestVersion: out[out.length - 1]!.number, versions: out };
}
