// The deploy-script binaries family (DG2xx).
import { binaryMissingOnImage } from './binaryMissingOnImage.js';
import { commandNotOnPath } from './commandNotOnPath.js';
import { scriptMissing } from './scriptMissing.js';
import { hardcodedToolPath } from './hardcodedToolPath.js';
import { scriptNotAnalysed } from './scriptNotAnalysed.js';
import { imageInventoryUnavailable } from './imageInventoryUnavailable.js';

export const BINARY_RULES = [binaryMissingOnImage, commandNotOnPath, scriptMissing, hardcodedToolPath, scriptNotAnalysed, imageInventoryUnavailable] as const;
