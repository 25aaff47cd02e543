import { parse as parseToml } from 'smol-toml';
import { UserError } from './errors.js';
import type { Scan } from './scan.js';
import { shown } from './quote.js';

/** Parsed TOML (Cargo.toml, pyproject.toml, lock files) and the few accessors the readers need. */
export type Toml = Record<string, unknown>;
export const obj = (v: unknown): Toml | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Toml) : undefined;
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * A file that decides the build, parsed (TOML, JSON, YAML): unreadable or unparsable is an exit-2
 * error naming it and the parser's first line (`fix` adds how to see the error).
 */
export function readParsed(
  scan: Scan,
  rel: string,
  kind: string,
  parse: (text: string) => unknown,
  fix = '',
  cap?: number,
): Toml | undefined {
  const text = scan.manifest(rel, cap);
  if (text === undefined) return undefined;
  try {
    return obj(parse(text)) ?? {};
  } catch (e) {
    throw new UserError(
      'E_UNREADABLE',
      `${shown(rel)} is not valid ${kind}: ${shown((e as Error).message.split('\n')[0] ?? '', 100)}.`,
      `Fix ${shown(rel)}${fix}.`,
    );
  }
}

/** A TOML file that decides the build (Cargo.toml, pyproject.toml, lock files). */
export function readToml(scan: Scan, rel: string, fix = ''): Toml | undefined {
  return readParsed(scan, rel, 'TOML', parseToml, fix);
}
