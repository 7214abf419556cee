import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  octokitApi
} from "./chunk-ZKXF4RGZ.js";
import "./chunk-O5UWBKZA.js";
import "./chunk-WAXSGHYJ.js";
export {
  octokitApi
};
//# sourceMappingURL=githubOctokit-QIDYUN57.js.map
