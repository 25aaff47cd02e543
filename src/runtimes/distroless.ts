import type { RuntimeFamily } from './family.js';

/** Google's distroless images: a C library, CA certificates and users, no shell, no package manager. */
export const distroless: RuntimeFamily = { id: 'distroless', packages: 'none' };
