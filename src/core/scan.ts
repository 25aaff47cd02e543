import { lstatSync, readdirSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './errors.js';
import { hasLineBreakOrControl, shown } from './quote.js';
import { inside, kindOf, readBounded } from './read.js';

/**
 * One walk of the project, shared by every detector and resolver, and the only place that
 * reads the project's files. Everything in a repository is hostile until it has passed here:
 *
 * - the walk is breadth-first (the root and shallow levels first), skips folders that hold
 *   dependencies, VCS data or build output, and says when it stopped early;
 * - only regular files inside the project are read: a symbolic link is followed only when it
 *   stays inside the project, FIFOs, devices and sockets are never opened for reading (they
 *   could block or never end);
 * - every read is bounded (a cap per kind of file, and a budget for the whole scan);
 * - file names with line breaks, control characters or bytes that are not UTF-8 are not read at all;
 * - the walk lists at most LIMITS.files files and LIMITS.dirs folders.
 *
 * `read` is for evidence (a source file that cannot be read is skipped, with a note);
 * `manifest` is for files that decide the build (go.mod, a Makefile): one that exists but
 * cannot be read is an exit-2 error naming it, never treated as absent.
 */
export const SKIP_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'vendor',
  'third_party',
  'target',
  'build',
  'dist',
  'out',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.gradle',
  '.idea',
  '.vscode',
  'bin',
  'obj',
  'cmake-build-debug',
  'cmake-build-release',
  '.cache',
  'testdata',
  '.terraform',
  'coverage',
  '.next',
  '.nuxt',
]);

/**
 * Folders whose files are not part of what a project builds for Linux: tests, examples,
 * fuzzing and benchmarks, other platforms' ports, and vendored dependencies (deps/, 3rdparty/:
 * built, but what they link is their business). Their files never count as evidence of a
 * language, a library, a need or a program.
 */
const NOT_BUILT =
  /^(?:tests?|testing|test_?data|unittests?|examples?|samples?|demos?|fuzz|fuzzing|fuzzers?|bench|benches|benchmarks?|win32|win64|windows|msvc|vs20\d\d|vcproj|osx|macos|macosx|darwin|ios|android|freebsd|openbsd|netbsd|haiku|wasm|emscripten|deps|external|externals|extern|3rdparty|thirdparty|third-party)$/i;

/** Whether a file is part of what gets built (not under tests/, examples/, win32/, ...). */
export function isBuilt(rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (NOT_BUILT.test(parts[i]!)) return false;
  return true;
}

export const LIMITS = {
  depth: 8,
  /** Files listed; the walk stops there and says so. */
  files: 50_000,
  /** Folders listed (empty ones too): the walk stops there and says so. */
  dirs: 20_000,
  /** Bytes of one file: sources and manifests. */
  fileBytes: 1024 * 1024,
  /** Bytes of a one-line version file (.go-version, .nvmrc, ...). */
  versionBytes: 4096,
  /** Bytes read by the whole scan; past it, evidence files are skipped (with a note). */
  totalBytes: 96 * 1024 * 1024,
};

/** Why an entry that exists cannot be read; `undefined` means it can. */
type Problem = string;

export { readBounded } from './read.js';

export interface Scan {
  readonly root: string;
  /** Regular files inside the project, relative POSIX paths, sorted. */
  readonly files: readonly string[];
  /** Whether the walk stopped early (too many files). */
  readonly truncated: boolean;
  /** What the scan left out and why (symbolic links leaving the project, oversized files, ...). */
  readonly notes: string[];
  /** Whether the project has an entry by that name, readable or not (markers). */
  has(rel: string): boolean;
  /** The text of a file for evidence (cached), or undefined if absent or unreadable (noted). */
  read(rel: string, cap?: number): string | undefined;
  /**
   * The text of a file that decides the build, or undefined if it does not exist.
   * Throws E_UNREADABLE when it exists but cannot be read whole (special file, symbolic link
   * leaving the project, permission, size).
   */
  manifest(rel: string, cap?: number): string | undefined;
  /** The same, byte for byte as Docker reads it (no line endings or BOM changed): files whose lines Docker splits itself. */
  rawManifest(rel: string, cap?: number): string | undefined;
  /** Files whose name ends with one of the extensions. */
  withExt(...exts: string[]): string[];
  /** The names in a folder inside the project (skipped folders too), or undefined if there is none. */
  list(rel: string): string[] | undefined;
}

/** What the walk found: regular files to open, entries that exist but cannot be read, and what it left out. */
interface Walked {
  /** rel -> absolute path to open (the link's target for links that stay inside). */
  paths: Map<string, string>;
  /** Entries that exist but are not readable regular files inside the project. */
  odd: Map<string, Problem>;
  /** Links that leave the project. */
  outside: string[];
  notes: string[];
  truncated: boolean;
}

/** One folder's entries, by name, with whether each name is UTF-8 (one that is not would become U+FFFD). */
function listNames(abs: string): { e: Dirent<Buffer>; name: string; utf8: boolean }[] {
  // Names as bytes: one that is not UTF-8 would otherwise turn into U+FFFD, a name that is not on disk.
  const entries = readdirSync(abs, { withFileTypes: true, encoding: 'buffer' }).map((e) => ({
    e,
    name: e.name.toString('utf8'),
    utf8: Buffer.from(e.name.toString('utf8'), 'utf8').equals(e.name),
  }));
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A symbolic link met by the walk: a file inside the project is read as a file; nothing else is followed. */
function linkEntry(w: Walked, realRoot: string, r: string, full: string): void {
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    w.odd.set(r, 'is a symbolic link to nothing (dangling)');
    return;
  }
  if (!inside(realRoot, real)) {
    w.odd.set(r, 'is a symbolic link to a file outside the project');
    w.outside.push(r);
    return;
  }
  let st: Stats;
  try {
    st = lstatSync(real);
  } catch {
    return;
  }
  // Links to folders are not followed (no loops); links to files inside are files.
  if (st.isFile()) w.paths.set(r, real);
  else if (!st.isDirectory()) w.odd.set(r, `is a symbolic link to ${kindOf(st)}`);
}

const some = (names: string[]) =>
  names
    .slice(0, 3)
    .map((n) => shown(n))
    .join(', ');

/** Breadth-first: every entry of the root is listed before anything deeper; bounded in files, folders and depth. */
function walk(realRoot: string): Walked {
  const w: Walked = { paths: new Map(), odd: new Map(), outside: [], notes: [], truncated: false };
  const skippedNames: string[] = [];
  const queue: { abs: string; rel: string; depth: number }[] = [{ abs: realRoot, rel: '', depth: 0 }];
  for (let head = 0; head < queue.length && !w.truncated; head++) {
    const { abs, rel, depth } = queue[head]!;
    if (head >= LIMITS.dirs) {
      w.truncated = true;
      break;
    }
    let entries;
    try {
      entries = listNames(abs);
    } catch {
      if (rel && !w.notes.includes(`${shown(rel)} could not be listed; its files were not read.`))
        w.notes.push(`${shown(rel)} could not be listed; its files were not read.`);
      continue;
    }
    for (const { e, name, utf8 } of entries) {
      if (w.paths.size >= LIMITS.files) {
        w.truncated = true;
        break;
      }
      const r = rel ? `${rel}/${name}` : name;
      if (!utf8 || hasLineBreakOrControl(name)) {
        skippedNames.push(r);
        continue;
      }
      const full = join(abs, name);
      if (e.isDirectory()) {
        if (depth < LIMITS.depth && !SKIP_DIRS.has(name)) queue.push({ abs: full, rel: r, depth: depth + 1 });
      } else if (e.isFile()) w.paths.set(r, full);
      else if (e.isSymbolicLink()) linkEntry(w, realRoot, r, full);
      else {
        try {
          w.odd.set(r, `is ${kindOf(lstatSync(full))}`);
        } catch {
          /* gone */
        }
      }
    }
  }
  const n = w.outside.length;
  if (n)
    w.notes.push(
      `Ignored ${n} symbolic link${n > 1 ? 's' : ''} that leave${n > 1 ? '' : 's'} the project (${some(w.outside)}): nothing outside it is read.`,
    );
  const k = skippedNames.length;
  if (k)
    w.notes.push(
      `Skipped ${k} file name${k > 1 ? 's' : ''} with line breaks, control characters or bytes that are not UTF-8 (${some(skippedNames)}): such names cannot be written into a Dockerfile.`,
    );
  if (w.truncated)
    w.notes.push(
      `The project has more than ${LIMITS.files.toLocaleString('en')} files or ${LIMITS.dirs.toLocaleString('en')} folders: the scan stopped early (shallow folders first), so deeper files were not used as evidence.`,
    );
  return w;
}

type Got = { text: string } | { problem: Problem; missing?: true };

/** Reads for the scan: an entry by its path inside the project, bounded, cached, within the byte budget. */
function loader(
  realRoot: string,
  w: Walked,
): {
  locate: (rel: string) => string | { problem: Problem; missing?: true };
  load: (rel: string, cap: number, raw?: boolean) => Got;
} {
  let budget = LIMITS.totalBytes;
  const cache = new Map<string, Got>();
  /** An entry outside the walk (a skipped folder, deeper than the walk): inside the project and regular only. */
  const locate = (rel: string): string | { problem: Problem; missing?: true } => {
    const known = w.paths.get(rel);
    if (known) return known;
    const problem = w.odd.get(rel);
    if (problem) return { problem };
    if (rel.split('/').some((p) => p === '..' || p === '') || rel.startsWith('/'))
      return { problem: 'is not inside the project' };
    let real: string;
    try {
      real = realpathSync(join(realRoot, rel));
    } catch {
      return { problem: 'does not exist', missing: true };
    }
    return inside(realRoot, real) ? real : { problem: 'is a symbolic link to a file outside the project' };
  };
  const load = (rel: string, cap: number, raw = false): Got => {
    const key = `${raw ? 'raw:' : ''}${cap}:${rel}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const where = locate(rel);
    let got: Got;
    if (typeof where !== 'string') got = where;
    else if (budget <= 0) got = { problem: 'was not read: the scan read its budget of bytes' };
    else got = readBounded(where, Math.min(cap, Math.max(budget, 4096)), raw);
    if ('text' in got) budget -= got.text.length;
    cache.set(key, got);
    return got;
  };
  return { locate, load };
}

export function scanProject(root: string): Scan {
  const realRoot = realpathSync(root);
  const walked = walk(realRoot);
  const { paths, odd, outside, notes, truncated } = walked;
  const note = (text: string) => {
    if (!notes.includes(text)) notes.push(text);
  };
  const files = [...paths.keys()].sort();
  const { locate, load } = loader(realRoot, walked);

  /** A file that decides the build: its text, undefined when absent, an exit-2 error when it cannot be read. */
  const decisive = (
    rel: string,
    cap: number,
    got: { text: string } | { problem: Problem; missing?: true },
  ): string | undefined => {
    if ('text' in got) return got.text;
    if (got.missing) return undefined;
    throw new UserError(
      'E_UNREADABLE',
      `${shown(rel)} ${got.problem}, and it decides how the project is built.`,
      `Make ${shown(rel)} a regular file inside the project that can be read (and under ${cap >= 1024 * 1024 ? `${cap / 1024 / 1024} MiB` : `${cap} bytes`}), or remove it.`,
    );
  };

  return {
    root,
    files,
    truncated,
    notes,
    has: (rel) => paths.has(rel) || odd.has(rel),
    read(rel, cap = LIMITS.fileBytes) {
      const got = load(rel, cap);
      if ('text' in got) return got.text;
      if (got.missing || outside.includes(rel)) return undefined;
      if (got.problem.includes('budget'))
        note(
          `The scan stopped reading files after ${LIMITS.totalBytes / 1024 / 1024} MiB; later files were not used as evidence.`,
        );
      else note(`Skipped ${shown(rel)}: it ${got.problem}.`);
      return undefined;
    },
    manifest(rel, cap = LIMITS.fileBytes) {
      return decisive(rel, cap, load(rel, cap));
    },
    rawManifest(rel, cap = LIMITS.fileBytes) {
      return decisive(rel, cap, load(rel, cap, true));
    },
    withExt: (...exts) => files.filter((f) => exts.some((x) => f.endsWith(x))),
    list(rel) {
      const where = locate(rel);
      if (typeof where !== 'string') return undefined;
      try {
        if (!lstatSync(where).isDirectory()) return undefined;
        // The same names the walk accepts: UTF-8, without line breaks or control characters.
        return readdirSync(where, { encoding: 'buffer' })
          .slice(0, LIMITS.files)
          .map((b) => ({ b, name: b.toString('utf8') }))
          .filter(({ b, name }) => Buffer.from(name, 'utf8').equals(b) && !hasLineBreakOrControl(name))
          .map(({ name }) => name);
      } catch {
        return undefined;
      }
    },
  };
}
