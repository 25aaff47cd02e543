/**
 * Which Go files a linux/amd64 build includes, the way the Go tool decides it: file name suffixes
 * like _windows.go, `//go:build` expressions and old `// +build` lines.
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
export function evalPlusBuild(lines: string[]): boolean {
  return lines.every((line) =>
    line
      .trim()
      .split(/\s+/)
      .some((term) => term.split(',').every((t) => (t.startsWith('!') ? !tagHolds(t.slice(1)) : tagHolds(t)))),
  );
}
