import type { Scan } from '../../core/scan.js';
import type { Decision, LangId } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import { binaryIgnore } from '../shared.js';
import type { Language, ResolveOptions, Resolved } from '../types.js';
import { buildSetup } from './build-setup.js';
import { buildFilesOf, buildSystemOf, keptPaths, sourcesOf } from './build-system.js';
import { withoutComments } from './comments.js';
import { makefileIn } from './targets.js';
import { detectC } from './detect.js';
import type { CInfo } from './info.js';
import { librariesOf } from './libraries.js';
import { runtimeNeeds } from './needs.js';
import { buildNotes } from './notes.js';
import { build, type CVars } from './plan.js';
import { portOf } from './ports.js';
import { programOf } from './program.js';
import { linkStrategies } from './strategies.js';
import { gccVersion } from './version.js';

const DATA = LANGUAGE_DATA.c;

export const cFamily: Language<CInfo, CVars> = {
  ids: ['c', 'cpp'],

  detect: detectC,

  resolve(scan: Scan, lang: LangId, opts: ResolveOptions): Resolved<CInfo> {
    const warnings: string[] = [];
    const cxx = lang === 'cpp';
    const { system, file } = buildSystemOf(scan);
    const buildFiles = buildFilesOf(scan);
    const version = gccVersion(scan, buildFiles, cxx, opts.langVersion);
    const program = programOf(scan, { system, file, cxx }, opts, warnings);
    const { name, entries, entry, target, sources } = program;
    const { c, cxx: cxxFiles } = sourcesOf(scan);
    const allSources = [...c, ...cxxFiles];

    const rawTexts = buildFiles.map((f) => scan.read(f) ?? '');
    const buildTexts = buildFiles.map((f, i) => withoutComments(f, rawTexts[i]!));
    const libraries = librariesOf(buildTexts, rawTexts);
    const { libs, known, debian, unknownLibs } = libraries;
    const notes = buildNotes(scan, buildTexts, unknownLibs, warnings);
    const { needs, nss } = runtimeNeeds(scan, allSources, known);
    const port = portOf(scan, allSources, opts.port);
    const { strategies, decision: libstdcxx } = linkStrategies(cxx, version.value, libraries, nss);
    const decisions: Decision[] = [
      {
        topic: 'Build system',
        choice: system === 'single' ? 'none (compile the sources directly)' : system,
        because: file ?? 'no CMakeLists.txt, meson.build, configure.ac or Makefile',
      },
      { topic: 'Compiler', choice: `gcc ${version.value}${cxx ? ' (g++)' : ''}`, because: version.source },
      { topic: 'Program', choice: name, because: entry.source },
      ...(libs.length ? [{ topic: 'Libraries', choice: libs.join(', '), because: 'named in the build files' }] : []),
      ...(debian.length
        ? [
            {
              topic: 'Build packages',
              choice: [...new Set(debian.map((d) => d.dev))].join(', '),
              because: `Debian's -dev packages of ${debian.map((d) => d.name).join(', ')} (data/debian-dev.json)`,
            },
          ]
        : []),
      ...(libstdcxx ? [libstdcxx] : []),
    ];
    return {
      lang,
      name,
      version,
      entries,
      entry,
      needs,
      strategies,
      builderGlibc: DATA.builderGlibc,
      decisions,
      warnings,
      notes,
      port,
      keep: keptPaths(scan, { system, file, buildFiles }, program),
      // Build output only: committed *.a/*.so may be libraries the program links against.
      ignore: ['build/', 'cmake-build-*/', 'CMakeCache.txt', 'CMakeFiles/', '*.o', ...binaryIgnore(scan.root, name)],
      own: {
        system,
        target,
        makeIn: makeFolderOf(scan, system, target),
        sources,
        cxx,
        libs,
        unknownLibs,
        debianDev: [...new Set(debian.map((d) => d.dev))],
        known,
        ...buildSetup(scan, system, file, buildTexts),
      },
    };
  },

  build,
};

/** The folder whose Makefile makes a target named with a path: its own folder when that has a Makefile, else the top one. */
function makeFolderOf(scan: Scan, system: string, target: string): string {
  const slash = target.lastIndexOf('/');
  if (system !== 'make' || slash <= 0) return '';
  const dir = target.slice(0, slash);
  return makefileIn(scan, dir) ? dir : '';
}
