import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  octokitApi
} from "./chunk-OFEZG5Q6.js";
import "./chunk-WAXSGHYJ.js";
export {
  octokitApi
};
//# sourceMappingURL=githubOctokit-WPLYIWSJ.js.map
