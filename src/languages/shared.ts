import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Scan } from '../core/scan.js';
import { safeName, shown } from '../core/quote.js';
import type { Choice, Fact } from '../core/types.js';

/** A version named for one of `tools` in asdf's .tool-versions ("golang 1.22.3"). */
export function versionFromToolVersions(scan: Scan, tools: string[]): string | undefined {
  for (const line of (scan.manifest('.tool-versions', 64 * 1024) ?? '').split('\n')) {
    const [tool, version] = line.trim().split(/\s+/);
    if (tool && version && tools.includes(tool)) return version;
  }
  return undefined;
}

/**
 * Chooses the entry point: the flag if given (by path or by program name), the only one, the
 * one named like the project, else the first with a warning that names the others.
 */
export function pickEntry(
  entries: Choice[],
  flag: string | undefined,
  nameOf: (c: Choice) => string,
  preferred: string,
  warnings: string[],
  flagSource = '--entry',
): Fact<string> {
  const list = listed(entries.map((e) => `${nameOf(e)} (${e.value})`));
  if (flag !== undefined) {
    const want = flag.replace(/^\.\//, '').replace(/\/$/, '') || '.';
    const hit = entries.find((e) => e.value === want || nameOf(e) === want);
    if (!hit)
      throw new UserError(
        'E_NO_ENTRY',
        `--entry "${shown(flag)}" matches no program here. Found: ${list || 'none'}.`,
        entries.length
          ? `Pass one of: ${listed(entries.map(nameOf))}.`
          : 'Check the name of the program the build makes.',
      );
    return { value: hit.value, source: flagSource };
  }
  const first = entries[0];
  if (!first) throw new UserError('E_NO_ENTRY', 'No program to build was found.', 'Pass --entry.');
  if (entries.length === 1) return { value: first.value, source: first.source ?? 'the only program' };
  const named = entries.find((e) => nameOf(e) === preferred);
  if (named)
    return { value: named.value, source: `${entries.length} programs (${list}); this one is named like the project` };
  warnings.push(`Several programs found (${list}); building ${nameOf(first)}. Pass --entry to choose another.`);
  return { value: first.value, source: `first of ${entries.length} programs (${list})` };
}

/** A way the project can be started, as found: the choice --entry names, and where it was found. */
export interface FoundProgram {
  value: string;
  label: string;
  source: string;
}

/**
 * The program to run among those found, most specific first: the one --entry names, else the
 * first (its source names the others, which --entry chooses).
 */
export function chooseFound<P extends FoundProgram>(
  programs: P[],
  flag: string | undefined,
  warnings: string[],
  flagSource?: string,
): { entries: Choice[]; entry: Fact<string>; program: P } {
  const entries: Choice[] = programs.map((p) => ({ value: p.value, label: p.label, source: p.source }));
  const first = programs[0]!;
  const entry: Fact<string> =
    flag !== undefined
      ? pickEntry(entries, flag, (e) => e.value, '', warnings, flagSource)
      : {
          value: first.value,
          source:
            programs.length > 1
              ? `${first.source}; also found: ${listed(
                  programs.slice(1).map((p) => p.value),
                  5,
                )} (--entry)`
              : first.source,
        };
  return { entries, entry, program: programs.find((p) => p.value === entry.value)! };
}

/**
 * A way a port shows in source code: capture group 1 is the port; or, with `name`, group 1 is
 * the name of the flag, variable or setting, which must match `name`, and group 2 the port.
 */
export type PortPattern = RegExp | { re: RegExp; name: RegExp; nameGroup?: number };

/** The first listening port found by `patterns` (in order of trust) in `files`. */
export function findPort(scan: Scan, files: string[], patterns: PortPattern[]): Fact<number> | undefined {
  for (const p of patterns) {
    const re =
      p instanceof RegExp
        ? new RegExp(p.source, p.flags.replace('g', '') + 'g')
        : new RegExp(p.re.source, p.re.flags.replace('g', '') + 'g');
    for (const f of files) {
      for (const m of (scan.read(f) ?? '').matchAll(re)) {
        const nameGroup = p instanceof RegExp ? 0 : (p.nameGroup ?? 1);
        if (!(p instanceof RegExp) && !p.name.test(m[nameGroup] ?? '')) continue;
        const port = Number(m.slice(1).find((g, i) => g !== undefined && i + 1 !== nameGroup));
        if (port > 0 && port < 65536) return { value: port, source: `${f}: ${shown(m[0].replace(/\s+/g, ' '))}` };
      }
    }
  }
  return undefined;
}

/**
 * The .dockerignore line that keeps a locally built binary out of the build context, unless a
 * directory has that name (cmd/api beside an api/ folder): ignoring it would break the build.
 */
export function binaryIgnore(root: string, name: string): string[] {
  try {
    if (lstatSync(join(root, name)).isDirectory()) return [];
  } catch {
    /* no such file: nothing to keep */
  }
  return [`/${name}`];
}

/** Names for a message: the first ten, then how many more. */
export function listed(names: string[], max = 10): string {
  const head = names
    .slice(0, max)
    .map((n) => shown(n))
    .join(', ');
  return names.length > max ? `${head} and ${names.length - max} more` : head;
}

/**
 * Submodules listed in .gitmodules whose folder is empty (a clone without --recursive). Docker
 * builds see only what is checked out, and the build cannot fetch them: one that the build
 * files mention stops the run with the fix; others are a warning.
 */
export function missingSubmodules(scan: Scan, buildTexts: string[], warnings: string[]): void {
  const text = scan.read('.gitmodules') ?? '';
  for (const line of text.split('\n')) {
    const m = /^[ \t]*path[ \t]*=[ \t]*([^ \t]{1,200})[ \t]*$/.exec(line);
    if (!m) continue;
    const path = m[1]!.replace(/\/$/, '');
    if (path.split('/').includes('..') || path.startsWith('/')) continue;
    const entries = scan.list(path);
    if (entries === undefined || entries.length > 0) continue;
    const used = buildTexts.some((t) => t.includes(path));
    const message = `the git submodule ${shown(path)} (.gitmodules) is empty${used ? ', and the build files use it' : ''}: run git submodule update --init --recursive before building; a Docker build sees only what is checked out and cannot fetch it.`;
    if (used)
      throw new UserError(
        'E_MISSING',
        `${message[0]!.toUpperCase()}${message.slice(1)}`,
        'Run git submodule update --init --recursive, then run this again.',
      );
    warnings.push(message[0]!.toUpperCase() + message.slice(1));
  }
}

/** Subcommands that start a long-running server. */
const SERVE_WORDS = new Set(['serve', 'server', 'web', 'daemon', 'agent', 'start', 'run', 'up', 'listen']);

/**
 * The subcommand that runs the program as a server, when the project says so: a Procfile's
 * `web:` line, an existing Dockerfile's CMD/ENTRYPOINT, or the README showing `<name> serve`.
 */
export function serverCommand(scan: Scan, name: string): { args: string[]; source: string } | undefined {
  const esc = name.replace(/[.+-]/g, '\\$&');
  const word = (w: string | undefined) => (w && SERVE_WORDS.has(w) ? w : undefined);
  for (const line of (scan.read('Procfile', 64 * 1024) ?? '').split('\n')) {
    const m = new RegExp(`^web:[ \\t]*(?:\\S{0,200}/)?${esc}[ \\t]+([a-z][\\w-]{0,30})`).exec(line);
    if (word(m?.[1])) return { args: [m![1]!], source: `Procfile: ${shown(line)}` };
  }
  for (const line of (scan.read('Dockerfile') ?? '').split('\n')) {
    const m = /^[ \t]*(CMD|ENTRYPOINT)[ \t]+(\[.{0,400}\])[ \t]*$/.exec(line);
    if (!m) continue;
    let args: unknown;
    try {
      args = JSON.parse(m[2]!);
    } catch {
      continue;
    }
    if (!Array.isArray(args)) continue;
    const words = args.map(String);
    const at = m[1] === 'CMD' ? 0 : words.findIndex((w) => w === name || w.endsWith(`/${name}`)) + 1;
    if (at >= 0 && word(words[at]))
      return { args: [words[at]!], source: `the project's Dockerfile: ${shown(line.trim())}` };
  }
  for (const readme of ['README.md', 'README', 'readme.md', 'README.rst']) {
    for (const line of (scan.read(readme, 256 * 1024) ?? '').split('\n')) {
      if (line.length > 400) continue;
      const m = new RegExp(`(?:^|[\\s$\`/])${esc}[ \\t]+([a-z][\\w-]{0,30})\\b`).exec(line);
      if (word(m?.[1])) return { args: [m![1]!], source: `${readme}: ${shown(line.trim())}` };
    }
  }
  return undefined;
}

/** The first port an existing Dockerfile EXPOSEs: the project's own word for it. */
export function portFromDockerfile(scan: Scan): Fact<number> | undefined {
  for (const line of (scan.read('Dockerfile') ?? '').split('\n')) {
    const m = /^[ \t]*EXPOSE[ \t]+(\d{2,5})\b/i.exec(line);
    const port = Number(m?.[1]);
    if (port > 0 && port < 65536) return { value: port, source: `the project's Dockerfile: ${shown(line.trim())}` };
  }
  return undefined;
}

/**
 * Programs that are rarely the one to ship when a project has several: tests, fuzzers,
 * benchmarks, generators, docs tools, examples, and clients or control tools beside a server.
 */
const HELPER_PROGRAM =
  /(?:^|[-_.])(?:tests?|unittests?|fuzz\w*|bench\w*|gen|generate|gen-docs|docs?|examples?|demo|mock\w*|debug|ctl|ctrl|check\w*|client|cli|tool|tools|lint|migrate|xtask|bootstrap)(?:[-_.]|$)/i;

/** Whether a program's name is a helper's (a test, a generator, a client beside a server). */
export const isHelperName = (name: string): boolean => HELPER_PROGRAM.test(name);

/** Orders programs so that helpers (tests, generators, clients) come after the rest, keeping the order otherwise. */
export function helpersLast<T>(items: T[], nameOf: (t: T) => string): T[] {
  return [...items].sort((a, b) => Number(HELPER_PROGRAM.test(nameOf(a))) - Number(HELPER_PROGRAM.test(nameOf(b))));
}

/** A path inside a package folder ('.' is the project root). */
export const joinRel = (dir: string, rel: string): string => (dir === '.' ? rel : `${dir}/${rel}`);

/** a/b/../c -> a/c; undefined for a path that leaves the project. */
export function normalizeRel(rel: string): string | undefined {
  const out: string[] = [];
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.length ? out.join('/') : '.';
}

/** Shell syntax in a command line (a Procfile's): such a line is no exec-form command. */
export const SHELL_SYNTAX = /[;&|<>`$()'"\\]/;

/** The command of a Procfile's `web:` line, if there is one. */
export function procfileWeb(scan: Scan): string | undefined {
  return (scan.read('Procfile', 64 * 1024) ?? '')
    .split('\n')
    .map((l) => /^web:\s*(.{1,400})$/.exec(l.trim())?.[1])
    .find((x) => x);
}

/**
 * An image name from a project's or package's name: lowercase, runs of other characters made
 * one dash, trimmed to letters and digits at both ends (`+` kept where the language allows it).
 */
export function plainName(raw: string, what: string, from: string, keepPlus = false): string {
  const dashed = raw
    .slice(0, 400)
    .toLowerCase()
    .replace(keepPlus ? /[^a-z0-9._+-]+/g : /[^a-z0-9._-]+/g, '-');
  // Trimmed by index, not by a pattern anchored at the end (which would retry at every position).
  const alnum = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);
  let start = 0;
  let end = dashed.length;
  while (start < end && !alnum(dashed[start])) start++;
  while (end > start && !alnum(dashed[end - 1])) end--;
  const name = dashed.slice(start, end).slice(0, 100) || 'app';
  return safeName(name, what, '--entry', from);
}

/** Points for a language's source files in a detection (10 and one a file, at most 30), with the evidence line. */
export function sourcePoints(files: string[], ext: string, evidence: string[]): number {
  if (!files.length) return 0;
  evidence.push(`${files.length} ${ext} file${files.length > 1 ? 's' : ''}`);
  return sourceWeight(files.length);
}

/** What n source files add to a language's score: 10 for the first, one a file more, 30 at most. */
export const sourceWeight = (n: number): number => (n ? Math.min(30, 10 + n) : 0);
