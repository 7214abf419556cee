import { ensureBuilt } from './build.js';

// One build before every test process starts, so end-to-end tests run the dist/ of this src/.
export default function setup(): void {
  ensureBuilt();
}
