export {
  GLOB_PATTERN_MAX,
  GLOB_NAME_MAX,
  globMatches,
  parseGlobElement,
  type GlobDialect,
  type GlobElement,
} from '../glob.js';

/**
 * What a Go source file says about the build, read the way the Go tool reads it: the package
 * clause, the imports, and whether the file is built at all for linux/amd64 (file name suffixes
 * like _windows.go, `//go:build` and `// +build` constraints). A small lexer, linear in the size
 * of the file: no regular expression runs over the whole text.
 */

const GOOS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'js',
  'linux',
  'nacl',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
  'zos',
]);
const GOARCH = new Set([
  '386',
  'amd64',
  'amd64p32',
  'arm',
  'armbe',
  'arm64',
  'arm64be',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'mips64p32',
  'mips64p32le',
  'ppc',
  'ppc64',
  'ppc64le',
  'riscv',
  'riscv64',
  's390',
  's390x',
  'sparc',
  'sparc64',
  'wasm',
]);

/**
 * Build tags that hold for the image's build: Linux on amd64 with the gc compiler and any
 * release tag (go1.N). `cgo` is false: a file that needs cgo only counts when the program
 * cannot be built without it (a `//go:build cgo` file with a `!cgo` twin does not).
 */
export function tagHolds(tag: string): boolean {
  if (tag === 'linux' || tag === 'unix' || tag === 'amd64' || tag === 'gc') return true;
  return /^go1\.\d+$/.test(tag);
}

/** Why the Go tool leaves a file out of a linux/amd64 build, by its name alone. */
export function excludedByName(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (!base.endsWith('.go')) return 'not a .go file';
  if (base.endsWith('_test.go')) return 'a test file';
  if (base.startsWith('_') || base.startsWith('.')) return 'its name starts with _ or .';
  const parts = base.slice(0, -3).split('_');
  if (parts.length < 2) return undefined;
  const last = parts[parts.length - 1]!;
  const prev = parts.length > 2 ? parts[parts.length - 2]! : undefined;
  if (GOARCH.has(last) && prev !== undefined && GOOS.has(prev)) {
    return prev === 'linux' && last === 'amd64' ? undefined : `for ${prev}/${last} only`;
  }
  if (GOOS.has(last)) return last === 'linux' ? undefined : `for ${last} only`;
  if (GOARCH.has(last)) return last === 'amd64' ? undefined : `for ${last} only`;
  return undefined;
}

/** Evaluates a `//go:build` expression; undefined when it does not parse (the Go tool would reject the file). */
export function evalBuildExpr(expr: string): boolean | undefined {
  const tokens: string[] = [];
  for (let i = 0; i < expr.length;) {
    const c = expr[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '!') {
      tokens.push(c);
      i++;
      continue;
    }
    if ((c === '&' || c === '|') && expr[i + 1] === c) {
      tokens.push(c + c);
      i += 2;
      continue;
    }
    let j = i;
    while (j < expr.length && /[\w.]/.test(expr[j]!)) j++;
    if (j === i) return undefined;
    tokens.push(expr.slice(i, j));
    i = j;
  }
  let pos = 0;
  let depth = 0;
  const or = (): boolean | undefined => {
    let v = and();
    while (v !== undefined && tokens[pos] === '||') {
      pos++;
      const r = and();
      v = r === undefined ? undefined : v || r;
    }
    return v;
  };
  const and = (): boolean | undefined => {
    let v = not();
    while (v !== undefined && tokens[pos] === '&&') {
      pos++;
      const r = not();
      v = r === undefined ? undefined : v && r;
    }
    return v;
  };
  const not = (): boolean | undefined => {
    const t = tokens[pos++];
    if (t === '!') {
      const v = not();
      return v === undefined ? undefined : !v;
    }
    if (t === '(') {
      if (++depth > 100) return undefined;
      const v = or();
      depth--;
      return tokens[pos++] === ')' ? v : undefined;
    }
    if (t === undefined || t === ')' || t === '&&' || t === '||') return undefined;
    return tagHolds(t);
  };
  const v = or();
  return pos === tokens.length ? v : undefined;
}

/** Old-style `// +build a,b c` lines: each line an OR of AND-terms; all lines must hold. */
function evalPlusBuild(lines: string[]): boolean {
  return lines.every((line) =>
    line
      .trim()
      .split(/\s+/)
      .some((term) => term.split(',').every((t) => (t.startsWith('!') ? !tagHolds(t.slice(1)) : tagHolds(t)))),
  );
}

type Token =
  | { kind: 'comment'; text: string; line: boolean }
  | { kind: 'string'; value?: string }
  | { kind: 'ident'; value: string }
  | { kind: 'punct'; value: string };

/** Go tokens, lazily, in one pass. Unterminated strings and comments end at the line or the file. */
function* tokens(text: string): Generator<Token> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      yield { kind: 'comment', text: text.slice(i, end), line: true };
      i = end;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      yield { kind: 'comment', text: '', line: false };
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === 34 /* " */) {
      let j = i + 1;
      let ok = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92 /* \ */) {
          j += 2;
          continue;
        }
        if (d === 10) break;
        if (d === 34) {
          ok = true;
          break;
        }
        j++;
      }
      yield ok ? { kind: 'string', value: text.slice(i + 1, j) } : { kind: 'string' };
      i = ok ? j + 1 : j;
      continue;
    }
    if (c === 96 /* ` */) {
      const end = text.indexOf('`', i + 1);
      yield end < 0 ? { kind: 'string' } : { kind: 'string', value: text.slice(i + 1, end) };
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === 39 /* ' */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 39 && text.charCodeAt(j) !== 10) j += text.charCodeAt(j) === 92 ? 2 : 1;
      yield { kind: 'punct', value: 'rune' };
      i = j + 1;
      continue;
    }
    if (c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!(d === 95 || (d >= 65 && d <= 90) || (d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d >= 128)) break;
        j++;
      }
      yield { kind: 'ident', value: text.slice(i, j) };
      i = j;
      continue;
    }
    yield { kind: 'punct', value: text[i]! };
    i++;
  }
}

/** An import path as the Go tool accepts it: no spaces, quotes, control characters or backslashes. */
const IMPORT_PATH = /^[A-Za-z0-9_.~+\-/]{1,300}$/;

export interface GoFile {
  pkg?: string;
  imports: string[];
  /** Why the file is not part of a linux/amd64 build (its name or its build constraint). */
  excluded?: string;
}

/** Package clause, imports and build constraint of one Go file. */
export function parseGoFile(text: string, path = 'x.go'): GoFile {
  const byName = excludedByName(path);
  if (byName) return { imports: [], excluded: byName };
  const it = tokens(text);
  let t = it.next();
  const goBuild: string[] = [];
  const plusBuild: string[] = [];
  // Constraints are line comments before the package clause.
  for (; !t.done && t.value.kind === 'comment'; t = it.next()) {
    if (!t.value.line) continue;
    const text = t.value.text;
    if (text.startsWith('//go:build') && /^\s/.test(text.slice(10))) goBuild.push(text.slice(11).trim());
    else if (t.value.text.startsWith('// +build ')) plusBuild.push(t.value.text.slice(10));
  }
  if (goBuild.length) {
    const v = evalBuildExpr(goBuild[0]!);
    if (v === false) return { imports: [], excluded: `//go:build ${goBuild[0]!.slice(0, 60)}` };
  } else if (plusBuild.length && !evalPlusBuild(plusBuild)) {
    return { imports: [], excluded: `// +build ${plusBuild[0]!.slice(0, 60)}` };
  }
  const next = (): Token | undefined => {
    for (t = it.next(); !t.done; t = it.next()) if (t.value.kind !== 'comment') return t.value;
    return undefined;
  };
  const first = t.done ? undefined : t.value.kind === 'comment' ? next() : t.value;
  if (first?.kind !== 'ident' || first.value !== 'package') return { imports: [] };
  const name = next();
  if (name?.kind !== 'ident') return { imports: [] };
  const imports: string[] = [];
  const add = (tok: Token | undefined) => {
    if (tok?.kind === 'string' && tok.value !== undefined && IMPORT_PATH.test(tok.value)) imports.push(tok.value);
  };
  let tok = next();
  while (tok?.kind === 'punct' && tok.value === ';') tok = next();
  while (tok?.kind === 'ident' && tok.value === 'import') {
    tok = next();
    if (tok?.kind === 'punct' && tok.value === '(') {
      for (tok = next(); tok && !(tok.kind === 'punct' && tok.value === ')'); tok = next()) add(tok);
      tok = next();
    } else {
      if (tok?.kind === 'ident' || (tok?.kind === 'punct' && tok.value === '.')) tok = next();
      add(tok);
      tok = next();
    }
    while (tok?.kind === 'punct' && tok.value === ';') tok = next();
  }
  return { pkg: name.value, imports };
}
