import { basename } from 'node:path';
import { DATA } from './data.js';
import { readDependencies } from './dependencies.js';
import type { PythonInfo, Said } from './info.js';
import { missingLock } from './manager.js';
import { readManifests } from './manifests.js';
import { installDecision, installMode } from './install.js';
import { chooseProgram, findPrograms } from './programs.js';
import { codeFiles } from './sources.js';
import { nativeNeeds } from './native.js';
import { versionFromGit } from './scm.js';
import { runNeeds } from './needs.js';
import { pythonRuntimes } from './runtimes.js';
import { pythonVersion } from './version.js';
import { normalizeName } from './names.js';
import { PLAIN_PATH } from './requirements.js';
import { setupCfgFiles } from './setup-cfg.js';
import { UserError } from '../../core/errors.js';
import type { Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import { plainName, portFromDockerfile } from '../shared.js';
import { obj, str, strs } from '../../core/parse.js';
import type { Language, ResolveOptions, Resolved } from '../types.js';
import { detectPython } from './detect.js';
import { buildPython, type PythonVars } from './plan.js';

export { normalizeName, requirementName } from './names.js';
export { readRequirements, REQUIREMENTS_LIMITS, type Requirements } from './requirements.js';
export { setupCfgFiles, setupCfgScripts } from './setup-cfg.js';
export { poetryToPep440, pythonMinor } from './version.js';
export type { PythonInfo } from './info.js';
export type { PythonVars } from './plan.js';

/**
 * Python: a virtual environment at /opt/venv made by the package manager the project locks
 * with, and the app beside it. The final image has the same Python at the same path and the
 * same C library as the builder, so the venv's interpreter link and compiled wheels work.
 */
export const python: Language<PythonInfo, PythonVars> = {
  ids: ['python'],

  detect: detectPython,

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved<PythonInfo> {
    const said: Said = { warnings: [], decisions: [] };
    const { warnings, decisions } = said;
    const { manifests: m, manager } = readManifests(scan);
    const { pyproject, project, poetry: poetryTable } = m;
    const noLock = missingLock(scan, manager);
    if (noLock) warnings.push(noLock);
    const dependencies = readDependencies(scan, m, manager, said);
    const { lock, reqs } = dependencies;
    const deps = dependencies.names;
    const v = pythonVersion(scan, m, opts.langVersion, said);
    const { version } = v;
    const native = nativeNeeds(deps, said);
    const { buildApt, libs } = native;

    const sources = codeFiles(scan);
    const found = findPrograms({ scan, sources, deps, said }, m, opts);
    const { installsProject, poetryMode } = installMode(scan, m, manager, found.scripts);
    const { entries, entry, program } = chooseProgram(found.programs, opts, said);
    // The image's name: the project's, or its folder's, made a plain word (a folder may be "My Project").
    const name = plainName(
      normalizeName(str(project?.name) ?? str(poetryTable?.name) ?? basename(scan.root)),
      'Project name',
      'pyproject.toml',
      true,
    );
    decisions.push(installDecision(scan, manager, poetryMode, dependencies));

    const port =
      opts.port !== undefined
        ? { value: opts.port, source: '--port' }
        : program.port
          ? { value: program.port, source: program.source }
          : portFromDockerfile(scan);

    const { strategies, refusals } = pythonRuntimes(v, libs, dependencies, manager, said);

    const { needs, ownsApp } = runNeeds(scan, sources, program, said);
    const scm = versionFromGit(pyproject, said);
    const readmes = [project?.readme, obj(project?.readme)?.file, poetryTable?.readme, ...strs(poetryTable?.readme)]
      .map(str)
      .filter((r): r is string => !!r)
      .map((r) => r.replace(/^\.\//, ''))
      .concat(setupCfgFiles(scan.read('setup.cfg', 256 * 1024) ?? ''));
    const localFiles = [...(reqs?.files ?? [])];
    const manifests = {
      uv: ['pyproject.toml', 'uv.lock'],
      poetry: ['pyproject.toml', 'poetry.lock'],
      pdm: ['pyproject.toml', 'pdm.lock'],
      pipenv: ['Pipfile', 'Pipfile.lock'],
      pip: localFiles,
      project: [],
    }[manager].filter((f) => scan.has(f) || localFiles.includes(f));
    for (const m of manifests) {
      if (!PLAIN_PATH.test(m))
        throw new UserError(
          'E_UNSAFE_VALUE',
          `The dependency file ${shown(m)} cannot be copied by the Dockerfile as it is named (only letters, digits and . _ + - / are accepted).`,
          'Rename it to a plain path (and change what includes it).',
        );
    }
    // What the build reads by name: the files copied before the install, the other manifests and
    // locks a package build reads, the readme the package names, and the program's own files.
    const keep = [
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
    ].filter((f) => localFiles.includes(f) || scan.has(f));
    return {
      lang: 'python',
      name,
      version,
      entries,
      entry,
      port,
      needs,
      strategies,
      refusals,
      builderGlibc: DATA.builderGlibc,
      decisions,
      warnings,
      // A folder the package build reads (its readme under docs/) stays in the context.
      ignore: [
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
      ].filter((i) => !i.endsWith('/') || !readmes.some((r) => r.startsWith(i))),
      keep,
      own: {
        manager,
        manifests,
        installsProject,
        command: program.command,
        buildApt,
        collectstatic: !!program.collectstatic || (program.kind === 'server' && found.djangoStatic),
        deps: [...deps].sort(),
        env: [...new Set([...native.env, ...(program.env ?? [])])],
        ownsApp,
        poetryMode,
        unhashed: !!lock?.unhashed,
        scm,
        pipfileLock: scan.has('Pipfile.lock'),
      } satisfies PythonInfo,
    };
  },

  build: buildPython,
};
