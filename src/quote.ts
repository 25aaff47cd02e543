import { UserError } from './errors.js';

/**
 * Every value that comes from a user's files and lands in a Dockerfile passes through here.
 * Exec-form instructions get JSON arrays; names that also appear in paths (COPY, -o) must be
 * plain words, because Docker expands `$VAR` in COPY/ENV/WORKDIR and the shell in RUN.
 */

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const SAFE_PATH = /^[A-Za-z0-9._+\/-]+$/;

/** A JSON array for exec-form ENTRYPOINT/CMD. */
export function execForm(words: readonly string[]): string {
  return JSON.stringify(words).replace(/,/g, ', ');
}

/** A name used in paths and commands: binary names, targets. */
export function safeName(value: string, what: string, flag: string): string {
  if (!SAFE_NAME.test(value) || value.length > 128) {
    throw new UserError(
      'E_UNSAFE_VALUE',
      `${what} ${JSON.stringify(value)} cannot be used in a Dockerfile path: only letters, digits and . _ + - are accepted.`,
      `Pass a plain name with ${flag}.`,
    );
  }
  return value;
}

/** A relative path inside the project (e.g. ./cmd/server): no '..', no spaces, no '$'. */
export function safeRelPath(value: string, what: string, flag: string): string {
  const parts = value.split('/');
  if (!SAFE_PATH.test(value) || parts.includes('..') || value.startsWith('/')) {
    throw new UserError(
      'E_UNSAFE_VALUE',
      `${what} ${JSON.stringify(value)} is not a plain relative path inside the project.`,
      `Pass a path like cmd/server with ${flag}.`,
    );
  }
  return value;
}

/** A word for a POSIX shell command line (RUN): single-quoted unless plainly safe. */
export function shellWord(value: string): string {
  if (/^[A-Za-z0-9._+\/=:,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
