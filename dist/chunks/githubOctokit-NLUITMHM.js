import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  octokitApi
} from "./chunk-VHWLBW72.js";
import "./chunk-3A4YJJAY.js";
import "./chunk-WAXSGHYJ.js";
export {
  octokitApi
};
//# sourceMappingURL=githubOctokit-NLUITMHM.js.map
