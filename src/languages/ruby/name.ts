import type { Scan } from '../../core/scan.js';
import { plainName } from '../shared.js';
import { rootGemspecs } from './bundle.js';

/** The image's name: the gem's (its gemspec's name), else the project folder's. */
export function projectName(scan: Scan): string {
  return plainName(
    rootGemspecs(scan)[0]?.replace(/\.gemspec$/, '') ?? scan.root.split('/').pop() ?? 'app',
    'Project name',
    'the project folder',
  );
}
