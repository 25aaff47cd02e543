import { normalizeRel } from '../shared.js';
import { expandCapped, logicalLines, VALUE_MAX, words } from './build-text.js';

/** Files a rule consumes, never the program it makes. */
const SOURCE_OR_OBJECT = /\.(?:[achoSs]|cc|cpp|cxx|c\+\+|hh|hpp|hxx|so|in|am|ac|mk)$/;
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

interface Rule {
  targets: string[];
  prereqs: string[];
  recipe: boolean;
  /** Every line of the recipe only prints (echo, printf): the rule makes no file. */
  printsOnly: boolean;
  /** Files its recipe links with -o (a phony `bin:` goal that runs `$(CC) ... -o bin/app`). */
  outputs: string[];
}

/** A recipe line that runs a compiler or linker: $(CC), $(CXX), $(LD), cc, gcc, g++, clang, c++. */
const COMPILE_LINE =
  /\$[({](?:CC|CXX|LD|LINK\.\w+)[)}]|(?:^|[\s@/])(?:cc|gcc|g\+\+|c\+\+|clang|clang\+\+|ld)(?:-\d+)?[ \t]/;

/** A recipe line that only prints: `@echo ...`, `printf ...` (or is empty). */
const PRINT_LINE = /^\t[@ \t-]*(?:echo\b|printf\b|$)/;

function readMakefile(text: string): { targets: string[]; subdirs: string[] } {
  const lines = logicalLines(text);
  const vars = new Map<string, string>();
  const expand = (s: string): string =>
    expandCapped(s, /\$[({]([a-z_]\w{0,100})[)}]/gi, (v) => vars.get(v) ?? '').trim();
  const rules: Rule[] = [];
  const subdirs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.startsWith('\t')) {
      subdirs.push(...foldersHandedBy(raw, expand));
      const last = rules[rules.length - 1];
      if (last && !PRINT_LINE.test(raw)) last.printsOnly = false;
      // -o of a compiler or linker only (install -o root and curl -o file name no program).
      const out = COMPILE_LINE.test(raw) ? /(?:^|[ \t])-o[ \t]*([^ \t;&|]{1,200})/.exec(raw)?.[1] : undefined;
      if (last && out && last.outputs.length < 10) last.outputs.push(expand(out));
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
    rules.push({
      targets: words(expand(line.slice(0, colon))),
      prereqs: words(expand(rest)),
      recipe,
      printsOnly: recipe && semi < 0,
      outputs: [],
    });
  }
  return defaultGoal(rules, subdirs);
}

/** A recipe line: the folders it runs make in, if it does. */
function foldersHandedBy(raw: string, expand: (s: string) => string): string[] {
  const m =
    /\$[({]MAKE[)}][ \t]+(?:[^ \t]+[ \t]+){0,4}?(?:-C[ \t]*|--directory=)([^ \t;&|]{1,200})/.exec(raw) ??
    /\bcd[ \t]+([^ \t;&|]{1,200})[ \t]*(?:&&|;)[ \t]*\$[({]MAKE[)}]/.exec(raw);
  if (!m) return [];
  // `for dir in $(SUBDIRS); do $(MAKE) -C $$dir $@; done`: the folders are the loop's words.
  const loopVar = /^\$\$\{?(\w{1,40})\}?$/.exec(m[1]!)?.[1];
  const loop = loopVar ? /\bfor[ \t]+(\w{1,40})[ \t]+in[ \t]+([^;]{1,300});/.exec(raw) : null;
  const dirs = loop && loop[1] === loopVar ? words(expand(loop[2]!)) : [expand(m[1]!)];
  return dirs.map((d) => d.replace(/^\.\//, '').replace(/\/$/, ''));
}

/** The programs of the default goal, and the folders handed to make (never programs themselves). */
function defaultGoal(rules: Rule[], subdirs: string[]): { targets: string[]; subdirs: string[] } {
  const phony = new Set(rules.filter((r) => r.targets.includes('.PHONY')).flatMap((r) => r.prereqs));
  // A target whose only rule has no prerequisites and only prints (`stateos:` echoing the OS) makes no program.
  for (const r of rules) if (r.printsOnly && !r.prereqs.length) for (const t of r.targets) phony.add(t);
  // Special targets (.PHONY, .c.o) start with a dot; a path like ../bin/iodine is a program's.
  const real = (t: string) =>
    !!t &&
    !/^\.[^./]/.test(t) &&
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
  const own = rules.filter((r) => r.targets.includes(goal));
  const dirSet = new Set(dirs);
  const targets = [
    ...new Set(own.flatMap((r) => r.prereqs).filter((t) => real(t) && !t.includes('=') && !dirSet.has(t))),
  ];
  // A goal with no program among its prerequisites: what its own recipe links (-o bin/app).
  const linked = own
    .flatMap((r) => r.outputs)
    .filter((t) => t && !/[$%()`]/.test(t) && !SOURCE_OR_OBJECT.test(t) && !t.startsWith('/') && !t.endsWith('/'))
    .map((t) => normalizeRel(t))
    .filter((t): t is string => !!t && t !== '.');
  return { targets: targets.length ? targets : [...new Set(linked)], subdirs: dirs };
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
  if (w.length !== 1 || !/^[a-z_][\w.]*$/i.test(w[0]!)) return undefined;
  return [w[0]!, op, line.slice(eq + 1).trim()];
}
