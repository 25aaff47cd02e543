import { basename } from 'node:path';
import { UserError } from '../../core/errors.js';
import { safeName } from '../../core/quote.js';
import { isBuilt, type Scan } from '../../core/scan.js';
import type { Choice, Decision, Fact } from '../../core/types.js';
import { helpersLast, joinRel as join, listed, pickEntry } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import type { Bin, Crate } from './crate.js';
import type { Workspace } from './packages.js';

/** The program built: the chosen binary, the package it is in, and the others offered. */
export interface Program {
  entries: Choice[];
  entry: Fact<string>;
  crate: Crate;
  bin: Bin;
  /** The binary's name, checked for the Dockerfile. */
  name: string;
  decision: Decision;
}

/** A binary's value as a choice: its name, after its package's folder outside the root. */
const valueOf = (c: Crate, b: Bin): string => (c.dir === '.' ? b.name : `${c.dir}::${b.name}`);

/** Every binary, as a choice (default-run first in its package); helpers last. */
function binaryChoices(ws: Workspace, opts: ResolveOptions): Choice[] {
  // Programs: default members first, then the root package, then the rest; examples and tests folders are no programs.
  const rank = (c: Crate) => (ws.defaults.has(c.dir) ? 0 : c.dir === '.' ? 1 : isBuilt(`${c.dir}/x`) ? 2 : 3);
  const ordered = [...ws.crates].sort((a, b) => rank(a) - rank(b));
  return helpersLast(
    ordered
      .filter((c) => rank(c) < 3 || opts.entry !== undefined)
      .flatMap((c) => {
        const bins = c.defaultRun
          ? [...c.bins].sort((a, b) => Number(b.name === c.defaultRun) - Number(a.name === c.defaultRun))
          : c.bins;
        return bins.map((b) => ({
          value: valueOf(c, b),
          label: c.dir === '.' ? b.name : `${b.name} (${c.dir})`,
          source: `${join(c.dir, b.path)} in package ${c.name}${b.name === c.defaultRun ? ' (default-run)' : ''}`,
        }));
      }),
    (e) => (e.source?.endsWith('(default-run)') ? '' : e.value.split('::').pop()!),
  );
}

/** The binary to build: --entry (a binary or a package), the root's default-run, or the one named like the project. */
export function chooseProgram(scan: Scan, ws: Workspace, opts: ResolveOptions, warnings: string[]): Program {
  const { crates, rootCrate } = ws;
  const entries = binaryChoices(ws, opts);
  if (!entries.length) {
    throw new UserError(
      'E_NO_ENTRY',
      `No binary found: ${crates.length ? `the package${crates.length > 1 ? 's' : ''} ${listed(crates.map((c) => c.name))} build${crates.length > 1 ? '' : 's'} only libraries` : 'Cargo.toml has no [package] and no workspace members'}.`,
      'Run it in the folder of a binary crate (src/main.rs or [[bin]]), or name one with --entry.',
    );
  }
  const binOf = (e: Choice) => e.value.split('::').pop()!;
  // --entry may name a package: its only (or default-run) binary.
  let wanted = opts.entry;
  const byPackage = wanted !== undefined ? crates.find((c) => c.name === wanted || c.dir === wanted) : undefined;
  if (byPackage && !entries.some((e) => binOf(e) === wanted))
    wanted = byPackage.defaultRun ?? byPackage.bins[0]?.name ?? wanted;
  const preferred = rootCrate?.defaultRun ?? rootCrate?.name ?? basename(scan.root);
  const entry = pickEntry(entries, wanted, binOf, preferred, warnings, opts.entrySource);
  // Found by the value it was offered under: a name may itself hold '::' (Cargo refuses it later).
  const { crate, bin } = crates
    .flatMap((c) => c.bins.map((b) => ({ crate: c, bin: b })))
    .find((x) => valueOf(x.crate, x.bin) === entry.value)!;
  const dir = crate.dir;
  const name = safeName(bin.name, 'Binary name', '--entry', `${join(dir, 'Cargo.toml')}`);
  const decision = {
    topic: 'Program',
    choice: `${name} (package ${crate.name}${dir === '.' ? '' : `, ${dir}`})`,
    because: entry.source,
  };
  return { entries, entry, crate, bin, name, decision };
}
