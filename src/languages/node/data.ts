import { loadData } from '../../core/data.js';
import { LANGUAGE_DATA } from '../data.js';

/** Node.js's row of data/languages.json: the default release, the LTS majors, end-of-life dates. */
export const DATA = LANGUAGE_DATA.node;
/** The LTS majors, oldest first. */
export const LTS = DATA.lts!.map(Number);
/** The Node.js majors distroless publishes an image for. */
export const DISTROLESS = DATA.distroless!.map(Number);
/** The first Node.js major whose images are Debian 13 (glibc 2.41). */
export const TRIXIE_FROM = Number(DATA.trixieFrom);

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
