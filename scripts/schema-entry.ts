export { configJsonSchema } from '../src/config/schema.js';
