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
import { ignoredPaths, keptFiles, packageReadmes } from './context.js';
import { dependencyFiles } from './layer.js';
import { versionFromGit } from './scm.js';
import { runNeeds } from './needs.js';
import { pythonRuntimes } from './runtimes.js';
import { pythonVersion } from './version.js';
import { normalizeName } from './names.js';
import type { Scan } from '../../core/scan.js';
import { plainName, portFromDockerfile } from '../shared.js';
import { str } from '../../core/parse.js';
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
    const readmes = packageReadmes(scan, m);
    const manifests = dependencyFiles(scan, manager, reqs);
    const keep = keptFiles(scan, { manifests, readmes, program, local: reqs?.files ?? [] });
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
      ignore: ignoredPaths(readmes),
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
