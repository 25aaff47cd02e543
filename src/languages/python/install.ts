import type { Scan } from '../../core/scan.js';
import { obj, str } from '../../core/parse.js';
import type { Decision } from '../../core/types.js';
import type { Dependencies } from './dependencies.js';
import { VENV, type Manager, type PoetryMode } from './info.js';
import { LOCK_FILES } from './manager.js';
import { runtimeGroups, type Manifests } from './manifests.js';

/** Whether the project itself is installed into the venv, and how a Poetry project installs. */
export interface InstallMode {
  installsProject: boolean;
  poetryMode: PoetryMode | undefined;
}

/**
 * Whether the project itself is installed into the venv (its console scripts need that).
 * Poetry with a lock: `poetry export` turns it into pinned requirements with their hashes, and pip
 * installs exactly those (Poetry stays in the builder). Without a lock, a package whose build
 * backend is poetry-core installs with pip like any PEP 517 project; only a lockless
 * non-package project needs Poetry itself to resolve.
 */
export function installMode(scan: Scan, m: Manifests, manager: Manager, scripts: Record<string, unknown>): InstallMode {
  const installsProject =
    (manager === 'project' && !(runtimeGroups(m).length && !scan.has('setup.py') && !scan.has('setup.cfg'))) ||
    manager === 'pdm' ||
    (manager === 'uv' && !!m.project) ||
    (manager === 'poetry' &&
      m.poetry?.['package-mode'] !== false &&
      (!!m.poetry?.packages || !!m.project || Object.keys(scripts).length > 0));
  const backend = str(obj(m.pyproject?.['build-system'])?.['build-backend']) ?? '';
  const poetryMode: PoetryMode | undefined =
    manager !== 'poetry'
      ? undefined
      : scan.has('poetry.lock')
        ? 'export'
        : installsProject && backend.startsWith('poetry.core')
          ? 'pip'
          : 'install';
  return { installsProject, poetryMode };
}

/** Managers that install requirements, not the project: its console scripts need it installed after. */
const fromRequirements = (manager: Manager): boolean => manager === 'pip' || manager === 'pipenv';

/**
 * A program that is one of the project's own console scripts exists only once the project is
 * installed: requirements-file and Pipfile projects then install it too (with no dependencies:
 * those came from the requirements).
 */
export function withOwnScript(mode: InstallMode, manager: Manager, program: { ownScript?: boolean }): InstallMode {
  return program.ownScript && fromRequirements(manager) ? { ...mode, installsProject: true } : mode;
}

/** How the dependencies install, in words. */
function installWords(
  scan: Scan,
  manager: Manager,
  poetryMode: PoetryMode | undefined,
  deps: Dependencies,
  groups: string[],
): string {
  const unhashed = deps.lock?.unhashed;
  switch (manager) {
    case 'uv':
      return 'uv sync --frozen --no-dev';
    case 'poetry':
      return {
        export: `poetry export --only main${unhashed ? ' --without-hashes' : ''}, then pip install --no-deps${unhashed ? '' : ' (with the hashes it pins)'}`,
        pip: 'pip install . (poetry-core builds it; no lock: versions resolve at build time)',
        install: 'poetry install --only main',
      }[poetryMode ?? 'install'];
    case 'pdm':
      return 'pdm sync --prod';
    case 'pipenv':
      return scan.has('Pipfile.lock')
        ? 'pipenv requirements --hash of Pipfile.lock (after pipenv verify), then pip install --no-deps'
        : 'pipenv install (no lock: versions resolve at build time)';
    case 'pip':
      return `pip install -r ${deps.reqs?.files[0] ?? 'requirements.txt'}${deps.reqs?.hashes ? ' (with the hashes it pins)' : ''}`;
    case 'project':
      return groups.length
        ? `pip install --group ${groups.join(' --group ')} (PEP 735 dependency groups, pip 25.1 or newer; no lock: versions resolve at build time)`
        : 'pip install . (no lock: versions resolve at build time)';
  }
}

/** The Install decision: how the dependencies go into the venv, and from which files. */
export function installDecision(
  scan: Scan,
  manager: Manager,
  poetryMode: PoetryMode | undefined,
  deps: Dependencies,
  installsProject = false,
  m?: Manifests,
): Decision {
  const groups = manager === 'project' && !installsProject && m ? runtimeGroups(m) : [];
  const lockFile = LOCK_FILES[manager];
  // The project after its dependencies, where the requirements do not install it (its console script runs).
  const then = installsProject && fromRequirements(manager) ? ', then pip install --no-deps .' : '';
  return {
    topic: 'Install',
    choice: `${installWords(scan, manager, poetryMode, deps, groups)}${then} into ${VENV}`,
    because:
      lockFile && scan.has(lockFile)
        ? lockFile
        : manager === 'pip'
          ? deps.reqs?.files.join(', ') || 'requirements.txt'
          : manager === 'project'
            ? 'pyproject.toml / setup.py without a lock'
            : `${manager} files`,
  };
}
