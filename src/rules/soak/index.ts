// AMI soak (DG101–DG106): from AWS evidence and git, in pull requests, the audit and the preflight.
import { amiNeverInPreviousEnv } from './neverInPrevious.js';
import { amiNotSoaked } from './notSoaked.js';
import { amiNotUsable } from './notUsable.js';
import { soakEvidenceUnavailable } from './evidenceUnavailable.js';
import { floatingLiveAmi } from './floatingLive.js';
import { liveAmiUnsoaked } from './liveUnsoaked.js';

export const SOAK_RULES = [amiNotSoaked, amiNeverInPreviousEnv, amiNotUsable, soakEvidenceUnavailable, floatingLiveAmi, liveAmiUnsoaked] as const;
