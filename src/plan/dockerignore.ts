import picomatch from 'picomatch';

/**
 * The generated .dockerignore: lines every project gets, the language's lines, and re-includes
 * (`!path`) for any path the build copies by name that a line would exclude. A build must never
 * miss a file it names because the tool's own .dockerignore left it out of the context.
 */
export const COMMON_IGNORE = [
  '.git',
  '.dockerignore',
  'Dockerfile',
  'Dockerfile.bak*',
  '.dockerignore.bak*',
  '.slim-dockerfile.json',
  '.slim-dockerfile/',
  '**/.DS_Store',
  '.env',
  '.env.*',
  '*.log',
];

/** Docker's reading of a pattern line: trimmed, without a leading slash or a trailing one (filepath.Clean). */
function clean(pattern: string): string {
  let p = pattern.trim();
  while (p.startsWith('/')) p = p.slice(1);
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p || '.';
}

/**
 * Whether .dockerignore lines exclude a path, as Docker decides it: the last line that matches the
 * path or one of its parent folders wins, and a `!` line re-includes.
 */
export function excluded(lines: readonly string[], path: string): boolean {
  const parts = path.split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let out = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = clean(negated ? line.slice(1) : line);
    let match: (p: string) => boolean;
    try {
      match = picomatch(pattern, { dot: true, nobrace: true, noextglob: true });
    } catch {
      continue;
    }
    if (prefixes.some((p) => match(p))) out = !negated;
  }
  return out;
}

/** A literal path as a .dockerignore pattern: glob characters escaped. */
function literal(path: string): string {
  return path.replace(/[*?[\]]/g, (c) => `\\${c}`);
}

/** Paths that can be written as one plain .dockerignore line (no backslash, no blanks at the ends, no leading # or !). */
const WRITABLE = /^(?![#!\s])[^\\\n]{1,400}(?<!\s)$/u;

/** Every line: the common ones, the language's, and a `!path` re-include for every kept path that a line would exclude. */
export function dockerignoreLines(
  languageLines: readonly string[],
  keep: readonly string[],
  warnings: string[],
): string[] {
  // A language may repeat a common line to order it before its own exception (.env.* before !.env.example).
  const all = [...COMMON_IGNORE, ...new Set(languageLines)];
  const back: string[] = [];
  for (const path of [...new Set(keep)].sort()) {
    const rel = path.replace(/^\.\//, '');
    if (!rel || rel === '.' || rel.split('/').includes('..')) continue;
    if (!excluded(all, rel)) continue;
    if (!WRITABLE.test(rel)) {
      warnings.push(
        `The build needs ${rel.length > 60 ? `${rel.slice(0, 59)}…` : rel}, which a .dockerignore line excludes, and its name cannot be written as a .dockerignore exception: rename it, or edit .dockerignore.`,
      );
      continue;
    }
    back.push(`!${literal(rel)}`);
  }
  return [...all, ...back];
}
