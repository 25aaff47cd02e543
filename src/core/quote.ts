import { UserError } from './errors.js';

/**
 * Every value that comes from a user's files and lands in a Dockerfile passes through here.
 * Exec-form instructions get JSON arrays; names that also appear in paths (COPY, -o) must be
 * plain words, because Docker expands `$VAR` in COPY/ENV/WORKDIR and the shell in RUN.
 */

const SAFE_NAME = /^[A-Z0-9][\w.+-]*$/i;
const SAFE_PATH = /^[\w.+/-]+$/;

/** A JSON array for exec-form ENTRYPOINT/CMD. */
export function execForm(words: readonly string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/** A name used in paths and commands: binary names, targets. */
export function safeName(value: string, what: string, flag: string, from?: string): string {
  if (!SAFE_NAME.test(value) || value.length > 128) {
    throw new UserError(
      'E_UNSAFE_VALUE',
      `${what} "${shown(value)}"${from ? ` (from ${shown(from, 80)})` : ''} cannot be used in a Dockerfile path: only letters, digits and . _ + - are accepted.`,
      `Pass a plain name with ${flag}.`,
    );
  }
  return value;
}

/** A relative path inside the project (e.g. ./cmd/server): no '..', no spaces, no '$'. */
export function safeRelPath(value: string, what: string, flag: string, from?: string): string {
  const parts = value.split('/');
  if (!SAFE_PATH.test(value) || value.length > 255 || parts.includes('..') || value.startsWith('/')) {
    throw new UserError(
      'E_UNSAFE_VALUE',
      `${what} "${shown(value)}"${from ? ` (from ${shown(from, 80)})` : ''} is not a plain relative path inside the project.`,
      `Pass a path like cmd/server with ${flag}.`,
    );
  }
  return value;
}

/** A word for a POSIX shell command line (RUN): single-quoted unless plainly safe. */
export function shellWord(value: string): string {
  if (/^[\w.+/=:,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/*
 * Free text from a project (file names, evidence, import paths) may reach Dockerfile comments,
 * messages and the terminal. None of it may carry a line break (a new Dockerfile instruction),
 * a control character (a terminal escape sequence) or an invisible character that reorders
 * text. These are the only functions that make such text safe to print.
 */

/** C0 and C1 controls (NEL among them), DEL, and the Unicode line and paragraph separators. */
const LINE_BREAK_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The same, plus zero-width and bidirectional formatting characters and the BOM. */
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function hasLineBreakOrControl(value: string): boolean {
  return LINE_BREAK_OR_CONTROL.test(value);
}

const visible = (c: string): string => {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
};

/**
 * One line of printable text: every unsafe character becomes a visible escape (\n, \u2028),
 * a trailing backslash (a Dockerfile line continuation) is dropped, and the length is capped.
 */
export function oneLine(value: string, max = 4096): string {
  let s = value.replace(UNPRINTABLE, visible);
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  while (s.endsWith('\\')) s = s.slice(0, -1);
  return s;
}

/** A value quoted in a message or a comment: one line, cut to a few dozen characters. */
export function shown(value: string, max = 60): string {
  return oneLine(value, max);
}

/** Text for the terminal: line breaks and tabs kept, every other control character made visible. */
export function forTerminal(text: string): string {
  return text.replace(UNPRINTABLE, (c) => (c === '\n' || c === '\t' ? c : visible(c)));
}
