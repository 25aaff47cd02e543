import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { readBounded } from './core/scan.js';
import { fsError, UserError } from './core/errors.js';
import { shown } from './core/quote.js';
import type { GenerateOptions } from './index.js';
import { KEYS, mergeOptions, optionsFromFile, type Options } from './options.js';
import { replaceFile } from './write.js';

/**
 * The answers that shaped a Dockerfile, saved beside it (.slim-dockerfile.json) so that a plain
 * re-run reproduces it and flags update it. Only answers: never a fact the tool detects again.
 * The file comes from a repository like any other: it is read bounded and checked field by field.
 */
export const ANSWERS_FILE = '.slim-dockerfile.json';

/** The answers are options (src/options.ts): the file holds those given by flags or prompts. */
export type Answers = Options;
export { KEYS } from './options.js';

function bad(what: string, value: unknown): never {
  throw new UserError(
    'E_UNSAFE_VALUE',
    `${ANSWERS_FILE}: ${what} ${shown(JSON.stringify(value) ?? String(value), 80)} is not valid.`,
    `Fix or delete ${ANSWERS_FILE} (it is written by create-slim-dockerfile; flags update it).`,
  );
}

/** Checks parsed answers field by field, by the options' own checks; anything unknown or malformed is an exit-2 error. */
export function validateAnswers(raw: unknown): Answers {
  return optionsFromFile(raw, bad);
}

/** The saved answers of a project, or undefined when it has none. */
export function readAnswers(dir: string): Answers | undefined {
  const path = join(dir, ANSWERS_FILE);
  try {
    const st = lstatSync(path);
    if (!st.isFile())
      throw new UserError(
        'E_UNREADABLE',
        `${ANSWERS_FILE} is not a regular file.`,
        `Remove it, or make it the file create-slim-dockerfile writes.`,
      );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const got = readBounded(path, 64 * 1024);
  if ('problem' in got)
    throw new UserError('E_UNREADABLE', `${ANSWERS_FILE} ${got.problem}.`, `Fix or delete ${ANSWERS_FILE}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(got.text);
  } catch (e) {
    throw new UserError(
      'E_UNREADABLE',
      `${ANSWERS_FILE} is not valid JSON: ${shown((e as Error).message, 80)}.`,
      `Fix or delete ${ANSWERS_FILE}.`,
    );
  }
  return validateAnswers(parsed);
}

/** Saved answers with the flags laid over them (a flag always wins). */
export const mergeAnswers = mergeOptions;

/** The options of generate() that answers give; `saved` says the Dockerfile's header names the answers file. */
export function optionsFromAnswers(a: Answers, saved: boolean): GenerateOptions {
  return { ...a, fromAnswers: saved };
}

export { isEmpty } from './options.js';

/** The answers as the file holds them: stable key order, one trailing newline. */
export function formatAnswers(a: Answers): string {
  const ordered: Record<string, unknown> = {
    $comment:
      'Answers for create-slim-dockerfile: a plain re-run reproduces the Dockerfile from them; flags update them.',
  };
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
    if (lstatSync(path).isSymbolicLink())
      throw new UserError(
        'E_UNSAFE_PATH',
        `${ANSWERS_FILE} is a symbolic link: not written through.`,
        `Remove the link, or pass --no-save.`,
      );
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
