import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { join, sep } from 'node:path';
import { UserError } from './errors.js';
import { hasLineBreakOrControl, shown } from './quote.js';

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
  /^(tests?|testing|test_?data|unittests?|examples?|samples?|demos?|fuzz|fuzzing|fuzzers?|bench|benches|benchmarks?|win32|win64|windows|msvc|vs20\d\d|vcproj|osx|macos|macosx|darwin|ios|android|freebsd|openbsd|netbsd|haiku|wasm|emscripten|deps|external|externals|extern|3rdparty|thirdparty|third-party)$/i;

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

const kindOf = (st: Stats): string =>
  st.isDirectory()
    ? 'a directory'
    : st.isFIFO()
      ? 'a FIFO (named pipe)'
      : st.isCharacterDevice() || st.isBlockDevice()
        ? 'a device'
        : st.isSocket()
          ? 'a socket'
          : 'not a regular file';

function inside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

/**
 * Reads at most `cap` bytes of a regular file without following a final symbolic link and
 * without blocking on a FIFO; returns the text or the problem.
 */
export function readBounded(
  abs: string,
  cap: number,
  raw = false,
): { text: string } | { problem: Problem; missing?: true } {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'does not exist', missing: true };
    if (code === 'ELOOP') return { problem: 'is a symbolic link' };
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'cannot be read (permission denied)' };
    return { problem: `cannot be opened (${code ?? 'error'})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: `is ${kindOf(st)}` };
    if (st.size > cap)
      return { problem: `is larger than ${cap >= 1024 * 1024 ? `${cap / 1024 / 1024} MiB` : `${cap} bytes`}` };
    // The size may change under us: never read more than cap + 1 bytes.
    const buf = Buffer.alloc(Math.min(cap + 1, Math.max(st.size, 0) + 1));
    let got = 0;
    for (;;) {
      if (got === buf.length) break;
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    if (got > cap) return { problem: `is larger than ${cap} bytes` };
    const text = buf.subarray(0, got).toString('utf8');
    return { text: raw ? text : normalize(text) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

/** One line-ending convention for every parser: no BOM, LF only. */
function normalize(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

export function scanProject(root: string): Scan {
  const realRoot = realpathSync(root);
  /** rel -> absolute path to open (the link's target for links that stay inside). */
  const paths = new Map<string, string>();
  /** Entries that exist but are not readable regular files inside the project. */
  const odd = new Map<string, Problem>();
  const notes: string[] = [];
  const note = (text: string) => {
    if (!notes.includes(text)) notes.push(text);
  };
  const skippedNames: string[] = [];
  const outside: string[] = [];
  let truncated = false;

  // Breadth-first: every entry of the root is listed before anything deeper.
  const queue: { abs: string; rel: string; depth: number }[] = [{ abs: realRoot, rel: '', depth: 0 }];
  for (let head = 0; head < queue.length && !truncated; head++) {
    const { abs, rel, depth } = queue[head]!;
    if (head >= LIMITS.dirs) {
      truncated = true;
      break;
    }
    let raw;
    try {
      // Names as bytes: one that is not UTF-8 would otherwise turn into U+FFFD, a name that is not on disk.
      raw = readdirSync(abs, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      if (rel) note(`${shown(rel)} could not be listed; its files were not read.`);
      continue;
    }
    const entries = raw.map((e) => ({
      e,
      name: e.name.toString('utf8'),
      utf8: Buffer.from(e.name.toString('utf8'), 'utf8').equals(e.name),
    }));
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { e, name, utf8 } of entries) {
      if (paths.size >= LIMITS.files) {
        truncated = true;
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
      } else if (e.isFile()) {
        paths.set(r, full);
      } else if (e.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(full);
        } catch {
          odd.set(r, 'is a symbolic link to nothing (dangling)');
          continue;
        }
        if (!inside(realRoot, real)) {
          odd.set(r, 'is a symbolic link to a file outside the project');
          outside.push(r);
          continue;
        }
        let st: Stats;
        try {
          st = lstatSync(real);
        } catch {
          continue;
        }
        // Links to folders are not followed (no loops); links to files inside are files.
        if (st.isFile()) paths.set(r, real);
        else if (!st.isDirectory()) odd.set(r, `is a symbolic link to ${kindOf(st)}`);
      } else {
        try {
          odd.set(r, `is ${kindOf(lstatSync(full))}`);
        } catch {
          /* gone */
        }
      }
    }
  }
  if (outside.length)
    notes.push(
      `Ignored ${outside.length} symbolic link${outside.length > 1 ? 's' : ''} that leave${outside.length > 1 ? '' : 's'} the project (${outside
        .slice(0, 3)
        .map((n) => shown(n))
        .join(', ')}): nothing outside it is read.`,
    );
  if (skippedNames.length)
    notes.push(
      `Skipped ${skippedNames.length} file name${skippedNames.length > 1 ? 's' : ''} with line breaks, control characters or bytes that are not UTF-8 (${skippedNames
        .slice(0, 3)
        .map((n) => shown(n))
        .join(', ')}): such names cannot be written into a Dockerfile.`,
    );
  if (truncated)
    notes.push(
      `The project has more than ${LIMITS.files.toLocaleString('en')} files or ${LIMITS.dirs.toLocaleString('en')} folders: the scan stopped early (shallow folders first), so deeper files were not used as evidence.`,
    );

  const files = [...paths.keys()].sort();
  let budget = LIMITS.totalBytes;
  const cache = new Map<string, { text: string } | { problem: Problem; missing?: true }>();

  /** An entry outside the walk (a skipped folder, deeper than the walk): inside the project and regular only. */
  const locate = (rel: string): string | { problem: Problem; missing?: true } => {
    const known = paths.get(rel);
    if (known) return known;
    const problem = odd.get(rel);
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

  const load = (rel: string, cap: number, raw = false) => {
    const key = `${raw ? 'raw:' : ''}${cap}:${rel}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const where = locate(rel);
    let got: { text: string } | { problem: Problem; missing?: true };
    if (typeof where !== 'string') got = where;
    else if (budget <= 0) got = { problem: 'was not read: the scan read its budget of bytes' };
    else got = readBounded(where, Math.min(cap, Math.max(budget, 4096)), raw);
    if ('text' in got) budget -= got.text.length;
    cache.set(key, got);
    return got;
  };

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
