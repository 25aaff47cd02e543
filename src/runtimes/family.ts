import { loadData, type Libc } from '../core/data.js';
import type { LangId, RuntimeId } from '../core/types.js';

/**
 * A final-stage family: what its images provide (data/runtimes.json: the C library and its
 * version, a shell, CA certificates, a user database, a package manager, a language runtime) and
 * how what the program lacks is added to it. One module a family (runtimes/<id>.ts); the list is
 * runtimes/index.ts; the Dockerfile part is templates/partials/run/<id>.hbs.
 */
export interface RuntimeFamily {
  id: RuntimeId;
  /** How a package the program needs is added to the final stage: Debian's apt, Alpine's apk, or not at all. */
  packages: 'apt' | 'apk' | 'none';
  /** The only languages the family serves (a JRE image serves Java), or all. */
  onlyFor?: readonly LangId[];
}

/** One image of a family, smallest first in data/runtimes.json. */
export interface RuntimeImage {
  image: string;
  sizeMB: number;
  libcPreference: Libc[];
  provides: string[];
  /** A package manager the final stage can use to add libraries the image lacks. */
  packageManager?: 'apt';
  glibc: string | null;
  /** How the non-root user comes about: numeric only, already in the image, or appended to /etc/passwd. */
  user: 'numeric' | 'builtin' | 'append';
  missing: string;
  /** The only language this image serves (the distroless Java images, the JRE). */
  only?: string;
}

export interface RuntimeInfo {
  summary: string;
  shell: boolean;
  images: RuntimeImage[];
}

export const RUNTIME_DATA = loadData<Record<RuntimeId, RuntimeInfo>>('runtimes.json');
