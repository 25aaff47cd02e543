import type { Scan } from '../../core/scan.js';
import type { Needs } from '../../core/types.js';
import type { Said } from './info.js';
import type { Program } from './program.js';

/**
 * The app writes beside itself (Flask's instance folder, a SQLite file next to the code): the
 * non-root user must own /app.
 */
const WRITES =
  /\binstance_path\b|os\.makedirs\(\s*(?:app\.)?instance|os\.(?:mkdir|makedirs)\(\s*['"][\w.-]{1,60}['"]|['"]sqlite:\/\/\/['"]\s*\+|f['"]sqlite:\/\/\/\{|sqlite3\.connect\(\s*['"](?!\/|:memory:)|['"]sqlite:\/\/\/[\w.-]|['"]NAME['"]\s*:\s*(?:BASE_DIR|os\.path\.join\(\s*BASE_DIR)[^\n]{0,40}sqlite/;

/** What the program needs at run time: a writable /tmp, and /app owned by the user when it writes there. */
export interface RunNeeds {
  needs: Needs;
  /** A source file writes beside the code: /app is owned by nonroot. */
  ownsApp: boolean;
}

/** A server's worker files in /tmp, and the first of the project's own files that writes beside the code (with the decision). */
export function runNeeds(scan: Scan, sources: string[], program: Program, said: Said): RunNeeds {
  const needs: Needs = {};
  if (program.kind === 'server') needs.tmp = 'gunicorn and uvicorn keep worker files in /tmp';
  const writer = sources.find((f) => WRITES.test(scan.read(f) ?? ''));
  const ownsApp = writer
    ? `${writer} writes files beside the code (an instance folder or a SQLite database)`
    : undefined;
  if (ownsApp) said.decisions.push({ topic: 'Working directory', choice: '/app, owned by nonroot', because: ownsApp });
  return { needs, ownsApp: !!ownsApp };
}
