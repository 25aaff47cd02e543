import { UserError } from '../../core/errors.js';
import { safeRelPath, shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import { normalizeRel } from '../shared.js';
import type { Bundle } from './bundle.js';
import type { Findings } from './findings.js';

/** The layer of the gems: the files the install reads, copied before the code so that a change to the code keeps it. */
export interface DependencyLayer {
  /** The Gemfile, its lock, path gems, vendor/cache and the version files the Gemfile may read. */
  manifests: string[];
  /** The install reads the project itself (a gemspec, a path gem at the root): everything is copied first. */
  copyFirst: boolean;
  /** vendor/cache holds .gem files: the install downloads nothing. */
  vendorCache: boolean;
}

/**
 * Path gems are copied with the dependency files: inside the project, by a name a COPY line can carry.
 * A path gem at the project's root (path: ".") is the project itself: copied before the install.
 */
function pathGems(scan: Scan, bundle: Bundle, warnings: string[]): { paths: string[]; rootGem: boolean } {
  let rootGem = false;
  const paths = bundle.gemfile.paths.flatMap((p) => {
    const rel = normalizeRel(p.path);
    const from = `${bundle.gemfileName}: gem "${p.name}", path: "${shown(p.path, 80)}"`;
    if (rel === '.' && !p.path.startsWith('/')) {
      rootGem = true;
      return [];
    }
    if (rel === undefined || p.path.startsWith('/') || p.path.startsWith('~')) {
      throw new UserError(
        'E_REFUSED',
        `${from} is not a folder inside the project: a Docker build sees only the project's folder.`,
        `Copy the gem into the project (vendor/gems/${p.name}) and point path: at it, or run this tool in a folder that holds both the app and the gem.`,
      );
    }
    try {
      safeRelPath(rel, 'Path gem folder', '--entry', from);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      throw new UserError(
        e.code,
        e.message,
        'Rename the folder to letters, digits and . _ + - / (at most 255 characters) and change path: in the Gemfile: a COPY line of the dependency layer names it.',
      );
    }
    if (scan.list(rel) === undefined)
      warnings.push(`${from}: there is no such folder in the project, and bundle install fails without it.`);
    return [rel];
  });
  return { paths, rootGem };
}

export function dependencyLayer(scan: Scan, bundle: Bundle, said: Findings): DependencyLayer {
  const { gemfile, gemfileName, lock, lockName } = bundle;
  const vendorCache = (scan.list('vendor/cache') ?? []).some((f) => f.endsWith('.gem'));
  if (vendorCache)
    said.decisions.push({
      topic: 'Gems',
      choice: 'installed from vendor/cache (bundle install --local: no download)',
      because: 'vendor/cache holds .gem files',
    });
  const { paths, rootGem } = pathGems(scan, bundle, said.warnings);
  if (gemfile.skipped)
    said.warnings.push(
      `${gemfileName} has ${gemfile.skipped} line${gemfile.skipped > 1 ? 's' : ''} over 1000 characters, not read: a gem named there is not looked at (native code, groups, path).`,
    );
  // The Gemfile may read .ruby-version (ruby file: ...), so it goes with the dependency files.
  const manifests = gemfileName
    ? [
        ...new Set([
          gemfileName,
          ...(lock ? [lockName] : []),
          ...paths,
          ...(vendorCache ? ['vendor/cache'] : []),
          ...(gemfile.rubyFile && scan.has(gemfile.rubyFile) ? [gemfile.rubyFile] : []),
          ...(scan.has('.ruby-version') ? ['.ruby-version'] : []),
        ]),
      ]
    : [];
  return { manifests, copyFirst: gemfile.gemspec || rootGem, vendorCache };
}
