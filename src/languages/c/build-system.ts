import { basename } from 'node:path';
import { isBuilt, type Scan } from '../../core/scan.js';

export const C_EXT = ['.c'];
export const CXX_EXT = ['.cpp', '.cc', '.cxx', '.c++', '.C'];
export const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];
export type BuildSystem = 'cmake' | 'meson' | 'autotools' | 'make' | 'single';

/** Build systems by their marker files, in order of precedence (a generated Makefile loses to configure.ac). */
const SYSTEMS: { id: Exclude<BuildSystem, 'single'>; files: string[] }[] = [
  { id: 'cmake', files: ['CMakeLists.txt'] },
  { id: 'meson', files: ['meson.build'] },
  { id: 'autotools', files: ['configure.ac', 'configure.in'] },
  { id: 'make', files: MAKEFILES },
];

const BUILD_FILES = new Set([...SYSTEMS.flatMap((x) => x.files), 'Makefile.am', 'meson_options.txt']);

export function buildSystemOf(scan: Scan): { system: BuildSystem; file?: string } {
  for (const s of SYSTEMS) {
    const file = s.files.find((f) => scan.has(f));
    if (file) return { system: s.id, file };
  }
  return { system: 'single' };
}

/** Build files of what gets built only: not tests/, examples/ or other platforms' folders. */
export function buildFilesOf(scan: Scan): string[] {
  return scan.files.filter((f) => isBuilt(f) && (BUILD_FILES.has(basename(f)) || f.endsWith('.cmake')));
}

/** Sources that are part of the build: a stray .cpp under tests/ does not make a C project C++. */
export function sourcesOf(scan: Scan): { c: string[]; cxx: string[] } {
  return { c: scan.withExt(...C_EXT).filter(isBuilt), cxx: scan.withExt(...CXX_EXT).filter(isBuilt) };
}

/**
 * What the build reads by name: the build files, the folder a Makefile hands the build to,
 * the sources compiled one by one. No .dockerignore line may exclude them.
 */
export function keptPaths(
  scan: Scan,
  build: { system: BuildSystem; file?: string | undefined; buildFiles: string[] },
  program: { target: string; sources: string[] },
): string[] {
  const { system, file, buildFiles } = build;
  const { target, sources } = program;
  const handed = system === 'make' && target.includes('/') ? [target.slice(0, target.lastIndexOf('/'))] : [];
  return [
    ...new Set([
      ...(file ? [file] : []),
      ...buildFiles,
      ...['meson_options.txt', 'meson.options', 'configure'].filter((f) => system !== 'single' && scan.has(f)),
      ...handed,
      ...sources,
    ]),
  ];
}
