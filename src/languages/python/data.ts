import { loadData } from '../../core/data.js';
import { LANGUAGE_DATA } from '../data.js';

/** Python packages that need a compiler, a library at run time, or decide Alpine (data/python-packages.json). */
export interface PythonPackage {
  build?: string[];
  library?: string;
  musl?: boolean;
  instead?: string;
  env?: string[];
}
export const PYTHON_PACKAGES = loadData<{ packages: Record<string, PythonPackage> }>('python-packages.json').packages;

/** What data/python-packages.json says of a package, by its own name only (a dependency named constructor is no entry). */
export function packageData(name: string): PythonPackage | undefined {
  return Object.hasOwn(PYTHON_PACKAGES, name) ? PYTHON_PACKAGES[name] : undefined;
}

/** Python's row of data/languages.json: the default release, the builder's glibc, the uv image. */
export const DATA = LANGUAGE_DATA.python;
/** The minor releases an image exists for (oldest first). */
export const KNOWN = DATA.known!;
/** The Python distroless runs: Debian's, one release only. */
export const DISTROLESS_PY = DATA.distroless![0]!;
