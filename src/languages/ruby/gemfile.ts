/** A Gemfile, read a line at a time: gems outside development/test groups, path and git gems, ruby, gemspec. */
export interface Gemfile {
  gems: string[];
  devGems: string[];
  paths: { name: string; path: string }[];
  git: boolean;
  ruby?: string | undefined;
  rubyFile?: string | undefined;
  gemspec: boolean;
  /** Groups for development only (development, test, and the like: lint, quality, tools, doc...): BUNDLE_WITHOUT. */
  without: string[];
  /** Lines left unread (longer than any Gemfile line). */
  skipped: number;
}

/** Group names that mean "not in production". */
const DEV_GROUP =
  /^(?:development|test|tests|quality|tools|lint|linters|rubocop|doc|docs|documentation|ci|debug|benchmark|benchmarks|profiling|profile|guard|coverage|console|local|dev)$/;

export const GEM_NAME = /^[a-z0-9][\w.-]{0,100}$/i;

/** A line without its comment: from the first # at the start or after a space (a hand loop: linear). */
function uncommented(line: string): string {
  for (let i = line.indexOf('#'); i >= 0; i = line.indexOf('#', i + 1)) {
    if (i === 0 || ' \t\r\f\v'.includes(line[i - 1]!)) return line.slice(0, i);
  }
  return line;
}

/** What follows a call's name (`gem`, `ruby`, `group`) and its opening parenthesis, if any; undefined when the line is no such call. */
function callArgs(line: string, name: string): string | undefined {
  if (!line.startsWith(name)) return undefined;
  const rest = line.slice(name.length);
  const spaced = rest.trimStart();
  if (spaced.startsWith('(')) return spaced.slice(1).trimStart();
  // `gem"x"` and `ruby'3.3'` are calls too; `gemspec` and `rubygems` are not.
  return spaced !== rest || /^["']/.test(rest) ? spaced : undefined;
}

/** Lines longer than this are skipped (no Gemfile line is that long): said in `skipped`. */
const GEMFILE_LINE = 1000;

export function parseGemfile(text: string): Gemfile {
  const out: Gemfile = {
    gems: [],
    devGems: [],
    paths: [],
    git: false,
    gemspec: false,
    without: ['development', 'test'],
    skipped: 0,
  };
  const NAMES = /:?["']?([a-z_]{1,40})["']?/g;
  const seen = (names: string) => {
    for (const m of names.matchAll(NAMES))
      if (DEV_GROUP.test(m[1]!) && !out.without.includes(m[1]!)) out.without.push(m[1]!);
  };
  const groups: boolean[] = [];
  for (const raw of text.split('\n')) {
    if (raw.length > GEMFILE_LINE) {
      out.skipped++;
      continue;
    }
    const line = uncommented(raw).trim();
    if (!line) continue;
    // group :development, :test do (or group(:test) do): the names run up to the word `do`.
    const groupArgs = callArgs(line, 'group');
    const doWord = groupArgs !== undefined ? /(?:^|[\s)])do\b/.exec(groupArgs) : null;
    if (doWord) {
      const named = groupArgs!.slice(0, doWord.index + 1);
      const names = [...named.matchAll(NAMES)].map((m) => m[1]!);
      seen(named);
      groups.push(names.length > 0 && names.every((n) => DEV_GROUP.test(n)));
      continue;
    }
    if (/^(?:platforms?|install_if|source|path|git|github)\b.+\bdo\b/.test(line)) {
      groups.push(groups[groups.length - 1] ?? false);
      continue;
    }
    if (/^end\b/.test(line)) {
      groups.pop();
      continue;
    }
    if (/^gemspec\b/.test(line)) {
      out.gemspec = true;
      continue;
    }
    const rubyArgs = callArgs(line, 'ruby');
    const ruby =
      rubyArgs !== undefined ? /^(?:["']([^"']{1,40})["']|file:\s*["']([^"']{1,100})["'])/.exec(rubyArgs) : null;
    if (ruby) {
      out.ruby = ruby[1];
      out.rubyFile = ruby[2];
      continue;
    }
    const gemArgs = callArgs(line, 'gem');
    const gem = gemArgs !== undefined ? /^["']([^"']{1,100})["'](.*)$/.exec(gemArgs) : null;
    if (!gem || !GEM_NAME.test(gem[1]!)) continue;
    const opts = gem[2]!;
    const optGroups = /\bgroups?:\s*(\[[^\]]{0,200}\]|%i\[[^\]]{0,200}\]|:[a-z_]{1,40}|["'][a-z_]{1,40}["'])/.exec(
      opts,
    )?.[1];
    if (optGroups) seen(optGroups);
    const dev =
      (groups[groups.length - 1] ?? false) ||
      (!!optGroups && [...optGroups.matchAll(/([a-z_]{1,40})/g)].every((m) => DEV_GROUP.test(m[1]!) || m[1] === 'i'));
    (dev ? out.devGems : out.gems).push(gem[1]!);
    // Any length here: a path too long for a COPY line is refused by the resolver, not taken for a gem from a server.
    const path = /\bpath:\s*["']([^"']{1,1000})["']/.exec(opts);
    if (path && !dev) out.paths.push({ name: gem[1]!, path: path[1]!.replace(/^\.\//, '').replace(/\/$/, '') });
    if (/\b(?:git|github|gist|bitbucket):/.test(opts) && !dev) out.git = true;
  }
  return out;
}
