/** A shell variable a script reads: $NAME, ${NAME}, ${NAME:-default} or ${NAME-default}. */
export interface ShellVar {
  name: string;
  fallback?: string | undefined;
  raw: string;
}

// Linear: a `$`, then a bounded name (bare names end where the word characters end), then a plain default.
const SHELL_VAR = /\$(?:\{([A-Z_]\w{0,60})(?::?-([\w.:/@+,=-]{0,100}))?\}|([A-Z_]\w{0,60})\b)/gi;

/**
 * A script with each shell variable replaced by `put(variable)`. Exec form (ENTRYPOINT ["node", ...])
 * runs no shell: a `$PORT` left in a word reaches the program as those five characters. Forms
 * this does not read (${X:=y}, $1, $@, ...) keep their `$`, which the caller's shell-syntax test refuses.
 */
export function replaceShellVars(script: string, put: (v: ShellVar) => string): string {
  return script.replace(SHELL_VAR, (raw: string, braced?: string, fallback?: string, bare?: string) =>
    put({ name: (braced ?? bare)!, fallback, raw }),
  );
}

/** A command line's shell variables, read for exec form. */
export interface CommandVars {
  /** The words, with a default written in for each variable that has one, and `$PORT` where the port goes. */
  words: string[];
  /** The line without its variables, for a test of the shell syntax left. */
  bare: string;
  /** The line reads $PORT: the port is written there once known. */
  portVar: boolean;
  /** The default of ${PORT:-3000}. */
  portDefault?: number | undefined;
  /** The first variable no value can be given to ($HOST, ${PORT:-abc}). */
  unresolved?: string | undefined;
}

/**
 * A command line's shell variables: a default is written in (${HOST:-0.0.0.0}); $PORT is the port
 * the image listens on, known later; any other variable has no value an exec-form command could use.
 */
export function commandVars(line: string): CommandVars {
  const MARK = '\u0000';
  const out: CommandVars = { words: [], bare: '', portVar: false };
  const plain = replaceShellVars(line, (v) => {
    if (v.name === 'PORT') {
      out.portVar = true;
      if (v.fallback !== undefined && /^\d{2,5}$/.test(v.fallback)) out.portDefault ??= Number(v.fallback);
      else if (v.fallback !== undefined) out.unresolved ??= v.raw;
      return MARK;
    }
    if (v.fallback !== undefined) return v.fallback;
    out.unresolved ??= v.raw;
    return '';
  });
  out.bare = plain.split(MARK).join('');
  out.words = plain
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.split(MARK).join('$PORT'));
  return out;
}
