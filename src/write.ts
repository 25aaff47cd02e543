import { createTwoFilesPatch } from 'diff';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { readBounded } from './core/scan.js';
import { fsError, UserError } from './core/errors.js';
import type { GeneratedFile } from './index.js';
import { shown } from './core/quote.js';

export type Action = 'create' | 'identical' | 'overwrite' | 'conflict';

export interface FileStatus {
  name: string;
  path: string;
  action: Action;
  content: string;
  /** Unified diff from the file on disk to the new content, when they differ. */
  diff?: string;
  /** Why the file can never be replaced, even with --force (a symbolic link, which is never written through). */
  blocked?: string;
}

export interface WriteOptions {
  force?: boolean;
  /** Asked once per conflicting file (on a TTY); true overwrites, false keeps the file. */
  confirm?: (file: FileStatus) => Promise<boolean>;
}

export interface WriteResult extends FileStatus {
  result: 'created' | 'identical' | 'overwritten' | 'kept';
  backup?: string;
}

/** What is on disk at a path: absent, or the regular file to compare and replace. */
interface OnDisk {
  mode: number;
  old?: string;
  blocked?: string;
}

/** A Dockerfile larger than this is not a Dockerfile anyone wrote by hand: compared as different, not read. */
const MAX_EXISTING = 1024 * 1024;

function describe(st: Stats): string {
  return st.isDirectory()
    ? 'a directory'
    : st.isFIFO()
      ? 'a FIFO (named pipe)'
      : st.isSocket()
        ? 'a socket'
        : 'a device or other special file';
}

/**
 * Looks at one destination without following a link: a symbolic link is never read and never
 * written through (it may lead anywhere, .git/config included), and special files never block.
 * The content is read byte for byte, as Docker reads it: a line ending or a BOM that differs is a
 * difference.
 */
function onDisk(path: string, name: string): OnDisk | undefined {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsError(e, `look at ${name}`);
  }
  if (st.isSymbolicLink()) {
    let to = '';
    try {
      to = readlinkSync(path);
    } catch {
      /* described without its target */
    }
    return {
      mode: 0,
      blocked: `${name} is a symbolic link${to ? ` (to ${shown(to, 80)})` : ''}, and links are never read or written through`,
    };
  }
  if (!st.isFile()) {
    throw new UserError(
      'E_FS',
      `${name} in the project is ${describe(st)}, so it cannot be replaced by a file; nothing was written.`,
      `Rename or remove it, or print the files with --stdout.`,
    );
  }
  const got = readBounded(path, MAX_EXISTING, true);
  if ('problem' in got && !got.problem.startsWith('is larger')) {
    throw new UserError(
      'E_FS',
      `${name} exists but ${got.problem}; nothing was written.`,
      `Make ${name} readable, or move it away.`,
    );
  }
  return { mode: st.mode & 0o7777, ...('text' in got ? { old: got.text } : {}) };
}

/** Git's own files: a folder named .git, or a git directory (HEAD, objects/ and refs/), at any level. */
function insideGit(real: string): boolean {
  if (real.split(sep).includes('.git')) return true;
  try {
    return (
      lstatSync(join(real, 'HEAD')).isFile() &&
      lstatSync(join(real, 'objects')).isDirectory() &&
      lstatSync(join(real, 'refs')).isDirectory()
    );
  } catch {
    return false;
  }
}

/** Refuses a destination folder inside git's own files: nothing is ever written there. */
export function checkWritable(dir: string): string {
  const root = realpathSync(dir);
  if (insideGit(root)) {
    throw new UserError(
      'E_UNSAFE_PATH',
      `${shown(dir, 80)} is inside a git directory (.git): nothing is written there.`,
      "Run it in the project's own folder (the one that holds .git), or print the files with --stdout.",
    );
  }
  return root;
}

/** What writing would do to each file, without touching anything. */
export async function inspect(dir: string, files: GeneratedFile[], force = false): Promise<FileStatus[]> {
  await Promise.resolve();
  return files.map((f) => {
    const path = join(dir, f.name);
    const disk = onDisk(path, f.name);
    if (!disk) return { name: f.name, path, action: 'create', content: f.content };
    if (disk.blocked) return { name: f.name, path, action: 'conflict', content: f.content, blocked: disk.blocked };
    if (disk.old === f.content) return { name: f.name, path, action: 'identical', content: f.content };
    const diff =
      disk.old === undefined
        ? `(${f.name} is larger than ${MAX_EXISTING / 1024 / 1024} MiB: no difference shown)\n`
        : createTwoFilesPatch(`${f.name} (existing)`, `${f.name} (new)`, disk.old, f.content);
    return { name: f.name, path, action: force ? 'overwrite' : 'conflict', content: f.content, diff };
  });
}

/** <path>.bak, or .bak.1, .bak.2, ...: a backup never replaces anything, not even a dangling link. */
function freeBackupName(path: string): string {
  for (let i = 0; ; i++) {
    const candidate = i ? `${path}.bak.${i}` : `${path}.bak`;
    try {
      lstatSync(candidate);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return candidate;
      throw fsError(e, `look at ${basename(candidate)}`);
    }
  }
}

/**
 * A copy of a regular file into a new file: the source is opened without following a link (it may
 * have become one since it was looked at) and the copy is created exclusively, never through a link.
 */
function copyNoFollow(src: string, dest: string): void {
  const from = openSync(src, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!fstatSync(from).isFile())
      throw new UserError(
        'E_FS',
        `${basename(src)} changed while it was being replaced; nothing was written.`,
        'Run it again.',
      );
    const to = openSync(dest, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      const buf = Buffer.alloc(64 * 1024);
      for (let n = readSync(from, buf); n > 0; n = readSync(from, buf))
        for (let off = 0; off < n;) off += writeSync(to, buf, off, n - off);
    } finally {
      closeSync(to);
    }
  } finally {
    closeSync(from);
  }
}

/** Temporary files that exist right now; removed on any error and at exit. */
const temporaries = new Set<string>();
let exitHook = false;
function removeTemporaries(): void {
  for (const t of temporaries) {
    try {
      unlinkSync(t);
    } catch {
      /* already gone */
    }
  }
  temporaries.clear();
}

/** A new file beside `target`, with a random name, opened exclusively (never through a planted link). */
function writeTemporary(target: string, content: string, mode: number | undefined): string {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(
    tmp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    mode === undefined ? 0o666 : 0o600,
  );
  temporaries.add(tmp);
  try {
    const buf = Buffer.from(content, 'utf8');
    for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off);
  } finally {
    closeSync(fd);
  }
  // The mode of the file it replaces, exactly (a mode given to open is cut by the umask).
  if (mode !== undefined) chmodSync(tmp, mode);
  return tmp;
}

/** A small file of the tool's own (the saved answers) put in place atomically: a temporary file beside it, renamed over it. */
export function replaceFile(path: string, content: string): void {
  const tmp = writeTemporary(path, content, undefined);
  try {
    renameSync(tmp, path);
  } finally {
    temporaries.delete(tmp);
    try {
      unlinkSync(tmp);
    } catch {
      /* renamed */
    }
  }
}

/**
 * Prepares every file, then puts them all in place in one synchronous step: signals that
 * arrive meanwhile are held until it is over, so no run leaves a temporary file, or one file
 * of the pair without the other. On an error, what was put in place is undone.
 */
async function commit(items: { s: FileStatus; disk: OnDisk | undefined }[]): Promise<Map<string, string>> {
  const held: NodeJS.Signals[] = [];
  const hold = (sig: NodeJS.Signals) => {
    held.push(sig);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.on(sig, hold);
  if (!exitHook) {
    process.on('exit', removeTemporaries);
    exitHook = true;
  }
  const backups = new Map<string, string>();
  const placed: { target: string; created: boolean; backup?: string }[] = [];
  try {
    const staged = items.map(({ s, disk }) => ({ s, disk, tmp: writeTemporary(s.path, s.content, disk?.mode) }));
    for (const { s, disk } of staged) {
      if (!disk) continue;
      // The backup is a copy of the content, with its mode; it never replaces anything.
      const backup = freeBackupName(s.path);
      copyNoFollow(s.path, backup);
      chmodSync(backup, disk.mode);
      backups.set(s.name, backup);
    }
    for (const { s, disk, tmp } of staged) {
      const target = s.path;
      renameSync(tmp, target);
      temporaries.delete(tmp);
      placed.push({ target, created: !disk, ...(backups.has(s.name) ? { backup: backups.get(s.name)! } : {}) });
    }
  } catch (e) {
    removeTemporaries();
    for (const p of placed.reverse()) {
      try {
        if (p.created) unlinkSync(p.target);
        else if (p.backup) {
          // Back in place by a copy renamed over the new file: never through a link.
          const tmp = join(dirname(p.target), `.${basename(p.target)}.${randomBytes(8).toString('hex')}.tmp`);
          copyNoFollow(p.backup, tmp);
          renameSync(tmp, p.target);
        }
      } catch {
        /* best effort: the backup is still there */
      }
    }
    throw fsError(e, `write into ${shown(dirname(items[0]!.s.path), 80)}`);
  } finally {
    // Let a signal that arrived during the synchronous step reach `hold`, then act on it.
    await new Promise((r) => setImmediate(r));
    for (const sig of signals) process.off(sig, hold);
    if (held.length) process.kill(process.pid, held[0]);
  }
  return backups;
}

/**
 * Never destroys work. An existing file that differs is a conflict: with `force` it is
 * overwritten after a copy is kept as <name>.bak (or .bak.1, .bak.2, ... when that exists), with
 * its permissions; with `confirm` the user decides per file; otherwise nothing at all is
 * written and E_CONFLICT is thrown. A destination that is a symbolic link is never read, never
 * written through and never replaced, with or without `force`; nothing is ever written inside
 * git's own files.
 */
export async function writeFiles(dir: string, files: GeneratedFile[], opts: WriteOptions = {}): Promise<WriteResult[]> {
  checkWritable(dir);
  const statuses = await inspect(dir, files, opts.force);
  const blocked = statuses.find((s) => s.blocked);
  if (blocked) {
    throw new UserError(
      'E_UNSAFE_PATH',
      `${blocked.blocked}: nothing was written, even with --force.`,
      `Remove the link (rm ${blocked.name}) and run it again, or print the file with --stdout and put it where the link points yourself.`,
    );
  }
  const conflicts = statuses.filter((s) => s.action === 'conflict');
  if (conflicts.length && !opts.confirm) {
    throw new UserError(
      'E_CONFLICT',
      `${conflicts.map((c) => c.name).join(' and ')} already exist${conflicts.length === 1 ? 's' : ''} in ${shown(dir, 80)} and differ${conflicts.length === 1 ? 's' : ''} from what would be written; nothing was written.`,
      'See the difference with --dry-run, print the new file with --stdout, or replace it with --force (the old file is kept as .bak).',
    );
  }
  const decisions = new Map<string, boolean>();
  for (const c of conflicts) decisions.set(c.name, await opts.confirm!(c));

  const todo = statuses.filter(
    (s) => s.action === 'create' || s.action === 'overwrite' || (s.action === 'conflict' && decisions.get(s.name)),
  );
  // Looked at again just before writing: the disk may have changed while a prompt was open.
  const items = todo.map((s) => ({ s, disk: onDisk(s.path, s.name) }));
  if (items.some((i) => i.disk?.blocked))
    throw new UserError(
      'E_UNSAFE_PATH',
      'A file to write became a symbolic link; nothing was written.',
      'Run it again.',
    );
  const backups = items.length ? await commit(items) : new Map<string, string>();
  return statuses.map((s) => {
    if (s.action === 'identical') return { ...s, result: 'identical' };
    if (!todo.includes(s)) return { ...s, result: 'kept' };
    const backup = backups.get(s.name);
    return backup ? { ...s, result: 'overwritten', backup } : { ...s, result: 'created' };
  });
}
