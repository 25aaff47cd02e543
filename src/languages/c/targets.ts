import { basename } from 'node:path';
import { shown } from '../../core/quote.js';
import { isBuilt, type Scan } from '../../core/scan.js';
import type { Choice } from '../../core/types.js';
import { normalizeRel } from '../shared.js';
import { automakePrograms } from './autotools.js';
import { C_EXT, CXX_EXT, MAKEFILES, type BuildSystem } from './build-system.js';
import { cmakeOutputNames, cmakeTargets } from './cmake.js';
import { makeSubdirs, makeTargets } from './make.js';
import { mesonExecutables } from './meson.js';

/** A main() function: the file that holds it is a program of its own. */
export const MAIN_FN = /\bint[ \t\n]+main[ \t]*\(|^[ \t]*main[ \t]*\(/m;

/**
 * The Makefile of a folder a Makefile hands the build to, also inside folders the scan skips
 * (`$(MAKE) -C build`): the folder is listed once.
 */
export function makefileIn(scan: Scan, dir: string): string | undefined {
  const inScan = MAKEFILES.map((m) => `${dir}/${m}`).find((m) => scan.has(m));
  if (inScan) return inScan;
  const names = scan.list(dir) ?? [];
  const found = MAKEFILES.find((m) => names.includes(m));
  return found ? `${dir}/${found}` : undefined;
}
/** Folders a Makefile hands the build to that are read: past this, the rest are left out, with a warning. */
const SUBDIRS_MAX = 200;
export function handedFolders(text: string, mf: string, warnings: string[]): string[] {
  const dirs = makeSubdirs(text);
  if (dirs.length <= SUBDIRS_MAX) return dirs;
  const note = `${shown(mf)} runs make in ${dirs.length} folders: only the first ${SUBDIRS_MAX} were read for programs; name the program with --entry if it is made in another.`;
  if (!warnings.includes(note)) warnings.push(note);
  return dirs.slice(0, SUBDIRS_MAX);
}

/** The programs the build files say are made (single: the files with main()), with where each was read. */
export function targetsOf(
  scan: Scan,
  system: BuildSystem,
  file: string | undefined,
  cxx: boolean,
  warnings: string[],
): Choice[] {
  // A name made from a variable ($(NAME), ${MAIN_NAME}) is not expanded here: it is no program name.
  const plain = (choices: Choice[]) => choices.filter((c) => !c.value.includes('$') && !c.label.includes('$'));
  if (system === 'cmake') return plain(cmakePrograms(scan));
  if (system === 'meson') return plain(mesonPrograms(scan));
  if (system === 'autotools') return plain(automakeTargets(scan));
  if (system === 'make') return plain(makePrograms(scan, file!, warnings));
  // Tests, examples and configure checks (make/test/*.cpp) have main() too: they are not the program.
  const mains = scan
    .withExt(...(cxx ? [...CXX_EXT, ...C_EXT] : C_EXT))
    .filter((f) => isBuilt(f) && MAIN_FN.test(scan.read(f) ?? ''));
  return mains.map((f) => ({ value: f, label: basename(f).replace(/\.[^.]+$/, ''), source: `main() in ${f}` }));
}

function cmakePrograms(scan: Scan): Choice[] {
  const lists = scan.files.filter((f) => basename(f) === 'CMakeLists.txt' && isBuilt(f));
  const texts = lists.map((f) => scan.manifest(f) ?? '');
  const outputs = cmakeOutputNames(texts);
  return cmakeTargets(texts).map((n) => ({
    value: n,
    label: outputs.get(n) ?? n,
    source: outputs.has(n)
      ? `add_executable(${n}) in CMakeLists.txt, OUTPUT_NAME ${outputs.get(n)}`
      : 'add_executable in CMakeLists.txt',
  }));
}

function mesonPrograms(scan: Scan): Choice[] {
  const names = scan.files
    .filter((f) => basename(f) === 'meson.build' && isBuilt(f))
    .flatMap((f) => mesonExecutables(f === 'meson.build' ? (scan.manifest(f) ?? '') : (scan.read(f) ?? '')));
  return names.map((n) => ({ value: n, label: n, source: 'executable() in meson.build' }));
}

function automakeTargets(scan: Scan): Choice[] {
  const names = scan.files
    .filter((f) => basename(f) === 'Makefile.am' && isBuilt(f))
    .flatMap((f) => automakePrograms(scan.manifest(f) ?? ''));
  return [...new Set(names)]
    .filter((n) => n)
    .map((n) => ({ value: n, label: n, source: 'bin_PROGRAMS in Makefile.am' }));
}

function makePrograms(scan: Scan, mf: string, warnings: string[]): Choice[] {
  const text = scan.manifest(mf) ?? '';
  const own = makeTargets(text).map((t) => ({ value: t, label: t, source: `default goal of ${mf}` }));
  // A Makefile that hands the build to src/ (or another folder): the programs are that Makefile's.
  const handed = handedFolders(text, mf, warnings).flatMap((dir) => {
    const sub = makefileIn(scan, dir);
    // A target named by a path (../bin/iodine) is that path from the project's root.
    return sub && isBuilt(sub)
      ? makeTargets(scan.manifest(sub) ?? '')
          .flatMap((t) => {
            const value = normalizeRel(`${dir}/${t}`);
            return value && value !== '.' ? [{ value, label: basename(t) }] : [];
          })
          .map(({ value, label }) => ({
            value,
            label,
            source: `default goal of ${sub}, which ${mf} runs make in`,
          }))
      : [];
  });
  return [...own, ...handed];
}
