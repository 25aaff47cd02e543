import { parse as parseToml } from 'smol-toml';
import { Lexer, parse as parseYamlText } from 'yaml';
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

/** How deep parsed data may nest before it is refused (a reader walks it recursively). */
const MAX_DEPTH = 200;

/**
 * Refuses data that is not a tree: a YAML alias can make a node hold itself (`a: &x [*x]`), and
 * every reader (a walk, JSON.stringify, a message quoting it) would then loop or crash.
 */
function assertTree(v: unknown, path: Set<object>, depth: number): void {
  if (v === null || typeof v !== 'object') return;
  if (path.has(v)) throw new Error('an alias refers to a node that holds it');
  if (depth > MAX_DEPTH) throw new Error(`nested deeper than ${MAX_DEPTH} levels`);
  path.add(v);
  for (const x of Object.values(v)) assertTree(x, path, depth + 1);
  path.delete(v);
}

/**
 * A quoted scalar that is never closed. The YAML library's lexer finds it in linear time, but
 * composing the document then takes time that grows far faster than the text (minutes for 10 KB
 * of quotes and line breaks): such a file is refused before it is composed.
 */
function unclosedQuote(text: string): boolean {
  for (const token of new Lexer().lex(text)) {
    const q = token[0];
    if ((q === '"' || q === "'") && (token.length < 2 || token[token.length - 1] !== q)) return true;
  }
  return false;
}

/** YAML from the project as plain data: aliases bounded (no billion laughs), no cycles, no deep nesting. */
export function parseYamlTree(text: string): unknown {
  if (unclosedQuote(text)) throw new Error('a quoted string that is never closed');
  const v: unknown = parseYamlText(text, { maxAliasCount: 50 });
  assertTree(v, new Set(), 0);
  return v;
}
