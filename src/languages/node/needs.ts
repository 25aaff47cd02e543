import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import type { Needs } from '../../core/types.js';

/** How many of the program's own source files are read for what it needs at run time. */
const MAX_FILES = 200;
/** Folders whose files are not the server's code: dependencies, build output, tests, a front end. */
const NOT_SERVER =
  /(?:^|\/)(?:node_modules|dist|build|out|coverage|tests?|__tests__|spec|e2e|client|frontend|public|static|docs?|scripts|\.[\w-]+)\//;

/** A write to a path relative to the working directory: mkdir('data'), writeFileSync('db.json', …). */
const RELATIVE_WRITE =
  /\b(?:mkdirSync|mkdir|ensureDirSync|ensureDir|mkdirp|writeFileSync|createWriteStream)\s*\(\s*['"`][\w.-][^'"`\n]{0,200}['"`]/;
/** A folder named relative to the working directory or the code: path.resolve('config'), path.join(__dirname, 'data'). */
const RELATIVE_DIR =
  /\b[Pp]ath\.(?:resolve|join)\(\s*(?:(?:process\.cwd\(\)|__dirname|global\.appRoot)\s*,\s*)?['"`][\w-]{1,60}['"`]\s*\)/;
const MKDIR = /\b(?:mkdirSync|mkdir|ensureDirSync|ensureDir|mkdirp)\s*\(/;
/** The user's home: os.homedir(), env-paths, xdg-basedir. */
const HOME_USE = /\bos\.homedir\(\)|\bhomedir\(\)|['"](?:env-paths|xdg-basedir|conf)['"]/;

/**
 * What a Node.js server needs at run time besides its files, read from its own sources (not its
 * dependencies, tests or front end): a working directory it can write to (it makes folders or
 * files relative to it, or to its code), and a home.
 */
export function nodeNeeds(scan: Scan, dir: string): Needs {
  const prefix = dir === '.' ? '' : `${dir}/`;
  const files = scan
    .withExt('.js', '.cjs', '.mjs', '.ts', '.cts', '.mts')
    .filter((f) => f.startsWith(prefix) && !NOT_SERVER.test(f.slice(prefix.length)) && !f.endsWith('.d.ts'))
    .slice(0, MAX_FILES);
  const needs: Needs = {};
  const texts = files.map((f) => ({ f, text: scan.read(f, 64 * 1024) ?? '' }));
  const write = texts.map(({ f, text }) => ({ f, m: RELATIVE_WRITE.exec(text) })).find((x) => x.m);
  if (write) needs.workdir = `${shown(write.m![0], 80)} (${write.f})`;
  else {
    const named = texts.map(({ f, text }) => ({ f, m: RELATIVE_DIR.exec(text) })).find((x) => x.m);
    const made = named && texts.find(({ text }) => MKDIR.test(text));
    if (named && made) needs.workdir = `names ${shown(named.m![0], 60)} (${named.f}) and makes folders (${made.f})`;
  }
  const home = texts.map(({ f, text }) => ({ f, m: HOME_USE.exec(text) })).find((x) => x.m);
  if (home) needs.home = `${shown(home.m![0], 40)} (${home.f})`;
  return needs;
}
