import { isBuilt } from '../../core/scan.js';

/**
 * Readers for C/C++ build files: Make, CMake, Autotools (Makefile.am) and Meson. Each is a
 * scanner linear in the size of the file: lines are split once, and no regular expression
 * with a repeated part runs over more than one line or one command.
 */

/** Lines with backslash continuations joined. */
function logicalLines(text: string): string[] {
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

const words = (s: string): string[] => s.split(/[ \t]+/).filter(Boolean);
/** The longest value a Make or CMake variable keeps: a value that doubles at each line is cut there. */
const VALUE_MAX = 64 * 1024;

/**
 * References to variables replaced by their values, at most VALUE_MAX characters of values in
 * all: a line of a thousand `$(A)` adds no more than one long value would.
 */
function expandCapped(text: string, reference: RegExp, value: (name: string) => string): string {
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
/** Files a rule consumes, never the program it makes. */
const SOURCE_OR_OBJECT = /\.(c|cc|cpp|cxx|c\+\+|h|hh|hpp|hxx|o|a|so|S|s|in|am|ac|mk)$/;
const NOT_PROGRAMS = new Set([
  'all',
  'default',
  'install',
  'clean',
  'test',
  'tests',
  'check',
  'distclean',
  'run',
  'debug',
  'format',
  'lint',
  'uninstall',
  'dist',
  'help',
  'docs',
  'doc',
]);

/** Makefile: the default goal (first real target), or the prerequisites of all/default. */
export function makeTargets(text: string): string[] {
  return readMakefile(text).targets;
}

/**
 * Folders a Makefile hands the build to (`$(MAKE) -C src`, `cd src && $(MAKE)`,
 * `$(MAKE) -C $(PRGDIR)`): their Makefiles say which programs are built.
 */
export function makeSubdirs(text: string): string[] {
  return readMakefile(text).subdirs;
}

function readMakefile(text: string): { targets: string[]; subdirs: string[] } {
  const lines = logicalLines(text);
  const vars = new Map<string, string>();
  const expand = (s: string): string =>
    expandCapped(s, /\$[({]([A-Za-z_]\w{0,100})[)}]/g, (v) => vars.get(v) ?? '').trim();
  const rules: { targets: string[]; prereqs: string[]; recipe: boolean }[] = [];
  const subdirs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.startsWith('\t')) {
      // A recipe line: does it run make in another folder?
      const m =
        /\$[({]MAKE[)}][ \t]+(?:[^ \t]+[ \t]+){0,4}?(?:-C[ \t]*|--directory=)([^ \t;&|]{1,200})/.exec(raw) ??
        /\bcd[ \t]+([^ \t;&|]{1,200})[ \t]*(?:&&|;)[ \t]*\$[({]MAKE[)}]/.exec(raw);
      if (!m) continue;
      // `for dir in $(SUBDIRS); do $(MAKE) -C $$dir $@; done`: the folders are the loop's words.
      const loopVar = /^\$\$\{?(\w{1,40})\}?$/.exec(m[1]!)?.[1];
      const loop = loopVar ? /\bfor[ \t]+(\w{1,40})[ \t]+in[ \t]+([^;]{1,300});/.exec(raw) : null;
      const dirs = loop && loop[1] === loopVar ? words(expand(loop[2]!)) : [expand(m[1]!)];
      for (const d of dirs) subdirs.push(d.replace(/^\.\//, '').replace(/\/$/, ''));
      continue;
    }
    const hash = raw.indexOf('#');
    const line = hash >= 0 ? raw.slice(0, hash) : raw;
    if (!line.trim()) continue;
    const assign = assignment(line);
    if (assign) {
      const [name, op, value] = assign;
      // `A := $(A)$(A)` doubles a value each time: past the cap, the value is cut.
      const prev = vars.get(name) ?? '';
      if (op === '+=' && prev.length >= VALUE_MAX) continue;
      const v = op === '+=' ? `${prev} ${expand(value)}` : expand(value);
      vars.set(name, v.length > VALUE_MAX ? v.slice(0, VALUE_MAX) : v);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || line[colon + 1] === '=' || line.slice(0, colon).includes('=')) continue;
    const double = line[colon + 1] === ':';
    let rest = line.slice(colon + (double ? 2 : 1));
    const semi = rest.indexOf(';');
    if (semi >= 0) rest = rest.slice(0, semi);
    // `target: VAR = value` sets a variable for that target: not a rule with prerequisites.
    if (rest.includes('=')) continue;
    const recipe = (lines[i + 1] ?? '').startsWith('\t') || semi >= 0;
    rules.push({ targets: words(expand(line.slice(0, colon))), prereqs: words(expand(rest)), recipe });
  }
  const phony = new Set(rules.filter((r) => r.targets.includes('.PHONY')).flatMap((r) => r.prereqs));
  const real = (t: string) =>
    !!t &&
    !t.startsWith('.') &&
    !/[%$()]/.test(t) &&
    !SOURCE_OR_OBJECT.test(t) &&
    !phony.has(t) &&
    !NOT_PROGRAMS.has(t);
  const dirs = [...new Set(subdirs)].filter(
    (d) => d && !d.includes('$') && !d.startsWith('/') && !d.split('/').includes('..'),
  );
  const first = rules.find((r) => r.targets.some((t) => t && !t.startsWith('.') && !t.includes('%')));
  if (!first) return { targets: [], subdirs: dirs };
  const goal = first.targets[0]!;
  if (real(goal) && first.recipe) return { targets: [goal], subdirs: dirs };
  // The goal's prerequisites from every rule that names it; folders handed to make are not programs.
  const prereqs = rules.filter((r) => r.targets.includes(goal)).flatMap((r) => r.prereqs);
  const dirSet = new Set(dirs);
  return { targets: [...new Set(prereqs.filter((t) => real(t) && !t.includes('=') && !dirSet.has(t)))], subdirs: dirs };
}

/** `NAME = value`, `NAME := value`, `NAME += value`, with `override`/`export`: [name, operator, value]. */
function assignment(line: string): [string, string, string] | undefined {
  const eq = line.indexOf('=');
  if (eq <= 0) return undefined;
  let left = line.slice(0, eq);
  let op = '=';
  for (const p of ['::', ':', '?', '+', '!']) {
    if (left.endsWith(p)) {
      op = `${p}=`;
      left = left.slice(0, -p.length);
      break;
    }
  }
  const w = words(left);
  while (w[0] === 'override' || w[0] === 'export') w.shift();
  if (w.length !== 1 || !/^[A-Za-z_][\w.]*$/.test(w[0]!)) return undefined;
  return [w[0]!, op, line.slice(eq + 1).trim()];
}

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

function parseCMake(text: string): CMakeCommand[] {
  const out: CMakeCommand[] = [];
  const n = text.length;
  let i = 0;
  const bracketEnd = (at: number): number => {
    // [[ ... ]] or [=[ ... ]=]: returns the index after the closing bracket, or -1.
    let j = at + 1;
    while (text[j] === '=') j++;
    if (text[j] !== '[') return -1;
    const close = `]${'='.repeat(j - at - 1)}]`;
    const end = text.indexOf(close, j + 1);
    return end < 0 ? n : end + close.length;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '#') {
      const b = text[i + 1] === '[' ? bracketEnd(i + 1) : -1;
      if (b >= 0) {
        i = b;
        continue;
      }
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
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
    const args: string[] = [];
    let depth = 1;
    let cur = '';
    const flush = () => {
      if (cur) args.push(cur);
      cur = '';
    };
    k++;
    while (k < n && depth > 0) {
      const d = text[k]!;
      if (d === '"') {
        let e = k + 1;
        let val = '';
        while (e < n && text[e] !== '"') {
          if (text[e] === '\\' && e + 1 < n) {
            val += text[e + 1];
            e += 2;
            continue;
          }
          val += text[e];
          e++;
        }
        cur += val;
        k = e + 1;
        continue;
      }
      if (d === '[' && (text[k + 1] === '[' || text[k + 1] === '=')) {
        const b = bracketEnd(k);
        if (b >= 0) {
          cur += text.slice(k, b).replace(/^\[=*\[|\]=*\]$/g, '');
          k = b;
          continue;
        }
      }
      if (d === '#') {
        const b = text[k + 1] === '[' ? bracketEnd(k + 1) : -1;
        if (b >= 0) {
          k = b;
          continue;
        }
        const nl = text.indexOf('\n', k);
        k = nl < 0 ? n : nl + 1;
        flush();
        continue;
      }
      // An escaped character in an unquoted argument (-DVERSION=\"1.0\") is part of it.
      if (d === '\\' && k + 1 < n) {
        cur += text[k + 1];
        k += 2;
        continue;
      }
      if (d === '(') {
        depth++;
        flush();
        k++;
        continue;
      }
      if (d === ')') {
        depth--;
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
    out.push({ name, args });
    i = k;
  }
  return out;
}

/** Conditions of `if()` that are known to be false when building on Linux. */
const OTHER_PLATFORMS = new Set([
  'WIN32',
  'APPLE',
  'MSVC',
  'MINGW',
  'CYGWIN',
  'IOS',
  'ANDROID',
  'EMSCRIPTEN',
  'WINDOWS',
  'MSYS',
  'BORLAND',
  'WATCOM',
  'AIX',
  'HAIKU',
  'SOLARIS',
  'SUNOS',
  'BSD',
  'FREEBSD',
  'OPENBSD',
  'NETBSD',
  'DRAGONFLY',
  'OS400',
]);

/** Option names for parts of a project that are not the program: the build turns them off. */
export const NOT_PROGRAM_OPTION =
  /(^|[-_])(tests?|testing|unittests?|benchmarks?|bench|examples?|samples?|demos?|fuzz|fuzzing|fuzzers?|docs?|documentation|man|manpages)$/i;

function evalCondition(args: string[]): boolean | undefined {
  // A OR B OR C: false when every term is; A AND B: false when any term is.
  for (const [op, all] of [
    ['OR', false],
    ['AND', true],
  ] as const) {
    if (!args.includes(op)) continue;
    const terms: string[][] = [[]];
    for (const a of args) a === op ? terms.push([]) : terms[terms.length - 1]!.push(a);
    const values = terms.map((t) => evalCondition(t));
    if (all) return values.some((v) => v === false) ? false : values.every((v) => v === true) ? true : undefined;
    return values.some((v) => v === true) ? true : values.every((v) => v === false) ? false : undefined;
  }
  if (args.length === 1 && OTHER_PLATFORMS.has(args[0]!)) return false;
  // if(BUILD_TESTING), if(FOO_BUILD_TESTS): options the build sets OFF.
  if (args.length === 1 && /^\w+$/.test(args[0]!) && NOT_PROGRAM_OPTION.test(args[0]!)) return false;
  if (args.length === 2 && args[0] === 'NOT' && OTHER_PLATFORMS.has(args[1]!)) return true;
  if (args.length === 1 && (args[0] === 'UNIX' || args[0] === 'LINUX')) return true;
  if (
    args.length === 3 &&
    /^(?:\$\{)?CMAKE_(?:HOST_)?SYSTEM_NAME\}?$/.test(args[0]!) &&
    (args[1] === 'STREQUAL' || args[1] === 'MATCHES')
  )
    return args[2] === 'Linux';
  return undefined;
}

/**
 * The commands that run on Linux: branches of `if(WIN32)`, `if(APPLE)`, `if(MSVC)` and the like
 * are dropped; branches whose condition is not known are kept.
 */
export function linuxCommands(commands: CMakeCommand[]): CMakeCommand[] {
  const stack: { on: boolean; taken: boolean }[] = [];
  const out: CMakeCommand[] = [];
  // How many open frames are off: a count, not a scan of every frame at each command.
  let off = 0;
  const set = (f: { on: boolean }, on: boolean) => {
    off += Number(f.on) - Number(on);
    f.on = on;
  };
  for (const c of commands) {
    if (c.name === 'if') {
      const v = evalCondition(c.args);
      stack.push({ on: v !== false, taken: v === true });
      if (v === false) off++;
    } else if (c.name === 'elseif') {
      const f = stack[stack.length - 1];
      if (f) {
        const v = evalCondition(c.args);
        set(f, !f.taken && v !== false);
        f.taken ||= v === true;
      }
    } else if (c.name === 'else') {
      const f = stack[stack.length - 1];
      if (f) set(f, !f.taken);
    } else if (c.name === 'endif') {
      const f = stack.pop();
      if (f && !f.on) off--;
    } else if (off === 0) {
      out.push(c);
    }
  }
  return out;
}

/** CMake: add_executable names (not IMPORTED or ALIAS), with ${PROJECT_NAME} and simple set() expanded. */
export function cmakeTargets(files: string[]): string[] {
  const vars = new Map<string, string>();
  const out: string[] = [];
  const expand = (s: string) => expandCapped(s, /\$\{(\w{1,100})\}/g, (v) => vars.get(v) ?? `\${${v}}`);
  for (const text of files) {
    for (const c of linuxCommands(cmakeCommands(text))) {
      const [first, second] = c.args;
      if (c.name === 'project' && first) {
        vars.set('PROJECT_NAME', expand(first));
        vars.set('CMAKE_PROJECT_NAME', expand(first));
      } else if (c.name === 'set' && first && second !== undefined && c.args.length === 2) {
        // A value a name can be made of; `set(A ${A}${A})` doubles it each time: capped.
        const value = expand(second);
        if (value.length <= VALUE_MAX && /^[\w.+-]+$/.test(value)) vars.set(first, value);
      } else if (c.name === 'add_executable' && first) {
        if (c.args.includes('IMPORTED') || c.args.includes('ALIAS')) continue;
        // A program made only of test or example sources is not the project's program.
        const sources = c.args.slice(1).filter((a) => /\.(c|cc|cpp|cxx|c\+\+)$/.test(a));
        if (sources.length && sources.every((src) => !isBuilt(src))) continue;
        const name = expand(first);
        if (!name.includes('${')) out.push(name);
      }
    }
  }
  return [...new Set(out)];
}

/** Targets whose file has another name: set_target_properties(t PROPERTIES OUTPUT_NAME x), set_property(TARGET t PROPERTY OUTPUT_NAME x). */
export function cmakeOutputNames(files: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of files) {
    if (!/OUTPUT_NAME/.test(text)) continue;
    for (const c of linuxCommands(cmakeCommands(text))) {
      if (c.name === 'set_target_properties') {
        const props = c.args.indexOf('PROPERTIES');
        for (let i = props + 1; props > 0 && i + 1 < c.args.length; i += 2) {
          if (c.args[i] === 'OUTPUT_NAME') for (const t of c.args.slice(0, props)) out.set(t, c.args[i + 1]!);
        }
      } else if (c.name === 'set_property' && c.args[0] === 'TARGET') {
        const prop = c.args.indexOf('PROPERTY');
        if (prop > 1 && c.args[prop + 1] === 'OUTPUT_NAME' && c.args[prop + 2])
          for (const t of c.args.slice(1, prop)) out.set(t, c.args[prop + 2]!);
      }
    }
  }
  return out;
}

/** Libraries named by CMake: target_link_libraries and find_package. */
export function cmakeLibs(text: string): string[] {
  const libs: string[] = [];
  if (!/target_link_libraries|find_package/i.test(text)) return libs;
  for (const c of linuxCommands(cmakeCommands(text))) {
    if (c.name === 'target_link_libraries') {
      // Linker flags other than -l (--coverage, -fsanitize=...) and variables or generator expressions are no library names.
      for (const w of c.args.slice(1)) {
        const name = w.replace(/^-l(?=\w)/, '');
        if (!/^(PRIVATE|PUBLIC|INTERFACE|debug|optimized|general)$/.test(name) && /^[A-Za-z0-9_][\w.+:-]*$/.test(name))
          libs.push(name);
      }
    } else if (c.name === 'find_package' && c.args[0] && c.args[0] !== 'Threads') {
      libs.push(c.args[0]);
    }
  }
  return libs;
}

/** Automake conditionals that are false on Linux (`if OS_WIN32`, `if DARWIN`). */
const OTHER_PLATFORM_CONDITIONAL =
  /WIN(32|64|DOWS)?\b|MINGW|CYGWIN|DARWIN|OSX|MACOS|APPLE|HAIKU|SOLARIS|FREEBSD|OPENBSD|NETBSD/i;

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

/** The name a build system gives the project: AC_INIT([name]), project(name), project('name'). */
export function projectNameOf(system: string, text: string): string | undefined {
  const m =
    system === 'autotools'
      ? /\bAC_INIT\(\[?([\w.+-]{1,100})/.exec(text)
      : system === 'cmake'
        ? /\bproject[ \t]*\([ \t]*"?([\w.+-]{1,100})/i.exec(text)
        : system === 'meson'
          ? /\bproject[ \t]*\([ \t]*'([\w.+-]{1,100})'/.exec(text)
          : null;
  return m?.[1];
}

/** meson.build: the names given to executable(). */
export function mesonExecutables(text: string): string[] {
  return [...text.matchAll(/\bexecutable[ \t]*\([ \t\n]*'([^'\n]{1,200})'/g)].map((m) => m[1]!);
}
