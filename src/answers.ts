import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { readBounded } from './detect/scan.js';
import { fsError, UserError } from './errors.js';
import { hasLineBreakOrControl, shown } from './quote.js';
import type { GenerateOptions } from './index.js';
import { LANGS, RUNTIMES, type LangId, type RuntimeId } from './types.js';
import { replaceFile } from './write.js';

/**
 * The answers that shaped a Dockerfile, saved beside it (.slim-dockerfile.json) so that a plain
 * re-run reproduces it and flags update it. Only answers: never a fact the tool detects again.
 * The file comes from a repository like any other: it is read bounded and checked field by field.
 */
export const ANSWERS_FILE = '.slim-dockerfile.json';

export interface Answers {
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
  /** A file of Dockerfile instructions inserted in the final stage, before USER. */
  instructions?: string | undefined;
  /** Images that replace the generated ones: the build stage's, the final stage's. */
  baseImages?: { build?: string | undefined; final?: string | undefined } | undefined;
  /** Also write compose.yaml. */
  compose?: boolean | undefined;
}

export const KEYS = ['lang', 'runtime', 'langVersion', 'entry', 'port', 'static', 'jlinkModules', 'syntax', 'addPackages', 'env', 'args', 'instructions', 'baseImages', 'compose'] as const;

export const PACKAGE = /^[a-z0-9][a-z0-9+.-]{0,80}$/;
export const ENV_LINE = /^[A-Za-z_][A-Za-z0-9_]{0,100}=[^\s'"`$\\]{0,500}$/;
export const ARG_LINE = /^[A-Za-z_][A-Za-z0-9_]{0,100}(=[^\s'"`$\\]{0,500})?$/;
export const IMAGE = /^[a-z0-9][a-z0-9._\-/:@]{0,250}$/;
const PLAIN = /^[\w./:@+,-]{1,200}$/;

function bad(what: string, value: unknown): never {
  throw new UserError('E_UNSAFE_VALUE', `${ANSWERS_FILE}: ${what} ${shown(JSON.stringify(value) ?? String(value), 80)} is not valid.`, `Fix or delete ${ANSWERS_FILE} (it is written by create-slim-dockerfile; flags update it).`);
}
const strings = (v: unknown, what: string, re: RegExp): string[] => {
  if (!Array.isArray(v) || v.length > 50 || !v.every((x) => typeof x === 'string' && re.test(x))) bad(what, v);
  return v as string[];
};

/** Checks parsed answers field by field; anything unknown or malformed is an exit-2 error. */
export function validateAnswers(raw: unknown): Answers {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) bad('the content', raw);
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== '$comment' && !(KEYS as readonly string[]).includes(k)) bad(`the key ${k}`, k);
  const a: Answers = {};
  if (o.lang !== undefined) a.lang = (LANGS as readonly string[]).includes(o.lang as string) ? (o.lang as LangId) : bad('lang', o.lang);
  if (o.runtime !== undefined) a.runtime = (RUNTIMES as readonly string[]).includes(o.runtime as string) ? (o.runtime as RuntimeId) : bad('runtime', o.runtime);
  for (const k of ['langVersion', 'entry', 'instructions'] as const) {
    if (o[k] !== undefined) a[k] = typeof o[k] === 'string' && PLAIN.test(o[k]) && !hasLineBreakOrControl(o[k]) ? o[k] : bad(k, o[k]);
  }
  if (o.instructions !== undefined && (a.instructions!.startsWith('/') || a.instructions!.split('/').includes('..'))) bad('instructions', o.instructions);
  if (o.port !== undefined) a.port = Number.isInteger(o.port) && (o.port as number) > 0 && (o.port as number) < 65536 ? (o.port as number) : bad('port', o.port);
  if (o.static !== undefined) a.static = o.static === 'musl' || o.static === 'glibc' ? o.static : bad('static', o.static);
  if (o.syntax !== undefined) a.syntax = typeof o.syntax === 'boolean' ? o.syntax : bad('syntax', o.syntax);
  if (o.compose !== undefined) a.compose = typeof o.compose === 'boolean' ? o.compose : bad('compose', o.compose);
  if (o.jlinkModules !== undefined) a.jlinkModules = strings(o.jlinkModules, 'jlinkModules', /^[a-z][a-z0-9_.]{0,200}$/);
  if (o.env !== undefined) a.env = strings(o.env, 'env', ENV_LINE);
  if (o.args !== undefined) a.args = strings(o.args, 'args', ARG_LINE);
  if (o.addPackages !== undefined) {
    const p = o.addPackages as Record<string, unknown>;
    if (p === null || typeof p !== 'object' || Object.keys(p).some((k) => k !== 'build' && k !== 'run')) bad('addPackages', o.addPackages);
    a.addPackages = { ...(p.build !== undefined ? { build: strings(p.build, 'addPackages.build', PACKAGE) } : {}), ...(p.run !== undefined ? { run: strings(p.run, 'addPackages.run', PACKAGE) } : {}) };
  }
  if (o.baseImages !== undefined) {
    const b = o.baseImages as Record<string, unknown>;
    if (b === null || typeof b !== 'object' || Object.keys(b).some((k) => k !== 'build' && k !== 'final')) bad('baseImages', o.baseImages);
    a.baseImages = {};
    for (const k of ['build', 'final'] as const) if (b[k] !== undefined) a.baseImages[k] = typeof b[k] === 'string' && IMAGE.test(b[k]) ? b[k] : bad(`baseImages.${k}`, b[k]);
  }
  return a;
}

/** The saved answers of a project, or undefined when it has none. */
export function readAnswers(dir: string): Answers | undefined {
  const path = join(dir, ANSWERS_FILE);
  try {
    const st = lstatSync(path);
    if (!st.isFile()) throw new UserError('E_UNREADABLE', `${ANSWERS_FILE} is not a regular file.`, `Remove it, or make it the file create-slim-dockerfile writes.`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const got = readBounded(path, 64 * 1024);
  if ('problem' in got) throw new UserError('E_UNREADABLE', `${ANSWERS_FILE} ${got.problem}.`, `Fix or delete ${ANSWERS_FILE}.`);
  let parsed: unknown;
  try { parsed = JSON.parse(got.text); } catch (e) {
    throw new UserError('E_UNREADABLE', `${ANSWERS_FILE} is not valid JSON: ${shown((e as Error).message, 80)}.`, `Fix or delete ${ANSWERS_FILE}.`);
  }
  return validateAnswers(parsed);
}

/** Saved answers with the flags laid over them (a flag always wins). */
export function mergeAnswers(saved: Answers | undefined, flags: Answers): Answers {
  const out: Answers = { ...saved };
  for (const k of KEYS) {
    const v = flags[k];
    if (v === undefined) continue;
    if (k === 'addPackages') {
      const f = v as NonNullable<Answers['addPackages']>;
      const merged = { build: [...new Set([...(saved?.addPackages?.build ?? []), ...(f.build ?? [])])], run: [...new Set([...(saved?.addPackages?.run ?? []), ...(f.run ?? [])])] };
      out.addPackages = { ...(merged.build.length ? { build: merged.build } : {}), ...(merged.run.length ? { run: merged.run } : {}) };
    } else if (k === 'env' || k === 'args') {
      // A key given again replaces its old value.
      const list = v as string[];
      const names = new Set(list.map((x) => x.split('=')[0]));
      out[k] = [...(saved?.[k] ?? []).filter((x) => !names.has(x.split('=')[0])), ...list];
    } else if (k === 'baseImages') {
      out.baseImages = { ...saved?.baseImages, ...(v as NonNullable<Answers['baseImages']>) };
    } else (out as Record<string, unknown>)[k] = v;
  }
  for (const k of KEYS) if (out[k] === undefined) delete out[k];
  return out;
}

/** The options of generate() that answers give; `saved` says the Dockerfile's header names the answers file. */
export function optionsFromAnswers(a: Answers, saved: boolean): GenerateOptions {
  return {
    lang: a.lang, runtime: a.runtime, langVersion: a.langVersion, entry: a.entry, port: a.port, staticMode: a.static, jlinkModules: a.jlinkModules, syntax: a.syntax, compose: a.compose,
    custom: { addPackages: a.addPackages, env: a.env, args: a.args, baseImages: a.baseImages, instructions: a.instructions, answers: saved },
  };
}

export function isEmpty(a: Answers): boolean {
  return KEYS.every((k) => a[k] === undefined);
}

/** The answers as the file holds them: stable key order, one trailing newline. */
export function formatAnswers(a: Answers): string {
  const ordered: Record<string, unknown> = { $comment: 'Answers for create-slim-dockerfile: a plain re-run reproduces the Dockerfile from them; flags update them.' };
  for (const k of KEYS) if (a[k] !== undefined) ordered[k] = a[k];
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Writes the answers atomically (a temporary file renamed over the old one). */
export function writeAnswers(dir: string, a: Answers): 'written' | 'unchanged' {
  const path = join(dir, ANSWERS_FILE);
  const text = formatAnswers(a);
  const old = readBounded(path, 64 * 1024);
  if ('text' in old && old.text === text) return 'unchanged';
  try {
    if (lstatSync(path).isSymbolicLink()) throw new UserError('E_UNSAFE_PATH', `${ANSWERS_FILE} is a symbolic link: not written through.`, `Remove the link, or pass --no-save.`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  try {
    replaceFile(path, text);
  } catch (e) {
    throw fsError(e, `write ${ANSWERS_FILE}`);
  }
  return 'written';
}
