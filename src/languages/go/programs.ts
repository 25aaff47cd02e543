import { basename } from 'node:path';
import { UserError } from '../../core/errors.js';
import { isBuilt } from '../../core/scan.js';
import { safeName, safeRelPath } from '../../core/quote.js';
import type { Choice, Fact } from '../../core/types.js';
import { helpersLast, pickEntry } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import type { GoPackages } from './packages.js';

/** The program to build: the main packages found, the chosen one, its directory and the binary's name. */
export interface GoProgram {
  entries: Choice[];
  entry: Fact<string>;
  /** The main package's directory, relative to the project ('.' is the root). */
  pkg: string;
  name: string;
}

/** Order of programs when nothing else decides: the root, then cmd/*, then the rest, then examples and tooling. */
function entryRank(dir: string): number {
  if (dir === '.') return 0;
  if (dir.startsWith('cmd/')) return 1;
  if (/(?:^|\/)(?:_?examples?|tools|hack|scripts|internal\/tools|demo)(?:\/|$)/.test(dir)) return 3;
  return 2;
}

/** Main packages under examples/, tests/ and the like are not the project's program, unless named. */
function programDirs({ mains }: GoPackages, opts: ResolveOptions): string[] {
  const wanted = opts.entry?.replace(/^\.\//, '').replace(/\/$/, '');
  const programs = [...mains].filter((d) => isBuilt(`${d}/x.go`) || d === wanted);
  if (!programs.length) {
    const others = [...mains].slice(0, 5);
    throw new UserError(
      'E_NO_ENTRY',
      `No \`package main\` found${others.length ? ` outside examples and tests (${others.join(', ')})` : ''}: this Go module builds no program.`,
      others.length
        ? `Name one with --entry ${others[0]}, or run it in the directory of a Go program.`
        : 'Run it in the directory of a Go program, or add a main package (e.g. cmd/<name>/main.go).',
    );
  }
  return programs;
}

/**
 * The program to build among the module's main packages: --entry, else the one named like the
 * module, else the first in rank. `modName` names the root package's binary; `modPath` is
 * go.mod's module path, when there is one.
 */
export function goProgram(
  found: GoPackages,
  modName: string,
  modPath: string | undefined,
  opts: ResolveOptions,
  warnings: string[],
): GoProgram {
  const programs = programDirs(found, opts);
  const entries: Choice[] = helpersLast(
    programs.sort((a, b) => entryRank(a) - entryRank(b) || a.localeCompare(b)),
    (d) => (d === '.' ? modName : basename(d)),
  ).map((dir) => ({
    value: dir,
    label: dir === '.' ? `${modName} (.)` : `${basename(dir)} (${dir})`,
    source: `package main in ${found.packages.get(dir)!.files[0]}`,
  }));
  const entry = pickEntry(
    entries,
    opts.entry,
    (e) => (e.value === '.' ? modName : basename(e.value)),
    modName,
    warnings,
    opts.entrySource,
  );
  const pkg = safeRelPath(entry.value, 'Go package', '--entry', entry.source);
  const name = safeName(
    pkg === '.' ? modName : basename(pkg),
    'Binary name',
    '--entry',
    pkg === '.' && modPath ? 'the module path in go.mod' : entry.source,
  );
  return { entries, entry, pkg, name };
}
