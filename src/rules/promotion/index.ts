// Terraform promotion (DG3xx) and the Terraform side of floating AMIs (DG105).
import { appliedBeforeReview, appliedButUnmerged } from './applied.js';
import { floatingAmi } from './floatingAmi.js';
import { stagingAndProdInOneChange } from './stagingAndProd.js';
import { unmappedTerraform } from './unmappedTerraform.js';
import { valueNeverInPreviousEnv, valueNotSoaked } from './valueSoak.js';

export const PROMOTION_RULES = [
  floatingAmi,
  stagingAndProdInOneChange,
  valueNotSoaked,
  valueNeverInPreviousEnv,
  appliedButUnmerged,
  appliedBeforeReview,
  unmappedTerraform,
] as const;
