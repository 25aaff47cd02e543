/** CMake's command syntax, read once a file: `name(args)`, linear in the size of the text. */

const isIdentStart = (c: number) => c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);

export interface CMakeCommand {
  /** Lower-cased command name. */
  name: string;
  args: string[];
}

/**
 * CMake commands in order, `name(args)`, with comments (line and bracket) removed, quoted and
 * bracket arguments unquoted, and nested parentheses flattened.
 */
export function cmakeCommands(text: string): CMakeCommand[] {
  // The same file is read for targets, libraries, options and names: parsed once.
  const cached = parsedCMake.get(text);
  if (cached) return cached;
  const out = parseCMake(text);
  if (parsedCMake.size >= 16) parsedCMake.delete(parsedCMake.keys().next().value!);
  parsedCMake.set(text, out);
  return out;
}

/** The last CMake files parsed (callers never change the commands they get). */
const parsedCMake = new Map<string, CMakeCommand[]>();
/** Characters that end a plain run inside a command's arguments: quotes, brackets, comments, escapes, parentheses, blanks. */
const SPECIAL_IN_ARGS = new Set([...'"[#\\() \t\n\r'].map((c) => c.charCodeAt(0)));

/** [[ ... ]] or [=[ ... ]=] opening at `at`: the index after the closing bracket (the end when unclosed), or -1. */
function bracketEnd(text: string, at: number): number {
  let j = at + 1;
  while (text[j] === '=') j++;
  if (text[j] !== '[') return -1;
  const close = `]${'='.repeat(j - at - 1)}]`;
  const end = text.indexOf(close, j + 1);
  return end < 0 ? text.length : end + close.length;
}

/** A comment at `at` (a `#`): where it ends, and whether it was a bracket comment (`#[[ ... ]]`). */
function commentEnd(text: string, at: number): { end: number; bracket: boolean } {
  const b = text[at + 1] === '[' ? bracketEnd(text, at + 1) : -1;
  if (b >= 0) return { end: b, bracket: true };
  const nl = text.indexOf('\n', at);
  return { end: nl < 0 ? text.length : nl + 1, bracket: false };
}

/** A quoted argument opening at `at`: its value unescaped, and the index after its closing quote. */
function quoted(text: string, at: number): { value: string; end: number } {
  const n = text.length;
  let e = at + 1;
  let value = '';
  while (e < n && text[e] !== '"') {
    if (text[e] === '\\' && e + 1 < n) {
      value += text[e + 1];
      e += 2;
      continue;
    }
    value += text[e];
    e++;
  }
  return { value, end: e + 1 };
}

function parseCMake(text: string): CMakeCommand[] {
  const out: CMakeCommand[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text[i] === '#') {
      i = commentEnd(text, i).end;
      continue;
    }
    if (!isIdentStart(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isIdentPart(text.charCodeAt(j))) j++;
    const name = text.slice(i, j).toLowerCase();
    let k = j;
    while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
    if (text[k] !== '(') {
      i = j;
      continue;
    }
    const { args, end } = commandArgs(text, k + 1);
    out.push({ name, args });
    i = end;
  }
  return out;
}

/** The arguments of a command whose `(` is just before `from`, and the index after its closing `)`. */
function commandArgs(text: string, from: number): { args: string[]; end: number } {
  const n = text.length;
  const args: string[] = [];
  let depth = 1;
  let cur = '';
  const flush = () => {
    if (cur) args.push(cur);
    cur = '';
  };
  let k = from;
  while (k < n && depth > 0) {
    const d = text[k]!;
    if (d === '"') {
      const q = quoted(text, k);
      cur += q.value;
      k = q.end;
      continue;
    }
    if (d === '[' && (text[k + 1] === '[' || text[k + 1] === '=')) {
      const b = bracketEnd(text, k);
      if (b >= 0) {
        cur += text.slice(k, b).replace(/^\[=*\[|\]=*\]$/g, '');
        k = b;
        continue;
      }
    }
    if (d === '#') {
      // A line comment ends the argument; a bracket comment does not.
      const c = commentEnd(text, k);
      if (!c.bracket) flush();
      k = c.end;
      continue;
    }
    // An escaped character in an unquoted argument (-DVERSION=\"1.0\") is part of it.
    if (d === '\\' && k + 1 < n) {
      cur += text[k + 1];
      k += 2;
      continue;
    }
    if (d === '(' || d === ')') {
      depth += d === '(' ? 1 : -1;
      flush();
      k++;
      continue;
    }
    if (d === ' ' || d === '\t' || d === '\n' || d === '\r') {
      flush();
      k++;
      continue;
    }
    // A run of plain characters, taken in one slice.
    let e = k + 1;
    while (e < n && !SPECIAL_IN_ARGS.has(text.charCodeAt(e))) e++;
    cur += text.slice(k, e);
    k = e;
  }
  flush();
  return { args, end: k };
}
