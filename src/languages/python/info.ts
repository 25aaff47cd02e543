import type { Decision } from '../../core/types.js';

/** Where the application's virtual environment is made, in the builder and in the final image alike. */
export const VENV = '/opt/venv';

/** The package manager a project locks with; `project` is a pyproject.toml or setup.py with no lock (pip installs it). */
export type Manager = 'uv' | 'poetry' | 'pdm' | 'pipenv' | 'pip' | 'project';

/** How a Poetry project installs: exported from its lock, with pip as a PEP 517 package, or by Poetry. */
export type PoetryMode = 'export' | 'pip' | 'install';

/** Where the fact functions say what they saw, in the order --explain shows it. */
export interface Said {
  warnings: string[];
  decisions: Decision[];
}

/** What resolve() hands build(). */
export interface PythonInfo {
  manager: Manager;
  manifests: string[];
  installsProject: boolean;
  command: string[];
  buildApt: string[];
  collectstatic: boolean;
  env: string[];
  ownsApp: boolean;
  deps: string[];
  /** How a Poetry project installs (undefined for any other manager). */
  poetryMode: PoetryMode | undefined;
  /** The lock has packages from git, a path or a URL (no hashes). */
  unhashed: boolean;
  /** The package's version comes from git (setuptools-scm, hatch-vcs, pdm's scm source). */
  scm: boolean;
  pipfileLock: boolean;
  /** PEP 735 groups pip installs (pip install --group), for a pyproject.toml with no [project] table. */
  groups: string[];
}
