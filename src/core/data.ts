import { existsSync, readFileSync } from 'node:fs';
export type { Libc } from './types.js';

/** The JSON tables under data/. Loaded once; all compatibility knowledge lives there. */
/**
 * The package's root: the nearest folder above this file that holds templates/ and data/ (one
 * level up in the bundle, dist/; two in the sources, src/core/).
 */
export const ROOT = ((): URL => {
  for (const up of ['../', '../../', '../../../']) {
    const candidate = new URL(up, import.meta.url);
    if (existsSync(new URL('data/languages.json', candidate)) && existsSync(new URL('templates/', candidate)))
      return candidate;
  }
  throw new Error('create-slim-dockerfile: its data/ and templates/ folders are missing beside the package');
})();

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
