import { parse as parseToml } from 'smol-toml';
import { UserError } from '../errors.js';
import type { Scan } from '../detect/scan.js';
import { shown } from '../quote.js';

/** Parsed TOML (Cargo.toml, pyproject.toml, lock files) and the few accessors the readers need. */
export type Toml = Record<string, unknown>;
export const obj = (v: unknown): Toml | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Toml) : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A TOML file that decides the build: unreadable or unparsable is an exit-2 error naming it (`fix` adds how to see the error). */
export function readToml(scan: Scan, rel: string, fix = ''): Toml | undefined {
  const text = scan.manifest(rel);
  if (text === undefined) return undefined;
  try {
    return parseToml(text) as Toml;
  } catch (e) {
    throw new UserError('E_UNREADABLE', `${shown(rel)} is not valid TOML: ${shown((e as Error).message.split('\n')[0] ?? '', 100)}.`, `Fix ${shown(rel)}${fix}.`);
  }
}
