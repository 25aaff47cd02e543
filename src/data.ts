import { readFileSync } from 'node:fs';
import type { Libc, RuntimeId } from './types.js';

/** The JSON tables under data/. Loaded once; all compatibility knowledge lives there. */
export const ROOT = new URL('../', import.meta.url);

export interface RuntimeImage {
  image: string;
  sizeMB: number;
  libcPreference: Libc[];
  provides: string[];
  /** Requirements the image's package manager can add: requirement -> package. */
  installable?: Record<string, string>;
  glibc: string | null;
  /** How the non-root user comes about: numeric only, already in the image, or appended to /etc/passwd. */
  user: 'numeric' | 'builtin' | 'append';
  missing: string;
}

export interface RuntimeInfo {
  summary: string;
  shell: boolean;
  images: RuntimeImage[];
}

export interface LanguageData {
  image: string;
  defaultVersion: string;
  minVersion?: string;
  newestKnown?: string;
  tag: string;
  builderGlibc: string;
  cgoModules?: string[];
  devPackages?: Record<string, string>;
  networkImports?: string[];
}

function load<T>(name: string): T {
  const raw = JSON.parse(readFileSync(new URL(`data/${name}`, ROOT), 'utf8')) as Record<string, unknown>;
  delete raw.$comment;
  return raw as T;
}

export const RUNTIME_DATA = load<Record<RuntimeId, RuntimeInfo>>('runtimes.json');
export const LANGUAGE_DATA = load<Record<'go' | 'c', LanguageData>>('languages.json');
