import { isBuilt } from '../../core/scan.js';
import { expandCapped, VALUE_MAX } from './build-text.js';
import { cmakeCommands, type CMakeCommand } from './cmake-parse.js';

/** CMakeLists.txt: the programs it makes, their file names and the libraries it links, on Linux. */

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
    for (const a of args) {
      if (a === op) terms.push([]);
      else terms[terms.length - 1]!.push(a);
    }
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
        const sources = c.args.slice(1).filter((a) => /\.(?:c|cc|cpp|cxx|c\+\+)$/.test(a));
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

/** find_package() names that are build tools or part of the C library, not libraries to install. */
const FIND_TOOLS =
  /^(?:Threads|PkgConfig|Git|Doxygen|Python\d?|PythonInterp|PythonLibs|Perl|BISON|FLEX|Gettext|Intl|Iconv|Sphinx|Subversion|Java|JNI|SWIG|LATEX|UnixCommands|Patch)$/;

/** find_package's keywords: what follows COMPONENTS (or, the older way, REQUIRED) up to the next one is a component. */
const FIND_KEYWORDS =
  /^(?:EXACT|QUIET|MODULE|CONFIG|REQUIRED|COMPONENTS|OPTIONAL_COMPONENTS|GLOBAL|BYPASS_PROVIDER|NAMES|CONFIGS|HINTS|PATHS|PATH_SUFFIXES|REGISTRY_VIEW|NO_[A-Z_]+|CMAKE_FIND_ROOT_PATH_BOTH|ONLY_CMAKE_FIND_ROOT_PATH)$/;

/** The required components of a find_package() call: `Boost REQUIRED COMPONENTS system` and `Boost REQUIRED system`. */
function componentsOf(args: string[]): string[] {
  const out: string[] = [];
  let on = false;
  for (const a of args.slice(1)) {
    if (a === 'COMPONENTS' || a === 'REQUIRED') on = true;
    else if (FIND_KEYWORDS.test(a)) on = false;
    else if (on && /^[a-z]\w{0,60}$/i.test(a)) out.push(a);
  }
  return out;
}

/** Libraries named by CMake: target_link_libraries and find_package (with its required components). */
export function cmakeLibs(text: string): string[] {
  const libs: string[] = [];
  if (!/target_link_libraries|find_package/i.test(text)) return libs;
  for (const c of linuxCommands(cmakeCommands(text))) {
    if (c.name === 'target_link_libraries') {
      // Linker flags other than -l (--coverage, -fsanitize=...) and variables or generator expressions are no library names.
      for (const w of c.args.slice(1)) {
        const name = w.replace(/^-l\B/, '');
        if (!/^(?:PRIVATE|PUBLIC|INTERFACE|debug|optimized|general)$/.test(name) && /^\w[\w.+:-]*$/.test(name))
          libs.push(name);
      }
    } else if (c.name === 'find_package' && c.args[0] && !FIND_TOOLS.test(c.args[0])) {
      libs.push(c.args[0], ...componentsOf(c.args).map((part) => `${c.args[0]}::${part}`));
    }
  }
  return libs;
}
