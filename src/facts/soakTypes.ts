// The facts the AMI soak rules (DG101–DG106) read: which AMIs reach or serve a later environment,
// what each evidence source showed about them in the previous environment, and their health.
// Gathered in facts/liveAmis.ts and facts/soak.ts; the rules weigh them (rules/soak/assess.ts).
import type { EvidenceSource } from '../config/settings.js';

export type SoakSource = EvidenceSource;

/** Where an AMI id was read for an environment. */
export interface AmiOrigin {
  /** For messages: 'launch template api-prod $Default (v7) in us-east-1', 'image_id in resource.aws_launch_template.api (terraform/prod/main.tf:4)'. */
  detail: string;
  file?: string;
  line?: number;
  column?: number;
}

/** A stretch of time during which a source shows the AMI serving an environment. */
export interface ServedInterval {
  /** ISO time. */
  from: string;
  /** ISO time it stopped; absent while it still serves. */
  to?: string;
  /** The AMI may have served before `from` (the SSM history was cut at 100 versions): `from` is only the earliest provable time. */
  mayStartEarlier?: boolean;
  /** What showed it: '/images/staging/api in eu-west-1 held it from version 12 (set by arn:…)'. */
  what: string;
}

/** A read that failed: it blocks (DG104) and says which API, account and region, and how to fix it. */
export interface EvidenceFailure {
  /** Environment whose evidence it was. */
  environment: string;
  /** API operation (GetParameterHistory, DescribeImages, …) or 'git'. */
  api: string;
  region?: string;
  account?: string;
  /** What was read: 'parameter /images/staging/api', 'launch template api-prod'. */
  resource?: string;
  /** Machine-readable cause: access-denied, throttled, no-credentials, account-mismatch, truncated, … */
  reason: string;
  /** The whole sentence, naming API, account and region. */
  message: string;
  fix: string;
}

/**
 * What one evidence source showed about an AMI in one environment. 'nothing' is no counter-evidence;
 * 'unavailable' means the source cannot tell (e.g. history cut off before it); 'failed' means a read failed.
 */
export type SourceReading =
  | { source: SoakSource; state: 'shown'; intervals: ServedInterval[]; summary: string }
  | { source: SoakSource; state: 'nothing'; summary: string }
  | { source: SoakSource; state: 'unavailable'; summary: string; fix: string }
  | { source: SoakSource; state: 'not-configured'; summary: string; fix: string }
  | { source: SoakSource; state: 'failed'; summary: string; failures: EvidenceFailure[] };

/** One AMI that reaches (PR, preflight) or serves (audit) environment N, with the evidence that it served N-1. */
export interface SoakCase {
  ami: string;
  /** Environment N. */
  environment: string;
  /** Environment N-1, where it must have soaked. */
  previous: string;
  /** N's soak. */
  requiredMs: number;
  origin: AmiOrigin;
  /**
   * When it went live in N (audit): only time in N-1 before then counts. Absent: it has not reached N
   * yet (PR, preflight) and the soak counts up to now.
   */
  reachedAt?: { at: string; what: string; mayBeEarlier?: boolean };
  /** One reading per source listed in `evidence`, in that order. */
  readings: SourceReading[];
}

/** An AMI as DescribeImages reported it in one region. */
export interface ImageState {
  id: string;
  region: string;
  state: string;
  deprecated: boolean;
  deprecationTime?: string;
  ownerId: string;
  name?: string;
  creationDate?: string;
}

/** An AMI an environment serves or is about to serve, and what DescribeImages said of it there. */
export interface AmiHealthCheck {
  ami: string;
  environment: string;
  origin: AmiOrigin;
  /** Each region it was looked up in: the image, or null where it does not exist. Empty: not looked up (no AWS). */
  lookups: { region: string; image: ImageState | null }[];
  /** The lookup failed (reported by DG104). */
  failed?: boolean;
}

/** A launch template or parameter of a later environment that takes its AMI from something nobody promotes. */
export interface FloatingLiveAmi {
  environment: string;
  kind: 'public-parameter' | 'unlisted-parameter';
  parameter: string;
  /** 'launch template api-prod $Default (version 7) in us-east-1'. */
  via: string;
  region: string;
  /** What it resolves to now, when that could be read. */
  resolvesTo?: string;
}

/** An AMI live in an environment (or the preflight candidate), and since when this source shows it there. */
export interface LiveAmi {
  ami: string;
  environment: string;
  /** Region it was read in; absent for a Terraform literal or the input (any region of the environment). */
  region?: string;
  source: 'ssm' | 'launch-template' | 'instances' | 'terraform' | 'input';
  origin: AmiOrigin;
  /** Earliest time this source shows it live in the environment. */
  since?: { at: string; mayBeEarlier?: boolean; what: string };
  /** For launch templates: which version alias ($Default, $Latest) selects it. */
  alias?: string;
}

export interface LiveAmis {
  /** Per environment read (audit: every one; preflight: the target), in promotion order. */
  environments: Map<string, LiveAmi[]>;
  /** Preflight: the AMI(s) new instances of the target environment will launch with. */
  preflight?: { environment: string; candidates: LiveAmi[] };
  floating: FloatingLiveAmi[];
  failures: EvidenceFailure[];
}

export interface AmiSoakFacts {
  cases: SoakCase[];
  health: AmiHealthCheck[];
  /** Accounts whose AMIs may serve (the configured account-ids); empty: owners are not checked. */
  allowedOwners: string[];
  floating: FloatingLiveAmi[];
  /** Reads that failed outside any one reading (discovering live AMIs, image lookups). */
  failures: EvidenceFailure[];
}
