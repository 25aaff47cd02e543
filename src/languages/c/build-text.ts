/**
 * Readers for C/C++ build files: Make, CMake, Autotools (Makefile.am) and Meson. Each is a
 * scanner linear in the size of the file: lines are split once, and no regular expression
 * with a repeated part runs over more than one line or one command. What they share is here.
 */

/** Lines with backslash continuations joined. */
export function logicalLines(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    if (line.endsWith('\\')) {
      cur += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(cur + line);
    cur = '';
  }
  if (cur) out.push(cur);
  return out;
}

export const words = (s: string): string[] => s.split(/[ \t]+/).filter(Boolean);
/** The longest value a Make or CMake variable keeps: a value that doubles at each line is cut there. */
export const VALUE_MAX = 64 * 1024;

/**
 * References to variables replaced by their values, at most VALUE_MAX characters of values in
 * all: a line of a thousand `$(A)` adds no more than one long value would.
 */
export function expandCapped(text: string, reference: RegExp, value: (name: string) => string): string {
  let budget = VALUE_MAX;
  return text.replace(reference, (_m, name: string) => {
    const v = value(name);
    if (v.length > budget) {
      budget = 0;
      return '';
    }
    budget -= v.length;
    return v;
  });
}
