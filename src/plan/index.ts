import { LANGUAGE_DATA } from '../languages/data.js';
import { RUNTIME_DATA } from '../runtimes/index.js';
import { UserError } from '../core/errors.js';
import type { AnyLanguage, BuildSpec, Detection, Resolved } from '../languages/types.js';
import { RUNTIMES, type Decision, type LangId, type RuntimeId } from '../core/types.js';
import { placeAll, type Placement, type Refusal, type RuntimeImage } from '../runtimes/index.js';
import { dockerignoreLines } from './dockerignore.js';
import { shellWord } from '../core/quote.js';
import type { Companion, Setting } from '../languages/processes.js';

export const NONROOT = { uid: 65532, gid: 65532, name: 'nonroot' } as const;
/** The non-root user's home, where images have one (distroless) and where the others get one. */
const HOME = `/home/${NONROOT.name}`;

/** Entries of an image's `provides` that are files or tools, not libraries (data/runtimes.json). */
const NOT_LIBRARIES = new Set(['shell', 'passwd', 'tmp', 'home', 'apt', 'ca-certificates', 'tzdata', 'fonts']);

/** A file the final stage copies from the build stage. */
export interface Copy {
  from: string;
  src: string;
  dest: string;
  why: string;
  /** Owner of what is copied (user:group), when the program must be able to write it. */
  chown?: string;
}

export interface RuntimeOption {
  runtime: RuntimeId;
  ok: boolean;
  image?: string;
  /** Size of the base image in MB (official amd64), before the program is added. */
  baseMB?: number;
  reason?: string;
  short?: string;
  fix?: string;
}

/** Every decision, as one JSON-serialisable object. Templates only print it. */
export interface Plan {
  schema: 1;
  lang: LangId;
  name: string;
  detection: Detection;
  runtime: RuntimeId;
  runtimeSummary: string;
  build: BuildSpec;
  final: {
    image: string;
    /** How the non-root user is made: `none` (numeric USER only, or the image has it), or appended to /etc/passwd. */
    userSetup: 'none' | 'append';
    user: string;
    copies: Copy[];
    /** Packages the final stage installs with its package manager (libraries it lacks). */
    install: string[];
    /** Files the build stage writes under /rootfs for images that lack them (and the folders the program owns). */
    rootfs: { passwd: boolean; tmp: boolean; workdir: boolean; home: boolean };
    nonroot: typeof NONROOT;
    workdir: string;
    entrypoint: string[];
    /** ENV lines (NAME=value). */
    env: string[];
    /** Default arguments (a server subcommand), or none. */
    cmd: string[];
    expose: number | null;
    /** The program wants a terminal: the header's docker run has -it. */
    interactive: boolean;
  };
  /** The app's other processes, each with the docker run line that starts it from this image. */
  processes: (Companion & { run: string })[];
  /** Environment variables it cannot start without (names only: values never appear). */
  settings: Setting[];
  linkage: string;
  options: RuntimeOption[];
  decisions: Decision[];
  warnings: string[];
  /** Warnings that concern the build, repeated as comments at the top of the Dockerfile. */
  notes: string[];
  dockerignore: string[];
  syntax: boolean;
  /** What the user added to the generated file (saved answers): packages, instructions, and whether answers were saved. */
  custom: {
    /** Packages the build stage installs first, with its package manager. */
    buildPackages: string[];
    buildPm: 'apt' | 'apk';
    /** Packages an Alpine final stage adds with apk. */
    apk: string[];
    /** Dockerfile lines inserted in the final stage, before USER. */
    instructions: string[];
    /** The Dockerfile comes from saved answers (.slim-dockerfile.json). */
    answers: boolean;
    /** Built-in partials the project's .slim-dockerfile/ shadows (build/go, run/slim). */
    overrides: string[];
  };
}

export interface PlanOptions {
  runtime?: RuntimeId | undefined;
  /** Where `runtime` came from, for --explain (default "--runtime"). */
  runtimeSource?: string | undefined;
  syntax?: boolean | undefined;
}

export function runtimeOptions(placements: (Placement | Refusal)[]): RuntimeOption[] {
  return placements.map((p) =>
    p.ok
      ? { runtime: p.runtime, ok: true, image: p.image.image, baseMB: p.image.sizeMB }
      : { runtime: p.runtime, ok: false, reason: p.reason, short: p.short, fix: p.fix },
  );
}

/**
 * The default runtime: the first, in the language's order of preference (data/languages.json
 * `runtimes`; a runtime it does not list comes after, in the order of RUNTIMES), that runs the program.
 */
export function preferred(options: RuntimeOption[], lang: LangId): RuntimeOption | undefined {
  const order = LANGUAGE_DATA[lang === 'cpp' ? 'c' : lang].runtimes ?? [];
  const rank = (r: RuntimeId) => (order.includes(r) ? order.indexOf(r) : order.length + RUNTIMES.indexOf(r));
  return options.filter((o) => o.ok).sort((a, b) => rank(a.runtime) - rank(b.runtime))[0];
}

/** Where an image is named per language version (eclipse-temurin:{java}-jre, python:{python}-slim). */
const VERSION_SLOT = /\{[a-z]+\}/;

export function placementsFor(resolved: Resolved): (Placement | Refusal)[] {
  return placeAll(resolved.strategies, resolved.builderGlibc, resolved.lang, resolved.refusals).map((p) =>
    p.ok && VERSION_SLOT.test(p.image.image)
      ? { ...p, image: { ...p.image, image: p.image.image.replace(VERSION_SLOT, resolved.version.value) } }
      : p,
  );
}

/** The runtime: the one asked for (refused with the reason when it cannot run the program), else the language's first that can. */
function choosePlacement(
  resolved: Resolved,
  placements: (Placement | Refusal)[],
  options: RuntimeOption[],
  opts: PlanOptions,
  decisions: Decision[],
): Placement {
  const allowed = options.filter((o) => o.ok).map((o) => o.runtime);
  if (opts.runtime) {
    const p = placements.find((x) => x.runtime === opts.runtime);
    if (!p)
      throw new UserError(
        'E_REFUSED',
        `${opts.runtime} cannot run this program: it is a runtime for Java programs, and this is a ${resolved.lang} program.`,
        `Choose one of: ${allowed.join(', ') || '(none)'} (--runtime).`,
      );
    if (!p.ok) {
      throw new UserError(
        'E_REFUSED',
        `${opts.runtime} cannot run this program: ${p.reason}.`,
        `${p.fix[0]!.toUpperCase()}${p.fix.slice(1)}; or choose one of: ${allowed.join(', ') || '(none)'} (--runtime).`,
      );
    }
    decisions.push({
      topic: 'Runtime',
      choice: `${p.runtime} (${p.image.image})`,
      because: opts.runtimeSource ?? '--runtime',
    });
    return p;
  }
  const best = preferred(options, resolved.lang);
  if (!best)
    throw new UserError(
      'E_REFUSED',
      'No runtime target can run this program.',
      options.map((o) => `${o.runtime}: ${o.reason}`).join('; '),
    );
  const refused = options.filter((o) => !o.ok).map((o) => o.runtime);
  decisions.push({
    topic: 'Runtime',
    choice: `${best.runtime} (${best.image})`,
    because: `the first of ${resolved.lang}'s runtimes, in its order of preference, that runs it (${best.baseMB} MB base)${refused.length ? `; not ${refused.join(', ')}: see --explain` : ''}`,
  });
  return placements.find((x) => x.runtime === best.runtime) as Placement;
}

/** What the final stage copies besides the program, and the files the build stage writes for images that lack them. */
function finalFiles(
  resolved: Resolved,
  image: RuntimeImage,
  build: BuildSpec<Record<string, unknown>>,
  decisions: Decision[],
) {
  const copies: Copy[] = build.copies
    ? [...build.copies]
    : [{ from: 'build', src: build.artifact, dest: `/app/${resolved.name}`, why: 'the program' }];
  const { needs } = resolved;
  const has = (r: string) => image.provides.includes(r);
  if (needs.certs && !has('ca-certificates')) {
    copies.push({
      from: 'build',
      src: '/etc/ssl/certs/ca-certificates.crt',
      dest: '/etc/ssl/certs/',
      why: `CA certificates: ${needs.certs}`,
    });
    decisions.push({ topic: 'CA certificates', choice: 'copied from the build stage', because: needs.certs });
  }
  const rootfs = {
    passwd: !!needs.passwd && !has('passwd'),
    tmp: !!needs.tmp && !has('tmp'),
    workdir: !!needs.workdir,
    home: !!needs.home && !has('home'),
  };
  const env: string[] = [];
  if (needs.home) {
    if (rootfs.home) {
      copies.unshift({
        from: 'build',
        src: '/rootfs-home',
        dest: HOME,
        why: `a home the program can write to: ${needs.home}`,
        chown: `${NONROOT.uid}:${NONROOT.gid}`,
      });
      env.push(`HOME=${HOME}`);
    }
    decisions.push({
      topic: 'Home',
      choice: `${HOME}, owned by ${NONROOT.name}${rootfs.home ? '' : ` (${image.image} has it)`}`,
      because: needs.home,
    });
  }
  if (rootfs.workdir) {
    // Before the program is copied in, so that the folder itself is created with this owner.
    copies.unshift({
      from: 'build',
      src: '/rootfs-app',
      dest: '/app',
      why: `a working directory the program can write to: ${needs.workdir}`,
      chown: `${NONROOT.uid}:${NONROOT.gid}`,
    });
    decisions.push({ topic: 'Working directory', choice: `/app, owned by ${NONROOT.name}`, because: needs.workdir! });
  }
  if (needs.command)
    decisions.push({ topic: 'Command', choice: needs.command.args.join(' '), because: needs.command.source });
  if (needs.interactive) decisions.push({ topic: 'Terminal', choice: 'docker run -it', because: needs.interactive });
  if (rootfs.passwd)
    decisions.push({
      topic: 'Users',
      choice: `/etc/passwd and /etc/group with ${NONROOT.name} (${NONROOT.uid})`,
      because: needs.passwd!,
    });
  if (rootfs.tmp) decisions.push({ topic: '/tmp', choice: 'created (mode 1777)', because: needs.tmp! });
  if (rootfs.passwd || rootfs.tmp)
    copies.push({
      from: 'build',
      src: '/rootfs/',
      dest: '/',
      why: [rootfs.passwd && 'user database', rootfs.tmp && '/tmp'].filter(Boolean).join(' and '),
    });
  if (resolved.port)
    decisions.push({ topic: 'Port', choice: String(resolved.port.value), because: resolved.port.source });
  return { copies, rootfs, env };
}

/** Languages whose image puts tools on the PATH (a venv's scripts, the bundle's binstubs), so a companion may name any. */
const PATH_TOOLS = new Set<LangId>(['python', 'ruby']);

/**
 * Companions as this image runs them: the program's own name (or its interpreter's) becomes the
 * ENTRYPOINT's path; a command naming a tool the image does not have is left out, with a warning.
 */
function companionsOf(resolved: Resolved, entrypoint: string[], settings: Setting[]): Plan['processes'] {
  const base = (w: string) => w.slice(w.lastIndexOf('/') + 1);
  const out: Plan['processes'] = [];
  for (const c of resolved.companions ?? []) {
    const own = base(c.command[0]!) === base(entrypoint[0]!);
    const command = own ? [entrypoint[0]!, ...c.command.slice(1)] : c.command;
    if (!own && !PATH_TOOLS.has(resolved.lang)) {
      resolved.warnings.push(
        `The ${c.role} process (${c.source}) runs ${c.command[0]}, which this image does not have: run it your own way.`,
      );
      continue;
    }
    const env = settings.map((s) => ` -e ${s.name}`).join('');
    const rest = command.slice(1).map(shellWord).join(' ');
    out.push({
      ...c,
      command,
      run: `docker run --rm${env} --entrypoint ${shellWord(command[0]!)} ${resolved.name}${rest ? ` ${rest}` : ''}`,
    });
  }
  return out;
}

/** --explain's lines for the settings and the other processes. */
function processDecisions(settings: Setting[], processes: Plan['processes']): Decision[] {
  const out: Decision[] = [];
  if (settings.length)
    out.push({
      topic: 'Settings',
      choice: `${settings.map((s) => s.name).join(', ')} (docker run -e NAME; no values are written)`,
      because: settings.map((s) => `${s.name}: ${s.source}`).join('; '),
    });
  for (const p of processes)
    out.push({
      topic: p.once ? 'Before release' : `Process ${p.role}`,
      choice: p.command.join(' '),
      because: `${p.source}; from the same image: ${p.run}`,
    });
  return out;
}

export function makePlan(
  language: AnyLanguage,
  detection: Detection,
  resolved: Resolved,
  opts: PlanOptions = {},
): Plan {
  const placements = placementsFor(resolved);
  const options = runtimeOptions(placements);
  const decisions: Decision[] = [
    { topic: 'Language', choice: resolved.lang, because: detection.evidence.join(', ') || 'detected' },
    ...resolved.decisions,
  ];
  const placement = choosePlacement(resolved, placements, options, opts, decisions);
  for (const o of options.filter((x) => !x.ok))
    decisions.push({ topic: `Not ${o.runtime}`, choice: 'refused', because: o.reason! });
  const { image, strategy } = placement;
  const libraries = image.provides.filter((p) => !NOT_LIBRARIES.has(p));
  decisions.push({
    topic: 'Linking',
    choice: strategy.summary,
    because: `${placement.runtime} provides ${libraries.join(', ') || 'no libraries'}`,
  });
  if (placement.install.length)
    decisions.push({
      topic: 'Packages',
      choice: placement.install.join(', '),
      because: `the program needs them and ${placement.runtime} can install them`,
    });
  // The plan is JSON for the templates: the language's typed variables as a record of them.
  const build = language.build(resolved, strategy) as BuildSpec<Record<string, unknown>>;
  const { copies, rootfs, env } = finalFiles(resolved, image, build, decisions);
  const entrypoint = build.entrypoint ?? [`/app/${resolved.name}`];
  // A variable the image sets itself (ENV PORT=3000) is no setting the user must give.
  const setHere = new Set([...(build.env ?? []), ...env].map((e) => e.split('=')[0]));
  const settings = (resolved.settings ?? []).filter((s) => !setHere.has(s.name));
  const processes = companionsOf(resolved, entrypoint, settings);
  decisions.push(...processDecisions(settings, processes));
  return {
    schema: 1,
    lang: resolved.lang,
    name: resolved.name,
    detection,
    runtime: placement.runtime,
    runtimeSummary: RUNTIME_DATA[placement.runtime].summary,
    build,
    final: {
      image: image.image,
      userSetup: image.user === 'append' ? 'append' : 'none',
      user: `${NONROOT.uid}:${NONROOT.gid}`,
      copies,
      install: placement.install,
      rootfs,
      workdir: build.workdir ?? '/app',
      nonroot: NONROOT,
      entrypoint,
      env: [...(build.env ?? []), ...env],
      cmd: resolved.needs.command?.args ?? [],
      expose: resolved.port?.value ?? null,
      interactive: !!resolved.needs.interactive,
    },
    processes,
    settings,
    linkage: strategy.summary,
    options,
    decisions,
    warnings: resolved.warnings,
    notes: resolved.notes ?? [],
    dockerignore: dockerignoreLines(resolved.ignore, resolved.keep ?? [], resolved.warnings),
    syntax: !!opts.syntax,
    custom: {
      buildPackages: [],
      buildPm: /alpine/.test(build.image) ? 'apk' : 'apt',
      apk: [],
      instructions: [],
      answers: false,
      overrides: [],
    },
  };
}
