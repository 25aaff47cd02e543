import { logicalLines, words } from './build-text.js';

/** Automake conditionals that are false on Linux (`if OS_WIN32`, `if DARWIN`). */
const OTHER_PLATFORM_CONDITIONAL =
  /WIN(?:32|64|DOWS)?\b|MINGW|CYGWIN|DARWIN|OSX|MACOS|APPLE|HAIKU|SOLARIS|FREEBSD|OPENBSD|NETBSD/i;

/**
 * Makefile.am: the programs of bin_PROGRAMS / sbin_PROGRAMS, a logical line at a time; those
 * inside `if WIN32`-like conditionals (false on Linux) are left out, others kept.
 */
export function automakePrograms(text: string): string[] {
  const out: string[] = [];
  const stack: boolean[] = [];
  let dropping = 0;
  for (const line of logicalLines(text)) {
    const t = line.trimStart();
    const cond = /^if[ \t]+(?:(!)[ \t]*)?(\w{1,100})/.exec(t);
    if (cond) {
      const on = !(OTHER_PLATFORM_CONDITIONAL.test(cond[2]!) && cond[1] !== '!');
      stack.push(on);
      if (!on) dropping++;
      continue;
    }
    if (/^else\b/.test(t) && stack.length) {
      // The else of a platform conditional is the Linux branch; of others, kept as well.
      if (!stack[stack.length - 1]) dropping--;
      stack[stack.length - 1] = true;
      continue;
    }
    if (/^endif\b/.test(t)) {
      if (stack.pop() === false) dropping--;
      continue;
    }
    if (dropping > 0) continue;
    const m = /^s?bin_PROGRAMS[ \t]*\+?=/.exec(t);
    if (m) out.push(...words(t.slice(m[0].length)));
  }
  return out;
}
