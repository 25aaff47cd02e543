import { loadData } from '../../core/data.js';

/** Python packages that need a compiler, a library at run time, or decide Alpine (data/python-packages.json). */
export interface PythonPackage {
  build?: string[];
  library?: string;
  musl?: boolean;
  instead?: string;
  env?: string[];
}
export const PYTHON_PACKAGES = loadData<{ packages: Record<string, PythonPackage> }>('python-packages.json').packages;
