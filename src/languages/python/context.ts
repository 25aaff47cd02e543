import { obj, str, strs } from '../../core/parse.js';
import type { Scan } from '../../core/scan.js';
import type { Manifests } from './manifests.js';
import type { Program } from './program.js';
import { setupCfgFiles } from './setup-cfg.js';

/** The files a package build reads by name: pyproject's and Poetry's readme, and the files setup.cfg names. */
export function packageReadmes(scan: Scan, m: Manifests): string[] {
  const { project, poetry } = m;
  return [project?.readme, obj(project?.readme)?.file, poetry?.readme, ...strs(poetry?.readme)]
    .map(str)
    .filter((r): r is string => !!r)
    .map((r) => r.replace(/^\.\//, ''))
    .concat(setupCfgFiles(scan.read('setup.cfg', 256 * 1024) ?? ''));
}

/** What the build context keeps, and the files the package build and the program read. */
export interface KeptFiles {
  /** The dependency layer's files. */
  manifests: string[];
  readmes: string[];
  program: Program;
  /** The requirement files read (requirements.txt and what it includes). */
  local: string[];
}

/**
 * What the build reads by name: the files copied before the install, the other manifests and
 * locks a package build reads, the readme the package names, and the program's own files.
 */
export function keptFiles(scan: Scan, { manifests, readmes, program, local }: KeptFiles): string[] {
  return [
    ...new Set([
      ...manifests,
      'pyproject.toml',
      'setup.py',
      'setup.cfg',
      'uv.lock',
      'poetry.lock',
      'pdm.lock',
      'Pipfile',
      'Pipfile.lock',
      ...readmes,
      ...(program.files ?? []),
    ]),
  ].filter((f) => local.includes(f) || scan.has(f) || !!program.files?.includes(f));
}

/** .dockerignore lines of a Python project: local venvs, caches, tests, docs, built packages, coverage. */
const PYTHON_IGNORE = [
  '.venv/',
  'venv/',
  '__pycache__/',
  '*.pyc',
  '.pytest_cache/',
  '.mypy_cache/',
  '.ruff_cache/',
  '.tox/',
  '.nox/',
  'tests/',
  'docs/',
  '*.egg-info/',
  'build/',
  'dist/',
  '.coverage',
  'htmlcov/',
];

/** A folder the package build reads (its readme under docs/) stays in the context. */
export function ignoredPaths(readmes: string[]): string[] {
  return PYTHON_IGNORE.filter((i) => !i.endsWith('/') || !readmes.some((r) => r.startsWith(i)));
}
