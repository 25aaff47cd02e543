import { hasLineBreakOrControl, shown } from '../core/quote.js';
import type { Scan } from '../core/scan.js';
import type { LangId } from '../core/types.js';
import { SHELL_SYNTAX } from './shared.js';

/**
 * What runs beside the program and what it must be given: the other processes of the app (a
 * Procfile's worker and release lines, a job queue's worker), run from the same image with
 * another command, and the settings it cannot start without (an environment variable read with
 * no default). The Dockerfile's header names them and --compose makes services of them.
 */

/** Another process of the app, from the same image. */
export interface Companion {
  /** Its role: the Procfile's process type, or worker, beat, release. */
  role: string;
  /** The command that replaces the image's ENTRYPOINT. */
  command: string[];
  /** Runs once before the server starts (database migrations), not beside it. */
  once: boolean;
  source: string;
}

/** An environment variable the program reads without a default. */
export interface Setting {
  name: string;
  source: string;
}

/** Process types that run once, before the new version serves (Heroku's release phase). */
const ONCE = new Set(['release', 'migrate', 'migrations']);
const ROLE = /^([A-Z][\w-]{0,39}):[ \t]*(\S.{0,399})$/i;
/** Zero-width and bidirectional formatting characters: text that reads otherwise than it runs. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
/** Process types that are for development only. */
const DEV_ONLY = /^(?:web|dev|test|console|assets|css|js|watch)$/;

/**
 * The Procfile's processes besides web, each a plain command (shell syntax cannot replace an
 * exec-form ENTRYPOINT: such a line is named in a warning instead). `adapt` turns a command into
 * the image's way of running it (Ruby: `bundle exec`), or returns undefined when it cannot.
 */
export function procfileCompanions(
  scan: Scan,
  warnings: string[],
  adapt: (words: string[]) => string[] | undefined = (w) => w,
): Companion[] {
  const out: Companion[] = [];
  for (const line of (scan.read('Procfile', 64 * 1024) ?? '').split('\n').slice(0, 50)) {
    const m = ROLE.exec(line.trim());
    // Process types are matched as Heroku does, whatever their case (Web:, RELEASE:).
    const role = m?.[1]!.toLowerCase();
    if (!m || !role || DEV_ONLY.test(role) || out.some((c) => c.role === role)) continue;
    const text = m[2]!.trim();
    const words = text.split(/[ \t]+/);
    // Shell syntax, or a control or invisible character, is no exec-form command.
    const plain = !SHELL_SYNTAX.test(text) && !hasLineBreakOrControl(text) && !INVISIBLE.test(text);
    const command = plain && /^[\w./-]+$/.test(words[0]!) ? adapt(words) : undefined;
    if (!command) {
      warnings.push(
        `The Procfile's ${shown(role, 40)} command (${shown(text, 60)}) uses shell syntax or a tool the image lacks: run it your own way beside the server.`,
      );
      continue;
    }
    out.push({ role, command, once: ONCE.has(role), source: `Procfile: ${shown(line.trim(), 80)}` });
  }
  return out;
}

/** Roles that are one kind of process under other names. */
const KIND: Record<string, string> = { clock: 'beat', scheduler: 'beat', cron: 'beat' };

/**
 * The Procfile's processes, then the framework's whose kind the Procfile does not already give:
 * its release step, a beat under another name (clock, scheduler), or any long-running worker.
 */
export function withFramework(procfile: Companion[], framework: Companion[]): Companion[] {
  const kind = (c: Companion) => (c.once ? 'once' : (KIND[c.role] ?? (c.role === 'beat' ? 'beat' : 'worker')));
  return [...procfile, ...framework.filter((c) => !procfile.some((p) => kind(p) === kind(c)))];
}

const NAME = '([A-Z][A-Z0-9_]{0,60})';

interface SettingRule {
  /** Which files are read (their project paths). */
  files: (scan: Scan) => string[];
  /** Reads whose variable has no default: the name is the first group. */
  pattern: RegExp;
  what: string;
}

/** Paths of tests, examples and development settings: their variables are not the server's. */
const NOT_RUNTIME =
  /(?:^|\/)(?:tests?|spec|specs|examples?|docs?|scripts?|migrations|fixtures|benches|development|dev)(?:\/|$)|(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest|[^/]*_spec|development|test)\.\w+$/;

const SETTING_RULES: Partial<Record<LangId, SettingRule[]>> = {
  python: [
    {
      files: (scan) => scan.withExt('.py'),
      // os.environ["X"] read (not assigned), os.environ.get is optional.
      pattern: new RegExp(`os\\.environ\\[[ \\t]*["']${NAME}["'][ \\t]*\\](?![ \\t]*=[^=])`, 'g'),
      what: 'os.environ[...]',
    },
    {
      files: (scan) => scan.withExt('.py'),
      // django-environ and environs: env("X"), env.str("X") with no default argument.
      pattern: new RegExp(
        `\\benv(?:\\.(?:str|int|bool|url|db|db_url|list|json|float|cache_url|email_url))?\\([ \\t]*["']${NAME}["'][ \\t]*\\)`,
        'g',
      ),
      what: 'env(...) with no default',
    },
  ],
  ruby: [
    {
      files: (scan) => scan.files.filter((f) => /^(?:config|app|lib)\/.*\.(?:rb|yml)$/.test(f)),
      // ENV.fetch("X") with neither a default argument nor a block.
      pattern: new RegExp(`ENV\\.fetch\\([ \\t]*["']${NAME}["'][ \\t]*\\)(?![ \\t]*(?:\\{|do\\b))`, 'g'),
      what: 'ENV.fetch(...) with no default',
    },
  ],
  rust: [
    {
      files: (scan) => scan.withExt('.rs'),
      pattern: new RegExp(`env::var\\([ \\t]*"${NAME}"[ \\t]*\\)[ \\t]*(?:\\?|\\.(?:expect|unwrap)\\()`, 'g'),
      what: 'env::var(...) that must be set',
    },
  ],
  java: [
    {
      // Spring's own settings files (the default profile and prod): ${X} without a :default.
      files: (scan) =>
        scan.files.filter((f) =>
          /(?:^|\/)src\/main\/resources\/application(?:-prod\w*)?\.(?:properties|ya?ml)$/.test(f),
        ),
      pattern: new RegExp(`\\$\\{${NAME}\\}`, 'g'),
      what: '${...} with no default',
    },
  ],
};

const MAX_FILES = 400;
const MAX_SETTINGS = 20;

/** Variables the image, the shell or the platform sets: a program reads them, nobody must give them. */
const OWNED_BY_IMAGE =
  /^(?:PATH|HOME|USER|LOGNAME|PWD|OLDPWD|HOSTNAME|SHELL|TERM|LANG|LANGUAGE|LC_\w+|TZ|TMPDIR|TEMP|TMP|VIRTUAL_ENV|PYTHON(?:PATH|HOME|UNBUFFERED|DONTWRITEBYTECODE)|JAVA_HOME|JAVA_OPTS|GEM_HOME|GEM_PATH|BUNDLE_\w+|RUBYOPT|RUBYLIB|NODE_ENV|NODE_OPTIONS|NODE_PATH|GO(?:PATH|ROOT|MAXPROCS|FLAGS|OS|ARCH|DEBUG|TOOLCHAIN|PROXY)|CARGO_\w+|RUST_LOG|RUST_BACKTRACE|KUBERNETES_\w+)$/;

/** Environment variables the program reads with no default, from its own code and settings files. */
export function requiredSettings(scan: Scan, lang: LangId): Setting[] {
  const out: Setting[] = [];
  for (const rule of SETTING_RULES[lang] ?? []) {
    for (const file of rule
      .files(scan)
      .filter((f) => !NOT_RUNTIME.test(f))
      .slice(0, MAX_FILES)) {
      const text = scan.read(file, 256 * 1024);
      if (!text) continue;
      for (const m of text.matchAll(rule.pattern)) {
        if (out.length >= MAX_SETTINGS) return out;
        // `del os.environ["X"]` removes a variable; it does not read one.
        if (/\bdel[ \t]+$/.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
        if (OWNED_BY_IMAGE.test(m[1]!) || out.some((s) => s.name === m[1])) continue;
        out.push({ name: m[1]!, source: `${shown(file, 80)}: ${rule.what}` });
      }
    }
  }
  return out;
}
