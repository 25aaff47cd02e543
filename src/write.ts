import { createTwoFilesPatch } from 'diff';
import fs from 'fs-extra';
import { join } from 'node:path';
import { UserError } from './errors.js';
import type { GeneratedFile } from './index.js';

export type Action = 'create' | 'identical' | 'overwrite' | 'conflict';

export interface FileStatus {
  name: string;
  path: string;
  action: Action;
  content: string;
  /** Unified diff from the file on disk to the new content, when they differ. */
  diff?: string;
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

/** What writing would do to each file, without touching anything. */
export async function inspect(dir: string, files: GeneratedFile[], force = false): Promise<FileStatus[]> {
  return Promise.all(files.map(async (f) => {
    const path = join(dir, f.name);
    const old = await fs.readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
    if (old === undefined) return { name: f.name, path, action: 'create' as const, content: f.content };
    if (old === f.content) return { name: f.name, path, action: 'identical' as const, content: f.content };
    const diff = createTwoFilesPatch(`${f.name} (existing)`, `${f.name} (new)`, old, f.content);
    return { name: f.name, path, action: force ? 'overwrite' as const : 'conflict' as const, content: f.content, diff };
  }));
}

/** Writes to a temporary file beside the target, then renames: never a half-written file. */
async function atomicWrite(path: string, content: string, mode?: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await fs.writeFile(tmp, content, mode === undefined ? {} : { mode });
  await fs.rename(tmp, path);
}

/** <path>.bak, or .bak.1, .bak.2, ...: a backup never replaces an earlier one. */
async function freeBackupName(path: string): Promise<string> {
  for (let i = 0; ; i++) {
    const candidate = i ? `${path}.bak.${i}` : `${path}.bak`;
    if (!(await fs.pathExists(candidate))) return candidate;
  }
}

/**
 * Never destroys work. An existing file that differs is a conflict: with `force` it is
 * overwritten after a copy is kept as <name>.bak (or .bak.1, .bak.2, ... when that exists), with
 * its permissions; with `confirm` the user decides per file;
 * otherwise nothing at all is written and E_CONFLICT is thrown.
 */
export async function writeFiles(dir: string, files: GeneratedFile[], opts: WriteOptions = {}): Promise<WriteResult[]> {
  const statuses = await inspect(dir, files, opts.force);
  const conflicts = statuses.filter((s) => s.action === 'conflict');
  if (conflicts.length && !opts.confirm) {
    throw new UserError('E_CONFLICT',
      `${conflicts.map((c) => c.name).join(' and ')} already exist${conflicts.length === 1 ? 's' : ''} in ${dir} and differ${conflicts.length === 1 ? 's' : ''} from what would be written; nothing was written.`,
      'See the difference with --dry-run, print the new file with --stdout, or replace it with --force (the old file is kept as .bak).');
  }
  const decisions = new Map<string, boolean>();
  for (const c of conflicts) decisions.set(c.name, await opts.confirm!(c));
  const results: WriteResult[] = [];
  for (const s of statuses) {
    if (s.action === 'identical') { results.push({ ...s, result: 'identical' }); continue; }
    if (s.action === 'conflict' && !decisions.get(s.name)) { results.push({ ...s, result: 'kept' }); continue; }
    if (s.action === 'create') {
      await atomicWrite(s.path, s.content);
      results.push({ ...s, result: 'created' });
      continue;
    }
    const backup = await freeBackupName(s.path);
    await fs.copy(s.path, backup, { overwrite: false, errorOnExist: true });
    await atomicWrite(s.path, s.content, (await fs.stat(s.path)).mode & 0o7777);
    results.push({ ...s, result: 'overwritten', backup });
  }
  return results;
}
