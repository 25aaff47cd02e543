import type { RuntimeFamily } from './family.js';

/** Alpine: musl libc and busybox, with apk to add packages. */
export const alpine: RuntimeFamily = { id: 'alpine', packages: 'apk' };
