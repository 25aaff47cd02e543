/**
 * What a Go source file says about the build, read the way the Go tool reads it: the package
 * clause, the imports, and whether the file is built at all for linux/amd64 (file name suffixes
 * like _windows.go, `//go:build` and `// +build` constraints). A small lexer, linear in the size
 * of the file: no regular expression runs over the whole text.
 */

import { evalBuildExpr, evalPlusBuild, excludedByName } from './constraints.js';

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
const IMPORT_PATH = /^[\w.~+/-]{1,300}$/;

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
