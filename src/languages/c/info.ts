import type { BuildSetup } from './build-setup.js';
import type { BuildSystem } from './build-system.js';

/** What resolve() hands build(): the build system, the program's target, its libraries and what the builder needs. */
export interface CInfo extends BuildSetup {
  system: BuildSystem;
  /** The target or executable name the build system knows; single: the file with main(). */
  target: string;
  /** Make: the folder whose Makefile makes the target (a folder the top one hands the build to), or '' for the top one. */
  makeIn: string;
  sources: string[];
  cxx: boolean;
  libs: string[];
  unknownLibs: string[];
  /** Debian -dev packages of the libraries data/libraries.json does not know (data/debian-dev.json). */
  debianDev: string[];
  /** Runtime requirements from known libraries (libz, libssl): the builder installs their -dev packages. */
  known: string[];
}
