import { obj, str, strs, type Toml } from '../../core/parse.js';
import type { Said } from './info.js';
import { requirementName } from './names.js';

/** Build backends (and their plugins) that take the package's version from git tags. */
const FROM_GIT = ['setuptools-scm', 'hatch-vcs', 'poetry-dynamic-versioning', 'flit-scm'];

/**
 * A version taken from git: the build context has no .git, so the build is told one (VERSION).
 * Read from pyproject.toml's build requirements and PDM's or Hatch's version source.
 */
export function versionFromGit(pyproject: Toml | undefined, said: Said): boolean {
  const requires = strs(obj(pyproject?.['build-system'])?.requires).map((r) => requirementName(r) ?? '');
  const scm =
    requires.some((r) => FROM_GIT.includes(r)) ||
    str(obj(obj(obj(pyproject?.tool)?.pdm)?.version)?.source) === 'scm' ||
    str(obj(obj(obj(pyproject?.tool)?.hatch)?.version)?.source) === 'vcs';
  if (scm)
    said.decisions.push({
      topic: 'Version',
      choice: 'from the VERSION build argument (default 0.0.0)',
      because:
        'the package takes its version from git, and .git stays out of the build context: docker build --build-arg VERSION=1.2.3',
    });
  return scm;
}
