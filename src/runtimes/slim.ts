import type { RuntimeFamily } from './family.js';

/** Debian slim images: glibc and the base system, with apt to add packages. */
export const slim: RuntimeFamily = { id: 'slim', packages: 'apt' };
