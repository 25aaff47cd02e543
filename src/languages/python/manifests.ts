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

/** Groups of PEP 735's [dependency-groups] that are for development only (tests, linters, docs, types). */
const DEV_GROUP =
  /^(?:dev|develop|development|tests?|testing|lint|linting|docs?|typing|types|mypy|ci|format|coverage|style|check)$/i;

/**
 * The [dependency-groups] (PEP 735) a project with no [project] table installs from: every group
 * that is not for development (bookwyrm keeps its dependencies in a `main` group and installs
 * them with pip install --group main). Names are plain words only.
 */
export function runtimeGroups(m: Manifests): string[] {
  if (m.project) return [];
  const groups = obj(m.pyproject?.['dependency-groups']) ?? {};
  return Object.keys(groups)
    .filter((g) => /^[a-z\d][\w.-]{0,60}$/i.test(g) && !DEV_GROUP.test(g) && Array.isArray(groups[g]))
    .slice(0, 10);
}
