import type { Scan } from '../../core/scan.js';
import { obj, readToml, type Toml } from '../../core/parse.js';
import type { Manager } from './info.js';
import { packageManager } from './manager.js';

/** The manifests a Python project is read from, parsed. */
export interface Manifests {
  pyproject: Toml | undefined;
  /** pyproject.toml's [project] (PEP 621). */
  project: Toml | undefined;
  /** pyproject.toml's [tool.poetry]. */
  poetry: Toml | undefined;
  /** The Pipfile, read for a Pipenv project only. */
  pipfile: Toml | undefined;
}

/** pyproject.toml, the manager it and the locks name, and the Pipfile when Pipenv installs from it. */
export function readManifests(scan: Scan): { manifests: Manifests; manager: Manager } {
  const pyproject = readToml(scan, 'pyproject.toml');
  const project = obj(pyproject?.project);
  const poetry = obj(obj(pyproject?.tool)?.poetry);
  const manager = packageManager(scan, pyproject, project, poetry);
  const pipfile = manager === 'pipenv' ? readToml(scan, 'Pipfile') : undefined;
  return { manifests: { pyproject, project, poetry, pipfile }, manager };
}
