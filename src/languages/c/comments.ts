import { basename } from 'node:path';

/** A build file's text without its comments: `#` lines in Make/CMake/Meson, `dnl` and `#` in Autoconf. */
export function withoutComments(path: string, text: string): string {
  const base = basename(path);
  if (base === 'CMakeLists.txt' || path.endsWith('.cmake')) return text; // cmakeCommands drops its own comments
  const autoconf = base === 'configure.ac' || base === 'configure.in';
  const make = !autoconf && base !== 'meson.build';
  // Make and Automake conditionals (ifeq ($(uname_S),SunOS), if HAVE_SYSTEMD) choose options and
  // platforms: what they link is not what every build links. Only the branch a plain `make` takes
  // is kept: an `else` after tests of options (ifeq ($(O_NORL),1) ... else -lreadline), and
  // `ifndef NAME` (the option is unset); other branches are left out.
  // How many open frames leave their branch out: a count, not a scan of every frame at each line.
  const frames: { keep: boolean; taken: boolean }[] = [];
  let dropping = 0;
  const opens = (t: string) => /^(?:ifeq|ifneq|ifdef|ifndef|if)\b/.test(t);
  return text
    .split('\n')
    .map((line) => {
      const t = line.trimStart();
      if (autoconf && (t.startsWith('dnl') || t.startsWith('#'))) return '';
      if (make && !line.startsWith('\t')) {
        if (opens(t)) {
          const keep = t.startsWith('ifndef');
          frames.push({ keep, taken: keep });
          if (!keep) dropping++;
          return '';
        }
        const frame = frames[frames.length - 1];
        if (/^else\b/.test(t) && frame) {
          const rest = t.slice(4).trim();
          const was = frame.keep;
          frame.keep = rest ? !frame.taken && rest.startsWith('ifndef') : !frame.taken;
          frame.taken ||= frame.keep;
          dropping += Number(was) - Number(frame.keep);
          return '';
        }
        if (/^endif\b/.test(t)) {
          const f = frames.pop();
          if (f && !f.keep) dropping--;
          return '';
        }
      }
      if (dropping > 0) return '';
      const hash = line.indexOf('#');
      return hash >= 0 && !autoconf ? line.slice(0, hash) : line;
    })
    .join('\n');
}
