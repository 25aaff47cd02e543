import { basename, dirname } from 'node:path';
import { LANGUAGE_DATA } from '../data.js';
import { UserError } from '../../core/errors.js';
import { isBuilt, LIMITS, type Scan } from '../../core/scan.js';
import { safeName, safeRelPath, shown } from '../../core/quote.js';
import type { Choice, Decision, Fact, Needs, Strategy } from '../../core/types.js';
import {
  binaryIgnore,
  findPort,
  helpersLast,
  missingSubmodules,
  normalizeRel as normalize,
  pickEntry,
  portFromDockerfile,
  type PortPattern,
  serverCommand,
  sourcePoints,
  versionFromToolVersions,
} from '../shared.js';
import { GLOB_PATTERN_MAX, globMatches, type GlobElement, parseGlobElement } from '../glob.js';
import { parseGoFile } from './source.js';
import type { BuildSpec, Detection, Language, ResolveOptions, Resolved } from '../types.js';

const DATA = LANGUAGE_DATA.go;

export interface GoMod {
  module?: string;
  go?: string;
  toolchain?: string;
  requires: string[];
  /** Targets of replace directives that are local paths (./x, ../x). */
  localReplaces: string[];
}

/** go.mod is line-based; a full parser is not needed for module, go, toolchain and require. */
export function parseGoMod(text: string): GoMod {
  const out: GoMod = { requires: [], localReplaces: [] };
  let block: string | undefined;
  const replace = (spec: string) => {
    const target = spec.split('=>')[1]?.trim().split(/\s+/)[0];
    if (target && /^\.\.?\//.test(target)) out.localReplaces.push(target);
  };
  for (const raw of text.split('\n')) {
    const comment = raw.indexOf('//');
    const line = (comment >= 0 ? raw.slice(0, comment) : raw).trim();
    if (!line) continue;
    if (block) {
      if (line === ')') block = undefined;
      else if (block === 'require') out.requires.push(line.split(/\s+/)[0]!);
      else if (block === 'replace') replace(line);
      continue;
    }
    const [kw, ...rest] = line.split(/\s+/);
    if (kw === 'module') out.module = rest.join(' ').replace(/^"|"$/g, '');
    else if (kw === 'go') out.go = rest[0];
    else if (kw === 'toolchain') out.toolchain = rest[0];
    else if (kw === 'require' || kw === 'replace') {
      if (rest[0] === '(') block = kw;
      else if (kw === 'require' && rest[0]) out.requires.push(rest[0]);
      else if (kw === 'replace') replace(rest.join(' '));
    }
  }
  return out;
}

export { parseGoFile } from './source.js';

/**
 * "1.22.3", "go1.22.3", "1.22", "1.21rc2" -> "1.22"; anything Go never released -> undefined
 * ("2.0", "1.022", "latest").
 */
export function goMinor(v: string | undefined): string | undefined {
  const m = /^(?:go)?1\.(0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,3})|(?:rc|beta)[1-9]\d?)?$/.exec(v?.trim() ?? '');
  return m ? `1.${m[1]}` : undefined;
}

function resolveVersion(scan: Scan, mod: GoMod | undefined, opts: ResolveOptions, warnings: string[]): Fact<string> {
  if (opts.langVersion !== undefined) {
    const v = goMinor(opts.langVersion);
    if (!v)
      throw new UserError(
        'E_BAD_FLAG',
        `--lang-version "${shown(opts.langVersion)}" is not a Go version.`,
        'Use a Go release like 1.22 or 1.22.3.',
      );
    return withinKnown({ value: v, source: '--lang-version' }, warnings);
  }
  // .go-version and .tool-versions pin a toolchain; go.mod's lines are minimums.
  const candidates: [string | undefined, string, boolean][] = [
    [scan.manifest('.go-version', LIMITS.versionBytes)?.trim(), '.go-version', false],
    [versionFromToolVersions(scan, ['golang', 'go']), '.tool-versions', false],
    [mod?.toolchain, `go.mod (toolchain ${shown(mod?.toolchain ?? '', 24)})`, true],
    [mod?.go, `go.mod (go ${shown(mod?.go ?? '', 24)})`, true],
  ];
  for (const [raw, source, minimum] of candidates) {
    if (raw === undefined) continue;
    const v = goMinor(raw);
    if (v) return withinKnown(minimum ? supported({ value: v, source }) : { value: v, source }, warnings);
    warnings.push(`Ignored Go version "${shown(raw, 24)}" in ${source}: not a Go release.`);
  }
  return { value: DATA.defaultVersion, source: 'default: the newest Go 1.x (golang:1), as no version was found' };
}

const minorOf = (v: string) => Number(v.split('.')[1]);

/**
 * go.mod's version is a minimum, and a newer Go keeps its language semantics: one older than
 * the oldest release the Go team still supports builds with that release, never with an
 * unsupported Go.
 */
function supported(version: Fact<string>): Fact<string> {
  const floor = DATA.oldestSupported!;
  if (minorOf(version.value) >= minorOf(floor)) return version;
  return {
    value: floor,
    source: `${version.source} is a minimum; Go ${version.value} is no longer supported, so Go ${floor} (the oldest supported release as of ${DATA.supportChecked}) builds it with Go ${version.value} language semantics`,
  };
}

/** Versions older than the oldest supported image build with it (Go is backward compatible); newer than known ones are kept, with a warning. */
function withinKnown(version: Fact<string>, warnings: string[]): Fact<string> {
  if (minorOf(version.value) < minorOf(DATA.minVersion!)) {
    warnings.push(
      `Go ${version.value} (${version.source}) is older than the oldest image used (golang:${DATA.minVersion}); building with Go ${DATA.minVersion}, which compiles it too.`,
    );
    return { value: DATA.minVersion!, source: `${version.source}, raised to ${DATA.minVersion}` };
  }
  if (minorOf(version.value) > minorOf(DATA.newestKnown!)) {
    warnings.push(
      `Go ${version.value} (${version.source}) is newer than the newest release known here (${DATA.newestKnown}); if golang:${version.value} does not exist yet, the build will fail at FROM: pass --lang-version.`,
    );
  }
  return version;
}

function moduleName(mod: GoMod | undefined, root: string): string {
  const parts = (mod?.module ?? '').split('/').filter(Boolean);
  let last = parts.pop();
  if (last && /^v\d+$/.test(last)) last = parts.pop();
  return last ?? basename(root);
}

export const go: Language = {
  ids: ['go'],

  detect(scan: Scan): Detection[] {
    const evidence: string[] = [];
    let score = 0;
    if (scan.has('go.mod')) {
      score += 100;
      evidence.push('go.mod');
    }
    if (scan.has('go.work')) {
      score += 90;
      evidence.push('go.work');
    }
    const sources = scan.withExt('.go').filter((f) => !f.endsWith('_test.go'));
    score += sourcePoints(sources, '.go', evidence);
    return score ? [{ lang: 'go', score, evidence }] : [];
  },

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved {
    const warnings: string[] = [];
    const decisions: Decision[] = [];
    const modText = scan.manifest('go.mod');
    const mod = modText !== undefined ? parseGoMod(modText) : undefined;
    const version = resolveVersion(scan, mod, opts, warnings);
    decisions.push({ topic: 'Go version', choice: version.value, because: version.source });

    // One pass over every non-test Go file: package clauses and imports, per directory.
    const mains = new Set<string>();
    const packages = new Map<string, GoPackage>();
    // A folder with a go.mod of its own is another module: not part of this one (go.work joins them).
    const nested = scan.has('go.work')
      ? []
      : scan.files.filter((f) => f.endsWith('/go.mod')).map((f) => `${dirname(f)}/`);
    for (const f of scan.withExt('.go')) {
      if (f.endsWith('_test.go') || nested.some((n) => f.startsWith(n))) continue;
      const parsed = parseGoFile(scan.read(f) ?? '', f);
      if (parsed.excluded || parsed.pkg === undefined) continue;
      const dir = dirname(f);
      if (parsed.pkg === 'main') mains.add(dir);
      const p: GoPackage = packages.get(dir) ?? { files: [], imports: new Map() };
      p.files.push(f);
      for (const i of parsed.imports) if (!p.imports.has(i)) p.imports.set(i, f);
      packages.set(dir, p);
    }
    // Main packages under examples/, tests/ and the like are not the project's program, unless named.
    const wanted = opts.entry?.replace(/^\.\//, '').replace(/\/$/, '');
    const programs = [...mains].filter((d) => isBuilt(`${d}/x.go`) || d === wanted);
    if (!programs.length) {
      const others = [...mains].slice(0, 5);
      throw new UserError(
        'E_NO_ENTRY',
        `No \`package main\` found${others.length ? ` outside examples and tests (${others.join(', ')})` : ''}: this Go module builds no program.`,
        others.length
          ? `Name one with --entry ${others[0]}, or run it in the directory of a Go program.`
          : 'Run it in the directory of a Go program, or add a main package (e.g. cmd/<name>/main.go).',
      );
    }
    const modName = moduleName(mod, scan.root);
    const entries: Choice[] = helpersLast(
      programs.sort((a, b) => entryRank(a) - entryRank(b) || a.localeCompare(b)),
      (d) => (d === '.' ? modName : basename(d)),
    ).map((dir) => ({
      value: dir,
      label: dir === '.' ? `${modName} (.)` : `${basename(dir)} (${dir})`,
      source: `package main in ${packages.get(dir)!.files[0]}`,
    }));
    const entry = pickEntry(
      entries,
      opts.entry,
      (e) => (e.value === '.' ? modName : basename(e.value)),
      modName,
      warnings,
      opts.entrySource,
    );
    const pkg = safeRelPath(entry.value, 'Go package', '--entry', entry.source);
    const name = safeName(
      pkg === '.' ? modName : basename(pkg),
      'Binary name',
      '--entry',
      pkg === '.' && mod?.module ? 'the module path in go.mod' : entry.source,
    );
    decisions.push({ topic: 'Program', choice: `${name} (./${pkg === '.' ? '' : pkg})`, because: entry.source });

    // What the program links: its own package and the module's packages it imports, transitively.
    const linked = reachable(packages, pkg, mod?.module);
    const importedBy = new Map<string, string>();
    for (const dir of linked)
      for (const [i, f] of packages.get(dir)!.imports) if (!importedBy.has(i)) importedBy.set(i, f);
    const linkedFiles = linked.flatMap((dir) => packages.get(dir)!.files);
    // What the build reads by name: no .dockerignore line may exclude it.
    const keep = new Set<string>();
    checkEmbeds(scan, linkedFiles, warnings, keep);

    // Native code: import "C" in a linked package, or a module known to need cgo anywhere in
    // go.mod (its importers may be out of sight, in other modules: cgo is the safe guess).
    const cgoFile = importedBy.get('C');
    const cgoModule = mod?.requires.find((r) => DATA.cgoModules!.some((m) => r === m || r.startsWith(`${m}/`)));
    const cgo = cgoFile ? `import "C" in ${cgoFile}` : cgoModule ? `${cgoModule} in go.mod needs cgo` : undefined;
    decisions.push({
      topic: 'cgo',
      choice: cgo ? 'on: dynamic glibc binary' : 'off: static binary (CGO_ENABLED=0)',
      because: cgo ?? 'no import "C" and no cgo module in go.mod',
    });

    const needs: Needs = {};
    // Standard-library packages match exactly ("net/url" needs no certificates); modules by prefix.
    // The list is ordered most telling first (crypto/tls, net/http, ..., net), so the evidence names the best one.
    const netImport = DATA.networkImports!.flatMap((n) =>
      [...importedBy.keys()].filter((i) => i === n || (n.includes('.') && i.startsWith(`${n}/`))),
    )[0];
    if (netImport) needs.certs = `imports "${netImport}" (${importedBy.get(netImport)})`;
    const user = importedBy.get('os/user');
    if (user) needs.passwd = `imports "os/user" (${user})`;
    const tz = linkedFiles.find((f) => /\btime\.LoadLocation\(/.test(scan.read(f) ?? ''));
    const tmp = linkedFiles.find((f) =>
      /\bos\.(TempDir|CreateTemp|MkdirTemp)\(|\bioutil\.Temp(File|Dir)\(/.test(scan.read(f) ?? ''),
    );
    if (tmp) needs.tmp = `temporary files (${tmp})`;
    const tags = tz && !importedBy.has('time/tzdata') ? ['timetzdata'] : [];
    if (tags.length)
      decisions.push({
        topic: 'Time zones',
        choice: 'embedded (-tags timetzdata)',
        because: `time.LoadLocation in ${tz}; small images have no zoneinfo`,
      });

    const port =
      opts.port !== undefined
        ? { value: opts.port, source: '--port' }
        : (findPort(scan, linkedFiles, GO_PORT_PATTERNS) ?? portFromDockerfile(scan));
    const writes = linkedFiles.map((f) => ({ f, m: RELATIVE_WRITE.exec(scan.read(f) ?? '') })).find((x) => x.m);
    if (writes) needs.workdir = `${shown(writes.m![0])} (${writes.f})`;
    const tty = [...importedBy.keys()].find((i) => TERMINAL_MODULES.some((m) => i === m || i.startsWith(`${m}/`)));
    if (tty) needs.interactive = `imports "${tty}" (${importedBy.get(tty)})`;
    const listens = importedBy.has('net/http') || importedBy.has('net');
    const command = listens ? serverCommand(scan, name) : undefined;
    if (command) needs.command = command;

    const strategies: Strategy[] = cgo
      ? [
          {
            id: 'cgo-glibc',
            libc: 'glibc',
            requires: ['glibc'],
            summary: `a dynamic glibc binary (cgo: ${cgo})`,
            fix: 'drop cgo (for example modernc.org/sqlite instead of mattn/go-sqlite3) to run on scratch or alpine',
          },
        ]
      : [{ id: 'static', libc: 'none', requires: [], summary: 'a static binary (CGO_ENABLED=0)' }];

    missingSubmodules(scan, [modText ?? '', scan.read('go.work') ?? ''], warnings);
    for (const r of mod?.localReplaces ?? []) {
      if (r.startsWith('../'))
        warnings.push(
          `go.mod replaces a module with ${r}, outside this directory: Docker cannot see it from here. Build from a parent directory, vendor it (go mod vendor), or use go.work inside the project.`,
        );
    }
    // From go 1.14 on, go build uses vendor/ by itself; below, it downloads what go.mod requires.
    const hasVendor = scan.manifest('vendor/modules.txt') !== undefined;
    const directive = goMinor(mod?.go ?? '');
    const vendored = hasVendor && (directive === undefined || minorOf(directive) >= 14);
    if (hasVendor && !vendored) {
      decisions.push({
        topic: 'vendor/',
        choice: 'not used: modules are downloaded',
        because: `go.mod says go ${directive}, below 1.14, so go build does not read vendor/ by itself (raise the go line to 1.14 or more to build from vendor/)`,
      });
    }
    const requires = mod?.requires.length ?? 0;
    decisions.push({
      topic: 'Modules',
      choice: vendored
        ? 'vendored: built from vendor/, nothing downloaded'
        : requires
          ? 'downloaded in their own cached layer'
          : 'none to download',
      because: vendored
        ? 'vendor/modules.txt'
        : requires
          ? `${requires} requirement${requires > 1 ? 's' : ''} in go.mod`
          : 'no require in go.mod',
    });
    if (requires && !vendored && !scan.has('go.sum')) {
      warnings.push(
        'go.mod has requirements but there is no go.sum: the build will stop with "missing go.sum entry". Run go mod tidy and commit go.sum.',
      );
    }
    for (const f of ['go.mod', 'go.sum', 'go.work', 'go.work.sum']) if (scan.has(f)) keep.add(f);
    if (vendored) keep.add('vendor/modules.txt').add('vendor');
    if (pkg !== '.') keep.add(pkg);
    for (const r of mod?.localReplaces ?? []) {
      const target = normalize(r);
      if (target && target !== '.') keep.add(target);
    }
    return {
      lang: 'go',
      name,
      version,
      entries,
      entry,
      port,
      needs,
      strategies,
      builderGlibc: DATA.builderGlibc,
      decisions,
      warnings,
      ignore: [...binaryIgnore(scan.root, name), '*.test', '*.out'],
      keep: [...keep],
      own: {
        pkg,
        tags,
        hasGoMod: !!mod,
        hasGoSum: scan.has('go.sum'),
        goWork: scan.has('go.work'),
        vendored,
      } satisfies GoInfo,
    };
  },

  build(resolved: Resolved, strategy: Strategy): BuildSpec {
    const info = resolved.own as GoInfo;
    const cgo = strategy.libc === 'glibc';
    const depsFiles =
      info.hasGoMod && !info.goWork && !info.vendored ? ['go.mod', ...(info.hasGoSum ? ['go.sum'] : [])] : [];
    const ldflags = '-s -w';
    const flags = ['-trimpath', ...(info.tags.length ? [`-tags=${info.tags.join(',')}`] : []), `-ldflags="${ldflags}"`];
    return {
      partial: 'go',
      // cgo links against the builder's glibc: pin Debian bookworm so it is never newer than the runtime's.
      image: cgo ? 'golang:${GO_VERSION}-bookworm' : 'golang:${GO_VERSION}',
      args: [{ name: 'GO_VERSION', value: resolved.version.value }],
      artifact: `/out/${resolved.name}`,
      vars: {
        cgo,
        depsFiles: depsFiles.join(' '),
        noGoMod: !info.hasGoMod && !info.goWork,
        // Static builds cross-compile from the build machine's platform: multi-platform builds
        // (docker buildx build --platform ...) need no emulation. cgo would need a cross C compiler.
        cross: !cgo,
        buildCmd: `CGO_ENABLED=${cgo ? 1 : 0}${cgo ? '' : ' GOOS=$TARGETOS GOARCH=$TARGETARCH'} go build ${flags.join(' ')} -o /out/${resolved.name} ${info.pkg === '.' ? '.' : `./${info.pkg}`}`,
        name: resolved.name,
      },
    };
  },
};

interface GoInfo {
  pkg: string;
  tags: string[];
  hasGoMod: boolean;
  hasGoSum: boolean;
  goWork: boolean;
  vendored: boolean;
}

/** A write to a relative path: the program needs a working directory of its own. */
const RELATIVE_WRITE = /\bos\.(?:MkdirAll|Mkdir|Create|WriteFile|OpenFile)\(\s*"(?!\/)[\w.-][^"\n]{0,200}"/;
/** Modules that drive a terminal: the program wants `docker run -it`. */
const TERMINAL_MODULES = [
  'golang.org/x/term',
  'github.com/charmbracelet/bubbletea',
  'github.com/rivo/tview',
  'github.com/gdamore/tcell',
  'github.com/jroimartin/gocui',
  'github.com/jesseduffield/gocui',
  'github.com/manifoldco/promptui',
  'github.com/AlecAivazis/survey',
  'github.com/c-bata/go-prompt',
  'github.com/nsf/termbox-go',
];

/** Names of flags, environment variables and constants that hold the listening port or address. */
const PORT_NAME =
  /^(?:[\w-]*[-_.])?(?:http[-_]?)?(?:port|addr|address|listen|listen[-_]?addr(?:ess)?|bind|bind[-_]?addr(?:ess)?|http)$/i;
const CONST_NAME = /^(?:default|listen|http|server|serve|bind)?_?(?:port|addr|address|listenaddr(?:ess)?)$/i;

/** In order of trust: a literal in the call that listens, then flag defaults, env fallbacks, constants. */
const GO_PORT_PATTERNS: PortPattern[] = [
  /ListenAndServe(?:TLS)?\(\s*"[\w.\-]{0,100}:(\d{2,5})"/,
  /Listen\(\s*"tcp[46]?"\s*,\s*"[\w.\-]{0,100}:(\d{2,5})"/,
  /Addr:\s*"[\w.\-]{0,100}:(\d{2,5})"/,
  /Getenv\("PORT"\)[\s\S]{0,120}?"(\d{2,5})"/,
  // flag.Int("port", 8080, ...), flag.StringVar(&a, "addr", ":8080", ...), pflag's IntP("port", "p", 8080, ...)
  {
    re: /\b(?:Int|Uint|String)(?:Var)?P?\((?:&[\w.]{1,60},\s*)?"([\w.-]{1,40})",\s*(?:"\w?",\s*)?(?:(\d{2,5})\b|"[\w.\-\[\]]{0,60}:(\d{2,5})")/,
    name: PORT_NAME,
  },
  // getEnv("PORT", "8080"), envOr("LISTEN_ADDR", ":8080")
  { re: /\b\w{0,40}\(\s*"([A-Z][A-Z0-9_]{0,40})",\s*"[\w.\-]{0,60}?:?(\d{2,5})"\s*\)/, name: PORT_NAME },
  // const defaultPort = 8080, DefaultAddr = ":8080"
  { re: /\b(\w{1,40})\s*:?=\s*(?:(\d{2,5})\b|"[\w.\-]{0,60}:(\d{2,5})")/, name: CONST_NAME },
];

/** Order of programs when nothing else decides: the root, then cmd/*, then the rest, then examples and tooling. */
function entryRank(dir: string): number {
  if (dir === '.') return 0;
  if (dir.startsWith('cmd/')) return 1;
  if (/(^|\/)(_?examples?|tools|hack|scripts|internal\/tools|demo)(\/|$)/.test(dir)) return 3;
  return 2;
}

interface GoPackage {
  files: string[];
  /** Import path -> the first file that imports it. */
  imports: Map<string, string>;
}

/**
 * The directories of the packages a main package links from this module: itself, and every
 * package under the module path it imports, transitively. Without a module path (no go.mod)
 * every package counts.
 */
export function reachable(packages: Map<string, GoPackage>, start: string, module: string | undefined): string[] {
  if (!module) return [...packages.keys()];
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    for (const i of packages.get(queue.shift()!)?.imports.keys() ?? []) {
      if (i !== module && !i.startsWith(`${module}/`)) continue;
      const dir = i === module ? '.' : i.slice(module.length + 1);
      if (packages.has(dir) && !seen.has(dir)) {
        seen.add(dir);
        queue.push(dir);
      }
    }
  }
  return [...seen];
}

/** A //go:embed line's patterns: space-separated, or quoted with "..." or `...`; a string says why the line does not parse. */
export function embedPatterns(spec: string): string[] | string {
  const out: string[] = [];
  // Go's unicode.IsSpace: JavaScript's \s, plus NEL, without the BOM.
  const space = (c: string | undefined) => c !== undefined && c !== '\ufeff' && (c === '\u0085' || /\s/.test(c));
  for (let i = 0; i < spec.length;) {
    const c = spec[i]!;
    if (space(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      let word = '';
      while (j < spec.length && spec[j] !== c) {
        if (c === '"' && spec[j] === '\\' && j + 1 < spec.length) j++;
        word += spec[j];
        j++;
      }
      if (j >= spec.length) return `the quoted pattern ${c}${shown(word, 40)} is never closed`;
      out.push(word);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < spec.length && !space(spec[j])) j++;
    out.push(spec.slice(i, j));
    i = j;
  }
  return out;
}

/** The patterns of a //go:embed line (the text after the directive), or undefined if the line is no directive. */
function embedDirective(line: string): string | undefined {
  let i = 0;
  while (line[i] === ' ' || line[i] === '\t') i++;
  if (!line.startsWith('//go:embed', i)) return undefined;
  const rest = line.slice(i + 10);
  return rest[0] === ' ' || rest[0] === '\t' ? rest : undefined;
}

/** Folders listed, and patterns checked, while checking //go:embed lines: past either, the check stops (and says so). */
const EMBED_LISTINGS_MAX = 2000;
const EMBED_PATTERNS_MAX = 2000;
/** Paths a glob pattern adds to the paths kept out of .dockerignore. */
const EMBED_KEEP_MAX = 100;

/** Why an embed pattern is not a valid path (fs.ValidPath): undefined when it is. */
function invalidEmbedPath(pattern: string): string | undefined {
  if (pattern === '' || pattern === '.') return 'it names no file';
  if (pattern.startsWith('/')) return 'it starts with /';
  if (pattern.endsWith('/')) return 'it ends with /';
  const parts = pattern.split('/');
  if (parts.includes('')) return 'it has an empty path element (//)';
  if (parts.includes('.') || parts.includes('..')) return 'it has a . or .. path element';
  return undefined;
}

/**
 * Files a linked package embeds must be in the project: a pattern that matches nothing (a front
 * end's build output, generated files) would stop go build inside Docker. Said here, with the
 * line, instead; so is a pattern go build rejects. Patterns are matched the way the Go tool
 * does (path.Match, one path element at a time); what they name is kept for .dockerignore.
 */
function checkEmbeds(scan: Scan, files: string[], warnings: string[], keep: Set<string>): void {
  const listings = new Map<string, string[] | undefined>();
  let stopped = false;
  const list = (rel: string): string[] | undefined => {
    if (listings.has(rel)) return listings.get(rel);
    if (listings.size >= EMBED_LISTINGS_MAX) {
      stopped = true;
      return undefined;
    }
    const names = scan.list(rel);
    listings.set(rel, names);
    return names;
  };
  const join = (dir: string, name: string) => (dir === '.' ? name : `${dir}/${name}`);
  let checked = 0;
  for (const f of files) {
    const text = scan.read(f) ?? '';
    if (!text.includes('//go:embed')) continue;
    const dir = dirname(f);
    const lines = text.split('\n');
    for (let i = 0; i < lines.length && !stopped; i++) {
      const spec = embedDirective(lines[i]!);
      if (spec === undefined) continue;
      const where = `${shown(f)}:${i + 1}`;
      const patterns = embedPatterns(spec);
      if (typeof patterns === 'string') {
        throw new UserError(
          'E_UNREADABLE',
          `${where}: //go:embed does not parse: ${patterns}, so go build would stop.`,
          `Fix the //go:embed line at ${where}: quote a pattern with "..." or \`...\`, or write it without quotes.`,
        );
      }
      for (const raw of patterns) {
        if (++checked > EMBED_PATTERNS_MAX) {
          stopped = true;
          break;
        }
        const pattern = raw.startsWith('all:') ? raw.slice(4) : raw;
        if (pattern.length > GLOB_PATTERN_MAX) {
          warnings.push(
            `${where}: the //go:embed pattern ${shown(raw, 40)} is longer than ${GLOB_PATTERN_MAX} characters and was not checked: if it matches no file, go build stops inside the image.`,
          );
          continue;
        }
        const elements = pattern.split('/').map((p) => parseGlobElement(p, 'go'));
        const invalid = invalidEmbedPath(pattern) ?? elements.find((e): e is string => typeof e === 'string');
        if (invalid !== undefined) {
          throw new UserError(
            'E_UNREADABLE',
            `${where}: //go:embed ${shown(raw)} is not a valid pattern (${invalid}), so go build would stop.`,
            `Fix the pattern at ${where}: //go:embed takes paths relative to the package with Go's path.Match wildcards (* and ? within a name, [a-z] or [^a-z], \\ before a character to take it literally), without ** and without . or .. elements.`,
          );
        }
        // Walk the pattern one path element at a time, from the package's folder.
        let found: string[] = [dir];
        for (let k = 0; k < elements.length && found.length; k++) {
          const e = elements[k] as GlobElement;
          const lastElement = k === elements.length - 1;
          const next: string[] = [];
          for (const at of found) {
            if (e.literal !== undefined) {
              const rel = join(at, e.literal);
              // The last element is a file, or a folder with files in it; a middle one a folder.
              const exists = lastElement
                ? scan.has(rel) || (list(rel)?.length ?? 0) > 0 || (list(at) ?? []).includes(e.literal)
                : list(rel) !== undefined;
              if (exists) next.push(rel);
            } else {
              for (const n of list(at) ?? []) if (globMatches(e, n)) next.push(join(at, n));
            }
            if (next.length >= EMBED_KEEP_MAX) break;
          }
          found = next;
        }
        if (stopped) break;
        if (!found.length) {
          throw new UserError(
            'E_MISSING',
            `${where}: //go:embed ${shown(raw)} matches no file in the project, so go build would stop inside the image.`,
            'These are usually build output (a front end, generated files): build them before docker build, or add a stage that builds them, then run this again.',
          );
        }
        for (const p of found) keep.add(p);
      }
    }
  }
  if (stopped)
    warnings.push(
      `Stopped checking //go:embed patterns after ${EMBED_PATTERNS_MAX} patterns or ${EMBED_LISTINGS_MAX} folders listed: the rest were not checked, and go build stops inside the image if one matches no file.`,
    );
}
