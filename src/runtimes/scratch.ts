import type { RuntimeFamily } from './family.js';

/** An empty image: the program and what is copied in, nothing else. */
export const scratch: RuntimeFamily = { id: 'scratch', packages: 'none' };
