/** AWS adapters: gather facts for the rules; never decide outcomes. */
export * from './errors.js';
export * from './clients.js';
export * from './ec2.js';
export * from './ssm.js';
export * from './tags.js';
export { safePages, collect, MAX_PAGES } from './pages.js';
