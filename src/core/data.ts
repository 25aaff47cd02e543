import { existsSync, readFileSync } from 'node:fs';
import type { Libc, RuntimeId } from './types.js';

export type { Libc } from './types.js';

/** The JSON tables under data/. Loaded once; all compatibility knowledge lives there. */
/**
 * The package's root: the nearest folder above this file that holds templates/ and data/ (one
 * level up in the bundle, dist/; two in the sources, src/core/).
 */
export const ROOT = ((): URL => {
  for (const up of ['../', '../../', '../../../']) {
    const candidate = new URL(up, import.meta.url);
    if (existsSync(new URL('data/languages.json', candidate)) && existsSync(new URL('templates/', candidate))) return candidate;
  }
  throw new Error('create-slim-dockerfile: its data/ and templates/ folders are missing beside the package');
})();

export interface LanguageData {
  /** Runtimes in the language's order of preference: the default is the first that runs the program. */
  runtimes?: RuntimeId[];
  image: string;
  defaultVersion: string;
  minVersion?: string;
  newestKnown?: string;
  oldestSupported?: string;
  debianGcc?: string;
  gccForCxx?: Record<string, string>;
  supportChecked?: string;
  tag: string;
  builderGlibc: string;
  cgoModules?: string[];
  networkImports?: string[];
  /** Java: the long-term releases Temurin publishes, the newest feature release, and the releases distroless has images for. */
  lts?: string[];
  current?: string;
  distroless?: string[];
  /** Python: the minor releases an image exists for (oldest first), and the uv image tag. */
  known?: string[];
  uvImage?: string;
  /** Node: majors past their end of life (with the date), and the first major whose images are Debian 13 only. */
  eol?: Record<string, string>;
  trixieFrom?: string;
}

/** A table of data/ (its $comment dropped). */
export function loadData<T>(name: string): T {
  const raw = JSON.parse(readFileSync(new URL(`data/${name}`, ROOT), 'utf8')) as Record<string, unknown>;
  delete raw.$comment;
  return raw as T;
}

export interface LibraryInfo {
  /** How build files name it: -l names, CMake targets, pkg-config names without "lib". */
  names: string[];
  /** Debian package the builder installs to link against it. */
  dev: string;
  /** Debian package that provides it at run time. */
  debian: string;
  /** The -dev package ships a static archive that links on its own: a program can be fully static with it. */
  static?: boolean;
}

export const LIBRARIES = loadData<Record<string, LibraryInfo>>('libraries.json');

/** The library (its key in data/libraries.json) that a build-file name refers to. */
export function libraryNamed(name: string): string | undefined {
  return Object.keys(LIBRARIES).find((k) => LIBRARIES[k]!.names.includes(name));
}
/** The package's own version, for --version (the bundle has no package.json of its own to find). */
export const VERSION = (JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { version: string }).version;

export const LANGUAGE_DATA = loadData<Record<'go' | 'c' | 'rust' | 'java' | 'python' | 'node' | 'ruby', LanguageData>>('languages.json');

/** Java modules that jdeps cannot see but a framework loads at run time (data/java-modules.json). */
export interface JavaModuleRule {
  /** Dependencies (group:artifact, or a group prefix ending in ':') that bring the need. */
  match: string[];
  /** Also for any Spring Boot application. */
  boot?: boolean;
  modules: string[];
  why: string;
}
export const JAVA_MODULES = (loadData<{ rules: JavaModuleRule[] }>('java-modules.json')).rules;

/** Crates with native code (data/crates.json). */
export interface CrateInfo {
  library?: string;
  vendoredWhen?: string;
  vendoredWhenDep?: boolean;
  alwaysStatic?: boolean;
  dynamicLibrary?: string;
  buildApt?: string[];
  env?: string[];
  fix?: string;
}
export const CRATES = loadData<Record<string, CrateInfo>>('crates.json');

/** Python packages that need a compiler, a library at run time, or decide Alpine (data/python-packages.json). */
export interface PythonPackage { build?: string[]; library?: string; musl?: boolean; instead?: string; env?: string[] }
export const PYTHON_PACKAGES = (loadData<{ packages: Record<string, PythonPackage> }>('python-packages.json')).packages;

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
export const NODE_PACKAGES = (loadData<{ packages: Record<string, NodePackage> }>('node-packages.json')).packages;

/** Gems with C extensions: what their compile needs and what they load (data/ruby-gems.json). */
export interface RubyGem {
  ext?: boolean;
  build?: string[];
  libraries?: string[];
  /** Linux platforms a precompiled gem is published for (x86_64-linux-gnu, ...). */
  precompiled?: string[];
  musl?: boolean;
}
export const RUBY_GEMS = (loadData<{ gems: Record<string, RubyGem> }>('ruby-gems.json')).gems;
