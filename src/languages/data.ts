import { loadData } from '../core/data.js';
import type { LangId, RuntimeId } from '../core/types.js';

/** data/languages.json: builder images, versions and runtime preferences, one row a language. */
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

export const LANGUAGE_DATA = loadData<Record<Exclude<LangId, 'cpp'>, LanguageData>>('languages.json');
