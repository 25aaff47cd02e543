import type { RuntimeFamily } from './family.js';

/** Eclipse Temurin's JRE images, for Java alone. */
export const jre: RuntimeFamily = { id: 'jre', packages: 'apt', onlyFor: ['java'] };
