import type { Scan } from '../../core/scan.js';
import type { Toml } from '../../core/parse.js';
import type { Manager } from './info.js';

/** The lock file each manager installs from (pip and a bare project have none). */
export const LOCK_FILES: Record<Manager, string | undefined> = {
  uv: 'uv.lock',
  poetry: 'poetry.lock',
  pdm: 'pdm.lock',
  pipenv: 'Pipfile.lock',
  pip: undefined,
  project: undefined,
};

/** Requirement files a deployment installs, before the general one: the production set when the project has one. */
const REQUIREMENTS_FILES = [
  'requirements-production.txt',
  'requirements-prod.txt',
  'requirements/production.txt',
  'requirements/prod.txt',
  'requirements.txt',
];

/** The requirements file the image installs: a production one when there is one (it holds the server), else requirements.txt. */
export function requirementsFile(scan: Scan): string | undefined {
  return REQUIREMENTS_FILES.find((f) => scan.has(f));
}

/** The manager the project locks with: a lock decides, then the manifests ([tool.poetry] without [project] is Poetry's). */
export function packageManager(
  scan: Scan,
  pyproject: Toml | undefined,
  project: Toml | undefined,
  poetry: Toml | undefined,
): Manager {
  if (scan.has('uv.lock')) return 'uv';
  if (scan.has('poetry.lock') || (poetry && !project)) return 'poetry';
  if (scan.has('pdm.lock')) return 'pdm';
  if (scan.has('Pipfile')) return 'pipenv';
  if (requirementsFile(scan)) return 'pip';
  return pyproject || scan.has('setup.py') || scan.has('setup.cfg') ? 'project' : 'pip';
}

/** A Poetry or Pipenv project without its lock: the build resolves versions anew each time. */
export function missingLock(scan: Scan, manager: Manager): string | undefined {
  const lockFile = LOCK_FILES[manager];
  if (!lockFile || scan.has(lockFile) || (manager !== 'poetry' && manager !== 'pipenv')) return undefined;
  return `There is no ${lockFile}: dependency versions are not pinned and the build resolves them anew each time. Run ${manager === 'poetry' ? 'poetry lock' : 'pipenv lock'} and commit it.`;
}
