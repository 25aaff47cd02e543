import type { RuntimeFamily } from './family.js';

/** busybox:glibc: a shell and glibc, nothing more; what the program links is copied in. */
export const busyboxGlibc: RuntimeFamily = { id: 'busybox-glibc', packages: 'none' };
