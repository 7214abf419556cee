import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  octokitApi
} from "./chunk-L3MQIIOL.js";
import "./chunk-ZOKFIC5L.js";
import "./chunk-WAXSGHYJ.js";
export {
  octokitApi
};
//# sourceMappingURL=githubOctokit-ZAQSLSBT.js.map
