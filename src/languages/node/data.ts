import { loadData } from '../../core/data.js';

/** npm packages that compile a native addon, load a system library, or decide Alpine (data/node-packages.json). */
export interface NodePackage {
  /** Compiled by node-gyp at install (no prebuilt binary reachable for every platform). */
  gyp?: boolean;
  /** Debian -dev packages the compile needs beyond python3, make and g++. */
  build?: string[];
  /** data/libraries.json names the addon loads at run time. */
  libraries?: string[];
  /** Whether it installs on musl (a musl prebuild or a plain compile). */
  musl?: boolean;
}
export const NODE_PACKAGES = loadData<{ packages: Record<string, NodePackage> }>('node-packages.json').packages;
