import { createTwoFilesPatch } from 'diff';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, copyFileSync, lstatSync, openSync, realpathSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { readBounded } from './detect/scan.js';
import { fsError, UserError } from './errors.js';
import type { GeneratedFile } from './index.js';
import { shown } from './quote.js';

export type Action = 'create' | 'identical' | 'overwrite' | 'conflict';

export interface FileStatus {
  name: string;
  path: string;
  action: Action;
  content: string;
  /** Unified diff from the file on disk to the new content, when they differ. */
  diff?: string;
  /** When `path` is a symbolic link inside the project: the file it points to (relative to the project). */
  through?: string;
  /** Why the file can never be replaced, even with --force (a link that leaves the project). */
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

/** What is on disk at a path: absent, or the file to compare and replace (through a link inside the project). */
interface OnDisk { target: string; mode: number; through?: string; old?: string; blocked?: string }

/** A Dockerfile larger than this is not a Dockerfile anyone wrote by hand: compared as different, not read. */
const MAX_EXISTING = 1024 * 1024;

function inside(root: string, real: string): boolean {
  return real.startsWith(root.endsWith(sep) ? root : root + sep);
}

function describe(st: Stats): string {
  return st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket' : 'a device or other special file';
}

/** Looks at one destination without following links out of the project, and never blocks on special files. */
function onDisk(root: string, path: string, name: string): OnDisk | undefined {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsError(e, `look at ${name}`);
  }
  let target = path;
  let through: string | undefined;
  if (st.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return { target: path, mode: 0, blocked: `${name} is a symbolic link to nothing (dangling)` };
    }
    if (!inside(root, real)) return { target: path, mode: 0, blocked: `${name} is a symbolic link to a file outside the project` };
    target = real;
    through = relative(root, real).split(sep).join('/');
    st = lstatSync(real);
  }
  if (!st.isFile()) {
    throw new UserError('E_FS', `${name} in the project is ${describe(st)}, so it cannot be replaced by a file; nothing was written.`,
      `Rename or remove it, or print the files with --stdout.`);
  }
  const got = readBounded(target, MAX_EXISTING);
  if ('problem' in got && !got.problem.startsWith('is larger')) {
    throw new UserError('E_FS', `${name} exists but ${got.problem}; nothing was written.`, `Make ${name} readable, or move it away.`);
  }
  return { target, mode: st.mode & 0o7777, ...(through ? { through } : {}), ...('text' in got ? { old: got.text } : {}) };
}

/** What writing would do to each file, without touching anything. */
export async function inspect(dir: string, files: GeneratedFile[], force = false): Promise<FileStatus[]> {
  const root = realpathSync(dir);
  return files.map((f) => {
    const path = join(dir, f.name);
    const disk = onDisk(root, path, f.name);
    if (!disk) return { name: f.name, path, action: 'create', content: f.content };
    const via = disk.through ? { through: disk.through } : {};
    if (disk.blocked) return { name: f.name, path, action: 'conflict', content: f.content, blocked: disk.blocked };
    if (disk.old === f.content) return { name: f.name, path, action: 'identical', content: f.content, ...via };
    const diff = disk.old === undefined
      ? `(${f.name} is larger than ${MAX_EXISTING / 1024 / 1024} MiB: no difference shown)\n`
      : createTwoFilesPatch(`${f.name} (existing)`, `${f.name} (new)`, disk.old, f.content);
    return { name: f.name, path, action: force ? 'overwrite' : 'conflict', content: f.content, diff, ...via };
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

/** Temporary files that exist right now; removed on any error and at exit. */
const temporaries = new Set<string>();
let exitHook = false;
function removeTemporaries(): void {
  for (const t of temporaries) { try { unlinkSync(t); } catch { /* already gone */ } }
  temporaries.clear();
}

/** A new file beside `target`, with a random name, opened exclusively (never through a planted link). */
function writeTemporary(target: string, content: string, mode: number | undefined): string {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode === undefined ? 0o666 : 0o600);
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
    try { unlinkSync(tmp); } catch { /* renamed */ }
  }
}

/**
 * Prepares every file, then puts them all in place in one synchronous step: signals that
 * arrive meanwhile are held until it is over, so no run leaves a temporary file, or one file
 * of the pair without the other. On an error, what was put in place is undone.
 */
async function commit(items: { s: FileStatus; disk: OnDisk | undefined }[]): Promise<Map<string, string>> {
  const held: NodeJS.Signals[] = [];
  const hold = (sig: NodeJS.Signals) => { held.push(sig); };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const sig of signals) process.on(sig, hold);
  if (!exitHook) { process.on('exit', removeTemporaries); exitHook = true; }
  const backups = new Map<string, string>();
  const placed: { target: string; created: boolean; backup?: string }[] = [];
  try {
    const staged = items.map(({ s, disk }) => ({ s, disk, tmp: writeTemporary(disk?.target ?? s.path, s.content, disk?.mode) }));
    for (const { s, disk } of staged) {
      if (!disk) continue;
      // The backup is a copy of the content (through a link, of the file it points to), with its mode.
      const backup = freeBackupName(s.path);
      copyFileSync(disk.target, backup, constants.COPYFILE_EXCL);
      chmodSync(backup, disk.mode);
      backups.set(s.name, backup);
    }
    for (const { s, disk, tmp } of staged) {
      const target = disk?.target ?? s.path;
      renameSync(tmp, target);
      temporaries.delete(tmp);
      placed.push({ target, created: !disk, ...(backups.has(s.name) ? { backup: backups.get(s.name)! } : {}) });
    }
  } catch (e) {
    removeTemporaries();
    for (const p of placed.reverse()) {
      try {
        if (p.created) unlinkSync(p.target);
        else if (p.backup) copyFileSync(p.backup, p.target);
      } catch { /* best effort: the backup is still there */ }
    }
    throw fsError(e, `write into ${shown(dirname(items[0]!.s.path), 80)}`);
  } finally {
    // Let a signal that arrived during the synchronous step reach `hold`, then act on it.
    await new Promise((r) => setImmediate(r));
    for (const sig of signals) process.off(sig, hold);
    if (held.length) process.kill(process.pid, held[0]!);
  }
  return backups;
}

/**
 * Never destroys work. An existing file that differs is a conflict: with `force` it is
 * overwritten after a copy is kept as <name>.bak (or .bak.1, .bak.2, ... when that exists), with
 * its permissions; with `confirm` the user decides per file; otherwise nothing at all is
 * written and E_CONFLICT is thrown. A Dockerfile that is a symbolic link inside the project is
 * written through to the file it points to, and only with `force`; one that leaves the
 * project is never read or written.
 */
export async function writeFiles(dir: string, files: GeneratedFile[], opts: WriteOptions = {}): Promise<WriteResult[]> {
  const statuses = await inspect(dir, files, opts.force);
  const blocked = statuses.find((s) => s.blocked);
  if (blocked) {
    throw new UserError('E_UNSAFE_PATH', `${blocked.blocked}: it is neither read nor replaced; nothing was written.`,
      `Remove the link (or replace it with a regular file) and run it again, or print the files with --stdout.`);
  }
  const conflicts = statuses.filter((s) => s.action === 'conflict');
  const links = conflicts.filter((s) => s.through);
  if (conflicts.length && (!opts.confirm || links.length)) {
    throw new UserError('E_CONFLICT',
      `${conflicts.map((c) => (c.through ? `${c.name} (a symbolic link to ${shown(c.through)})` : c.name)).join(' and ')} already exist${conflicts.length === 1 ? 's' : ''} in ${shown(dir, 80)} and differ${conflicts.length === 1 ? 's' : ''} from what would be written; nothing was written.`,
      links.length
        ? 'See the difference with --dry-run; --force writes through the link to the file it points to (a copy is kept as .bak).'
        : 'See the difference with --dry-run, print the new file with --stdout, or replace it with --force (the old file is kept as .bak).');
  }
  const decisions = new Map<string, boolean>();
  for (const c of conflicts) decisions.set(c.name, await opts.confirm!(c));

  const root = realpathSync(dir);
  const todo = statuses.filter((s) => s.action === 'create' || s.action === 'overwrite' || (s.action === 'conflict' && decisions.get(s.name)));
  // Looked at again just before writing: the disk may have changed while a prompt was open.
  const items = todo.map((s) => ({ s, disk: onDisk(root, s.path, s.name) }));
  if (items.some((i) => i.disk?.blocked)) throw new UserError('E_UNSAFE_PATH', 'A file to write became a symbolic link that leaves the project; nothing was written.', 'Run it again.');
  const backups = items.length ? await commit(items) : new Map<string, string>();
  return statuses.map((s) => {
    if (s.action === 'identical') return { ...s, result: 'identical' };
    if (!todo.includes(s)) return { ...s, result: 'kept' };
    const backup = backups.get(s.name);
    return backup ? { ...s, result: 'overwritten', backup } : { ...s, result: 'created' };
  });
}
