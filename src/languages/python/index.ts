import type { Scan } from '../../core/scan.js';
import type { Language, ResolveOptions, Resolved } from '../types.js';
import { ignoredPaths, keptFiles, packageReadmes } from './context.js';
import { DATA } from './data.js';
import { readDependencies } from './dependencies.js';
import { detectPython } from './detect.js';
import type { PythonInfo, Said } from './info.js';
import { pythonCompanions } from './jobs.js';
import { installDecision, installMode, withOwnScript } from './install.js';
import { dependencyFiles } from './layer.js';
import { missingLock } from './manager.js';
import { readManifests, runtimeGroups } from './manifests.js';
import { projectName } from './names.js';
import { nativeNeeds } from './native.js';
import { runNeeds } from './needs.js';
import { buildPython, type PythonVars } from './plan.js';
import { pythonPort } from './port.js';
import { chooseProgram, findPrograms } from './programs.js';
import { pythonRuntimes } from './runtimes.js';
import { versionFromGit } from './scm.js';
import { codeFiles } from './sources.js';
import { pythonVersion } from './version.js';

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
    const { manifests: m, manager } = readManifests(scan);
    const noLock = missingLock(scan, manager);
    if (noLock) said.warnings.push(noLock);
    const dependencies = readDependencies(scan, m, manager, said);
    const { names: deps, lock, reqs } = dependencies;
    const v = pythonVersion(scan, m, opts.langVersion, said);
    const native = nativeNeeds(deps, said);
    const sources = codeFiles(scan);
    const found = findPrograms({ scan, sources, deps, said }, m, opts);
    const mode = installMode(scan, m, manager, found.scripts);
    const { entries, entry, program } = chooseProgram(found.programs, opts, said);
    const { installsProject, poetryMode } = withOwnScript(mode, manager, program);
    const name = projectName(scan, m);
    said.decisions.push(installDecision(scan, manager, poetryMode, dependencies, installsProject, m));
    const port = pythonPort(scan, opts, program);
    const { strategies, refusals } = pythonRuntimes(v, native.libs, dependencies, manager, said);
    const { needs, ownsApp } = runNeeds(scan, sources, program, said);
    const scm = versionFromGit(m.pyproject, said);
    const readmes = packageReadmes(scan, m);
    const groups = installsProject ? [] : runtimeGroups(m);
    const manifests = dependencyFiles(scan, manager, reqs, groups.length > 0);
    return {
      lang: 'python',
      name,
      version: v.version,
      entries,
      entry,
      port,
      needs,
      strategies,
      refusals,
      builderGlibc: DATA.builderGlibc,
      decisions: said.decisions,
      warnings: said.warnings,
      companions: pythonCompanions(scan, sources, deps, said.warnings),
      ignore: ignoredPaths(readmes),
      keep: keptFiles(scan, { manifests, readmes, program, local: reqs?.files ?? [] }),
      own: {
        manager,
        manifests,
        installsProject,
        command: program.command,
        buildApt: native.buildApt,
        collectstatic: !!program.collectstatic || (program.kind === 'server' && found.djangoStatic),
        deps: [...deps].sort(),
        env: [...new Set([...native.env, ...(program.env ?? [])])],
        ownsApp,
        poetryMode,
        unhashed: !!lock?.unhashed,
        scm,
        pipfileLock: scan.has('Pipfile.lock'),
        groups,
      } satisfies PythonInfo,
    };
  },

  build: buildPython,
};
