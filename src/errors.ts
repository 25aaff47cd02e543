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
  | 'E_RUN_FAILED';

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
