import { UserError } from './core/errors.js';
import { hasLineBreakOrControl, shown } from './core/quote.js';
import { LANGS, RUNTIMES, type LangId, type RuntimeId } from './core/types.js';

/**
 * The one list of options. Each entry makes a command-line flag (name, type, help), says how the
 * flag's value becomes an answer, checks a value wherever it comes from (a flag or the saved
 * answers file), says how a flag merges with a saved answer, and, for the questions the tool may
 * ask, the prompt. The CLI's parser, the prompts, .slim-dockerfile.json and the API's options are
 * all made from it: one shape, `Options`.
 */
export interface Options {
  lang?: LangId | undefined;
  runtime?: RuntimeId | undefined;
  langVersion?: string | undefined;
  entry?: string | undefined;
  port?: number | undefined;
  static?: 'musl' | 'glibc' | undefined;
  jlinkModules?: string[] | undefined;
  syntax?: boolean | undefined;
  /** Debian/Alpine packages added to the build stage or the final stage. */
  addPackages?: { build?: string[] | undefined; run?: string[] | undefined } | undefined;
  /** ENV lines of the final stage (KEY=VALUE). */
  env?: string[] | undefined;
  /** ARG lines at the top of the Dockerfile (NAME=VALUE or NAME). */
  args?: string[] | undefined;
  /** A file in the project of Dockerfile instructions for the final stage, before USER. */
  instructions?: string | undefined;
  /** Images that replace the generated ones: the build stage's, the final stage's. */
  baseImages?: { build?: string | undefined; final?: string | undefined } | undefined;
  /** Also write a compose file. */
  compose?: boolean | undefined;
}
export type OptionKey = keyof Options;

type FlagType = 'string' | 'number' | 'boolean';

export interface OptionSpec {
  /** The answer it gives (a field of Options), or none for options that only steer a run (--force). */
  key?: OptionKey;
  flag: string;
  type: FlagType;
  /** Repeatable (--env A=1 --env B=2). */
  array?: true;
  alias?: string;
  choices?: readonly string[];
  /** Default of a flag that is not an answer (--save is on unless --no-save). */
  default?: boolean;
  describe: string;
  /** A flag value as an answer: undefined leaves the saved answer alone. Default: the value, a false boolean dropped. */
  fromFlag?: (raw: unknown) => unknown;
  /** The error for a bad value (from a flag or the answers file), or undefined. */
  invalid?: (value: unknown) => string | undefined;
  /** How a flag merges with a saved answer: replace (default), union of lists, lists by NAME=, fields of an object. */
  merge?: 'replace' | 'union' | 'byName' | 'fields';
  /** The question asked on a terminal when the tool cannot work the answer out. */
  prompt?: string;
}

export const PACKAGE = /^[a-z0-9][a-z0-9+.-]{0,80}$/;
export const ENV_LINE = /^[A-Z_]\w{0,100}=[^\s'"`$\\]{0,500}$/i;
export const ARG_LINE = /^[A-Z_]\w{0,100}(?:=[^\s'"`$\\]{0,500})?$/i;
export const IMAGE = /^[a-z0-9][a-z0-9._\-/:@]{0,250}$/;
const PLAIN = /^[\w./:@+,-]{1,200}$/;
const JAVA_MODULE = /^[a-z]\w{0,40}(?:\.[a-z]\w{0,40}){0,8}$/;

const isStrings = (v: unknown, re: RegExp, max = 50): v is string[] =>
  Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'string' && re.test(x));
const plain = (what: string) => (v: unknown) =>
  typeof v === 'string' && PLAIN.test(v) && !hasLineBreakOrControl(v)
    ? undefined
    : `${what} is not a plain value (letters, digits and . / : @ + , - _)`;
const oneOf = (what: string, choices: readonly string[]) => (v: unknown) =>
  typeof v === 'string' && choices.includes(v) ? undefined : `${what} must be one of ${choices.join(', ')}`;
const boolean = (what: string) => (v: unknown) =>
  typeof v === 'boolean' ? undefined : `${what} must be true or false`;
const onlyTrue = (v: unknown) => (v === true ? true : undefined);
/** Keys of an object from a file: own keys only, each one of `allowed`. */
const fieldsOf = (v: unknown, allowed: string[]): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => allowed.includes(k))
    ? (v as Record<string, unknown>)
    : undefined;

export const OPTIONS: readonly OptionSpec[] = [
  {
    key: 'lang',
    flag: 'lang',
    type: 'string',
    choices: LANGS,
    describe: 'language, instead of detecting it',
    invalid: oneOf('lang', LANGS),
    prompt: 'Which language is this project?',
  },
  {
    key: 'runtime',
    flag: 'runtime',
    type: 'string',
    choices: RUNTIMES,
    describe: "final stage (default: the first, in the language's order, that runs the program)",
    invalid: oneOf('runtime', RUNTIMES),
    prompt: 'Final image (sizes are the base images; your program adds its own size):',
  },
  {
    key: 'langVersion',
    flag: 'lang-version',
    type: 'string',
    describe: 'language/toolchain version (Go 1.22, Rust 1.80, Java 21, Python 3.12, gcc 12), instead of detecting it',
    invalid: plain('lang-version'),
  },
  {
    key: 'entry',
    flag: 'entry',
    type: 'string',
    describe:
      'program to build: Go main package (cmd/api or api), C/C++ target or source file, Rust binary, Java module or main class, Python script, module or console script',
    invalid: plain('entry'),
    prompt: 'Which program should the image run?',
  },
  {
    key: 'port',
    flag: 'port',
    type: 'number',
    describe: 'port to EXPOSE',
    invalid: (v) =>
      Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535
        ? undefined
        : 'port must be a whole number from 1 to 65535',
  },
  {
    key: 'static',
    flag: 'static',
    type: 'string',
    choices: ['musl', 'glibc'],
    describe: 'Rust: how a static binary is made (default musl; glibc links with crt-static)',
    invalid: oneOf('static', ['musl', 'glibc']),
  },
  {
    key: 'jlinkModules',
    flag: 'jlink-modules',
    type: 'string',
    describe:
      'Java: modules the jlink runtime adds to those jdeps finds (comma-separated, e.g. jdk.crypto.cryptoki,java.scripting)',
    fromFlag: (raw) =>
      raw === undefined
        ? undefined
        : (typeof raw === 'string' ? raw : JSON.stringify(raw)).split(',').map((m) => m.trim()),
    invalid: (v) =>
      isStrings(v, JAVA_MODULE)
        ? undefined
        : 'jlink-modules is not a comma-separated list of Java module names (like java.scripting,jdk.crypto.cryptoki)',
  },
  {
    key: 'syntax',
    flag: 'syntax',
    type: 'boolean',
    describe: 'add "# syntax=docker/dockerfile:1" (BuildKit then pulls that frontend from Docker Hub)',
    fromFlag: onlyTrue,
    invalid: boolean('syntax'),
  },
  {
    key: 'addPackages',
    flag: 'add-package',
    type: 'string',
    array: true,
    merge: 'union',
    describe: 'a package the final stage installs (name or run:name), or the build stage (build:name); saved',
    fromFlag: (raw) => {
      const list = (raw as string[] | undefined) ?? [];
      if (!list.length) return undefined;
      const of = (stage: 'build' | 'run') =>
        list.filter((p) => (stage === 'build') === p.startsWith('build:')).map((p) => p.replace(/^(?:build|run):/, ''));
      return { ...(of('build').length ? { build: of('build') } : {}), ...(of('run').length ? { run: of('run') } : {}) };
    },
    invalid: (v) => {
      const o = fieldsOf(v, ['build', 'run']);
      return o && Object.values(o).every((l) => isStrings(l, PACKAGE))
        ? undefined
        : 'add-package is not a package name (like curl, or build:git, run:libvips42)';
    },
  },
  {
    key: 'env',
    flag: 'env',
    type: 'string',
    array: true,
    merge: 'byName',
    describe: 'ENV KEY=VALUE in the final stage; saved',
    fromFlag: (raw) => ((raw as string[] | undefined)?.length ? raw : undefined),
    invalid: (v) =>
      isStrings(v, ENV_LINE) ? undefined : 'env is not KEY=VALUE (a value without spaces, quotes, $ or backslashes)',
  },
  {
    key: 'args',
    flag: 'arg',
    type: 'string',
    array: true,
    merge: 'byName',
    describe: 'ARG NAME[=VALUE] at the top of the Dockerfile; saved',
    fromFlag: (raw) => ((raw as string[] | undefined)?.length ? raw : undefined),
    invalid: (v) => (isStrings(v, ARG_LINE) ? undefined : 'arg is not NAME or NAME=VALUE'),
  },
  {
    key: 'instructions',
    flag: 'instructions',
    type: 'string',
    describe:
      'a file in the project whose Dockerfile instructions (RUN, COPY, ENV, LABEL, ...) go into the final stage before USER; saved',
    invalid: (v) =>
      plain('instructions')(v) ??
      ((v as string).startsWith('/') || (v as string).split('/').includes('..')
        ? 'instructions must name a file inside the project'
        : undefined),
  },
  {
    key: 'baseImages',
    flag: 'base-image',
    type: 'string',
    array: true,
    merge: 'fields',
    describe: "replace a stage's image: build=<image> or final=<image> (an internal mirror); saved",
    fromFlag: (raw) => {
      const list = (raw as string[] | undefined) ?? [];
      if (!list.length) return undefined;
      const out: Record<string, string> = {};
      for (const b of list) {
        const m = /^(build|final)=(.*)$/.exec(b);
        if (!m)
          throw new UserError(
            'E_BAD_FLAG',
            `--base-image "${shown(b, 60)}" is not build=<image> or final=<image>`,
            'See create-slim-dockerfile --help.',
          );
        out[m[1]!] = m[2]!;
      }
      return out;
    },
    invalid: (v) => {
      const o = fieldsOf(v, ['build', 'final']);
      return o && Object.values(o).every((i) => typeof i === 'string' && IMAGE.test(i))
        ? undefined
        : 'base-image is not build=<image> or final=<image>';
    },
  },
  {
    key: 'compose',
    flag: 'compose',
    type: 'boolean',
    describe:
      'also write compose.yaml: the service, its port, the environment names of .env.example, and a database service when the project uses one; saved',
    fromFlag: onlyTrue,
    invalid: boolean('compose'),
  },
  // What a run does; never saved.
  { flag: 'yes', alias: 'y', type: 'boolean', default: false, describe: 'accept every default, never prompt' },
  { flag: 'stdout', type: 'boolean', default: false, describe: 'print the Dockerfile, write nothing' },
  {
    flag: 'dry-run',
    type: 'boolean',
    default: false,
    describe: 'say what would be written (with diffs), write nothing',
  },
  { flag: 'json', type: 'boolean', default: false, describe: 'print the plan as JSON instead of the summary' },
  { flag: 'explain', type: 'boolean', default: false, describe: 'print every decision with its evidence' },
  {
    flag: 'force',
    type: 'boolean',
    default: false,
    describe: 'overwrite existing files that differ (a copy is kept as .bak)',
  },
  { flag: 'build', type: 'boolean', default: false, describe: 'build the image after writing and print its size' },
  {
    flag: 'run',
    type: 'boolean',
    default: false,
    describe: 'build, then run the container once and show its first lines',
  },
  {
    flag: 'verify',
    type: 'boolean',
    default: false,
    describe:
      'build, run the image for a few seconds and check it from outside: it started (or what it died of), the ports it listens on and where, against EXPOSE, and its user; exit 4 when it fails',
  },
  {
    flag: 'tag',
    type: 'string',
    describe: 'image tag for --build/--run/--verify (default: the program name, lowercased)',
  },
  {
    flag: 'compare',
    type: 'boolean',
    default: false,
    describe: 'build and run every possible final stage and print their sizes; writes nothing',
  },
  { flag: 'verbose', type: 'boolean', default: false, describe: 'stack traces and full build output' },
  {
    flag: 'check',
    type: 'boolean',
    default: false,
    describe:
      'compare the Dockerfile and .dockerignore on disk with what the project (and its saved answers) would give now: exit 0 when they match, 3 with the diff and the reason when not; writes nothing',
  },
  {
    flag: 'save',
    type: 'boolean',
    default: true,
    describe:
      'save the answers (flags, prompt choices) in .slim-dockerfile.json, read back by the next run (--no-save: do not)',
  },
];

/** The saved keys, in the order the answers file lists them. */
export const KEYS: readonly OptionKey[] = OPTIONS.flatMap((o) => (o.key ? [o.key] : []));
const byKey = new Map(OPTIONS.filter((o) => o.key).map((o) => [o.key!, o]));
export const specOf = (key: OptionKey): OptionSpec => byKey.get(key)!;
export const promptOf = (key: OptionKey): string => specOf(key).prompt ?? '';

/** The camelCase name yargs gives a flag (lang-version -> langVersion). */
export const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The answers the flags give (absent where a flag is absent), each checked. */
export function optionsFromFlags(argv: Record<string, unknown>): Options {
  const out: Record<string, unknown> = {};
  for (const spec of OPTIONS) {
    if (!spec.key) continue;
    const raw = argv[camel(spec.flag)];
    const value = spec.fromFlag ? spec.fromFlag(raw) : raw;
    if (value === undefined) continue;
    const bad = spec.invalid?.(value);
    if (bad)
      throw new UserError(
        'E_BAD_FLAG',
        `--${spec.flag} ${shown(String(Array.isArray(raw) ? raw.join(' ') : raw), 60)}: ${bad}.`,
        'See create-slim-dockerfile --help.',
      );
    out[spec.key] = value;
  }
  return out;
}

/**
 * Options from a file (the saved answers): every key must be one of the options' and every value
 * valid, or `fail` is called with what and the value (an exit-2 error).
 */
export function optionsFromFile(raw: unknown, fail: (what: string, value: unknown) => never): Options {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('the content', raw);
  const o = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    if (k === '$comment') continue;
    const spec = byKey.get(k as OptionKey);
    if (!spec || !Object.hasOwn(o, k)) fail(`the key ${k}`, k);
    if (spec.invalid?.(o[k])) fail(k, o[k]);
    out[k] = o[k];
  }
  return out;
}

/** Saved answers with the flags laid over them: a flag always wins, merged by its option's rule. */
export function mergeOptions(saved: Options | undefined, flags: Options): Options {
  const out: Record<string, unknown> = { ...saved };
  for (const key of KEYS) {
    const v = flags[key] as unknown;
    if (v === undefined) continue;
    const old = saved?.[key] as unknown;
    const merge = specOf(key).merge ?? 'replace';
    if (merge === 'union') {
      const a = (old ?? {}) as Record<string, string[]>;
      const b = v as Record<string, string[]>;
      const merged: Record<string, string[]> = {};
      for (const s of ['build', 'run']) {
        const l = [...new Set([...(a[s] ?? []), ...(b[s] ?? [])])];
        if (l.length) merged[s] = l;
      }
      out[key] = merged;
    } else if (merge === 'byName') {
      // A name given again replaces its old value.
      const names = new Set((v as string[]).map((x) => x.split('=')[0]));
      out[key] = [
        ...((old as string[] | undefined) ?? []).filter((x) => !names.has(x.split('=')[0])),
        ...(v as string[]),
      ];
    } else if (merge === 'fields') {
      out[key] = { ...(old as object | undefined), ...(v as object) };
    } else out[key] = v;
  }
  for (const key of KEYS) if (out[key] === undefined) delete out[key];
  return out;
}

export function isEmpty(o: Options): boolean {
  return KEYS.every((k) => o[k] === undefined);
}
