import { UserError } from '../../core/errors.js';
import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import type { Manager } from './info.js';
import { PLAIN_PATH, type Requirements } from './requirements.js';

/** The files each manager installs from, before the project's code is copied. */
const LAYER_FILES: Record<Exclude<Manager, 'pip'>, string[]> = {
  uv: ['pyproject.toml', 'uv.lock'],
  poetry: ['pyproject.toml', 'poetry.lock'],
  pdm: ['pyproject.toml', 'pdm.lock'],
  pipenv: ['Pipfile', 'Pipfile.lock'],
  project: [],
};

/**
 * The dependency layer: the files copied before the install (the manager's manifest and lock, or
 * requirements.txt and the files it includes), those the project has. The Dockerfile copies them
 * by name, so each must be a plain path.
 */
export function dependencyFiles(
  scan: Scan,
  manager: Manager,
  reqs: Requirements | undefined,
  groups = false,
): string[] {
  const localFiles = [...(reqs?.files ?? [])];
  // Dependency groups install from pyproject.toml alone, before the code.
  const layer =
    manager === 'pip' ? localFiles : manager === 'project' && groups ? ['pyproject.toml'] : LAYER_FILES[manager];
  const manifests = layer.filter((f) => scan.has(f) || localFiles.includes(f));
  for (const m of manifests) {
    if (!PLAIN_PATH.test(m))
      throw new UserError(
        'E_UNSAFE_VALUE',
        `The dependency file ${shown(m)} cannot be copied by the Dockerfile as it is named (only letters, digits and . _ + - / are accepted).`,
        'Rename it to a plain path (and change what includes it).',
      );
  }
  return manifests;
}
