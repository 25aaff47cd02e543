/**
 * Errors a user can fix: a code, a message and the fix. The CLI prints them without a stack
 * and exits 2; anything else is a bug (exit 1).
 */
export type ErrorCode =
  | 'E_NO_DIR'
  | 'E_NO_PROJECT'
  | 'E_AMBIGUOUS'
  | 'E_BAD_FLAG'
  | 'E_REFUSED'
  | 'E_CONFLICT'
  | 'E_UNSAFE_VALUE'
  | 'E_NO_ENTRY'
  | 'E_DOCKER_MISSING'
  | 'E_DOCKER_DAEMON'
  | 'E_BUILDKIT'
  | 'E_BUILD_FAILED'
  | 'E_RUN_FAILED'
  | 'E_UNREADABLE'
  | 'E_FS'
  | 'E_UNSAFE_PATH'
  | 'E_MISSING';

export class UserError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode = 2;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.hint = hint;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** What a user can do about a filesystem error, by its code. */
const FS_FIXES: Record<string, [string, string]> = {
  EACCES: ['permission denied', 'Run it as a user who may write there, or fix the permissions.'],
  EPERM: ['operation not permitted', 'Run it as a user who may write there, or fix the permissions.'],
  EROFS: [
    'the file system is read-only',
    'Run it on a writable copy of the project, or print the files with --stdout.',
  ],
  ENOSPC: ['no space left on the device', 'Free some space and run it again.'],
  EDQUOT: ['disk quota exceeded', 'Free some space and run it again.'],
  EISDIR: ['it is a directory', 'Rename or remove that directory.'],
  ENOTDIR: ['a part of the path is not a directory', 'Check the path.'],
  ENAMETOOLONG: ['the name is too long', 'Use a shorter path.'],
  ELOOP: ['too many symbolic links', 'Replace the symbolic link with a regular file.'],
  EEXIST: ['it already exists', 'Remove it and run it again.'],
  EBUSY: ['it is busy', 'Close what holds it and run it again.'],
  EIO: ['an input/output error', 'Check the disk.'],
};

/** A filesystem error a user can fix becomes a UserError naming the path; anything else stays a bug. */
export function fsError(e: unknown, what: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const fix = code ? FS_FIXES[code] : undefined;
  if (!fix) return e;
  return new UserError('E_FS', `Cannot ${what}: ${fix[0]}; nothing was written.`, fix[1]);
}
