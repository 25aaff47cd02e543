import { loadData } from '../../core/data.js';

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
