import { basename, dirname } from 'node:path';
import { UserError } from '../../core/errors.js';
import { safeName, safeRelPath } from '../../core/quote.js';
import { isBuilt, type Scan } from '../../core/scan.js';
import type { Choice, Fact } from '../../core/types.js';
import { helpersLast, pickEntry } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import { C_EXT, CXX_EXT, type BuildSystem } from './build-system.js';
import { handedFolders, MAIN_FN, makefileIn, targetsOf } from './targets.js';

/** The program to build: every one found, the chosen one, its name, its target and (single) its sources. */
export interface Program {
  entries: Choice[];
  entry: Fact<string>;
  name: string;
  /** The target or executable name the build system knows; single: the file with main(). */
  target: string;
  /** Single: the sources compiled with it. */
  sources: string[];
}

interface Build {
  system: BuildSystem;
  file?: string | undefined;
  cxx: boolean;
}

const nameOf = (e: Choice) => basename(e.label);

/** The name a build system gives the project: AC_INIT([name]), project(name), project('name'). */
export function projectNameOf(system: string, text: string): string | undefined {
  const m =
    system === 'autotools'
      ? /\bAC_INIT\(\[?([\w.+-]{1,100})/.exec(text)
      : system === 'cmake'
        ? /\bproject[ \t]*\([ \t]*"?([\w.+-]{1,100})/i.exec(text)
        : system === 'meson'
          ? /\bproject[ \t]*\([ \t]*'([\w.+-]{1,100})'/.exec(text)
          : null;
  return m?.[1];
}

export function programOf(scan: Scan, build: Build, opts: ResolveOptions, warnings: string[]): Program {
  const { system, file, cxx } = build;
  // The program named like the project wins: AC_INIT's, project()'s name, else the folder's.
  const project = (file && projectNameOf(system, scan.read(file) ?? '')) || basename(scan.root);
  const entries = helpersLast(targetsOf(scan, system, file, cxx, warnings), (e) => basename(e.label));
  const wanted = opts.entry?.replace(/^\.\//, '');
  if (wanted !== undefined && system !== 'single' && !entries.some((e) => e.value === wanted || nameOf(e) === wanted))
    entries.push(namedByEntry(scan, build, wanted, entries, opts.entrySource, warnings));
  if (!entries.length) {
    throw new UserError(
      'E_NO_ENTRY',
      system === 'single'
        ? 'No source file with main() found.'
        : `No executable target found in the ${system} build files.`,
      system === 'single'
        ? 'Add a source file with main(), or run it in the directory of the program.'
        : 'Name the program the build makes with --entry <name>.',
    );
  }
  const entry = pickEntry(entries, opts.entry, nameOf, project, warnings, opts.entrySource);
  const chosen = entries.find((e) => e.value === entry.value)!;
  const name = safeName(nameOf(chosen), 'Program name', '--entry', entry.source);
  const sources = system === 'single' ? singleSources(scan, chosen.value, cxx) : [];
  const target = system === 'single' ? chosen.value : safeRelPath(chosen.value, 'Target', '--entry', entry.source);
  return { entries, entry, name, target, sources };
}

/**
 * Build files compute names this reader cannot (variables from the environment, $(shell ...)):
 * a program named with --entry is taken at its word, as the name of what the build makes.
 */
function namedByEntry(
  scan: Scan,
  { system, file }: Build,
  wanted: string,
  entries: Choice[],
  entrySource: string | undefined,
  warnings: string[],
): Choice {
  const named = safeName(wanted, 'Program name', '--entry');
  // A Makefile that hands the build to src/: the program is made (and found) there.
  // (one whose Makefile names it; none when the top Makefile makes it itself).
  const subdirs =
    system === 'make'
      ? handedFolders(scan.manifest(file!) ?? '', file!, warnings).filter(
          (d) => isBuilt(`${d}/x`) && makefileIn(scan, d) !== undefined,
        )
      : [];
  const names = (text: string) => new RegExp(`(^|[\\s/])${named.replace(/[.+-]/g, '\\$&')}([\\s:$]|$)`, 'm').test(text);
  const handedTo =
    system !== 'make' || names(scan.read(file!) ?? '')
      ? undefined
      : (subdirs.find((d) => names(scan.read(makefileIn(scan, d)!) ?? '')) ?? subdirs[0]);
  const found = entries.length ? entries.map(nameOf).slice(0, 5).join(', ') : 'none';
  warnings.push(
    `${named} is not among the programs found in the ${system} build files; building it as named by --entry.`,
  );
  return {
    value: handedTo ? `${handedTo}/${named}` : named,
    label: named,
    source: `${entrySource ?? '--entry'} (not among the ${system} targets read: ${found})`,
  };
}

/** Bare sources: the file with main() plus its neighbours that have no main() of their own. */
function singleSources(scan: Scan, mainFile: string, cxx: boolean): string[] {
  const dir = dirname(mainFile);
  const exts = cxx ? [...CXX_EXT, ...C_EXT] : C_EXT;
  return scan
    .withExt(...exts)
    .filter((f) => dirname(f) === dir && (f === mainFile || !MAIN_FN.test(scan.read(f) ?? '')))
    .map((f) => safeRelPath(f, 'Source file', '--entry', "the project's files"));
}
