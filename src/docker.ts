import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { UserError } from './core/errors.js';
import { generate, type GenerateOptions } from './index.js';
import type { RuntimeId } from './core/types.js';
import { diagnose } from './diagnose.js';

export { diagnose } from './diagnose.js';
export { formatVerification, parseProcNetTcp, verifyImage, type Listener, type Verification } from './verify.js';

/**
 * Building and running with the Docker CLI. The binary is `docker` on PATH, or $DOCKER
 * (e.g. /usr/bin/docker when a newer client without buildx shadows the engine's own).
 */
const DOCKER = () => process.env.DOCKER || 'docker';
const ENV = { DOCKER_BUILDKIT: '1' };

export type Log = (line: string) => void;

export interface BuildResult {
  tag: string;
  sizeBytes: number;
  layers: number;
  seconds: number;
  steps: number;
  cached: number;
  /** Step titles (e.g. "[build 3/5] RUN go mod download") that were cache hits. */
  cachedSteps: string[];
}

export interface RunResult {
  /** null: still running when the time ran out (a server), then stopped. */
  exitCode: number | null;
  lines: string[];
  hint?: string;
}

/** Docker binaries and hosts that answered already: the check runs once per process, not per build. */
const answered = new Set<string>();

/** Fails with a typed error when the Docker CLI is missing or its daemon does not answer. */
export async function checkDocker(): Promise<void> {
  const key = `${DOCKER()} ${process.env.DOCKER_HOST ?? ''}`;
  if (answered.has(key)) return;
  const r = await execa(DOCKER(), ['version', '--format', '{{.Server.Version}}'], { reject: false, env: ENV });
  if ((r as { code?: string }).code === 'ENOENT' || (r.failed && /ENOENT/.test(String(r.message)))) {
    throw new UserError(
      'E_DOCKER_MISSING',
      `The Docker CLI (${DOCKER()}) is not installed or not on PATH.`,
      'Install Docker Engine or Docker Desktop, or point $DOCKER at the docker binary.',
    );
  }
  if (r.exitCode !== 0) {
    throw new UserError(
      'E_DOCKER_DAEMON',
      `The Docker daemon is not reachable: ${lastLine(r.stderr)}`,
      'Start Docker (systemctl start docker, or open Docker Desktop), or set DOCKER_HOST.',
    );
  }
  answered.add(key);
}

function lastLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).pop() ?? '';
}

const STEP = /^#(\d+) \[([^\]]+)\] (.*)$/;

/**
 * `docker build` with BuildKit and plain progress, shown one line per step. On failure the
 * error names the failing step and ends with its last lines of output.
 */
export async function buildImage(
  context: string,
  opts: { tag: string; dockerfile?: string; log?: Log; verbose?: boolean },
): Promise<BuildResult> {
  await checkDocker();
  const log = opts.log ?? (() => {});
  const args = [
    'build',
    '--progress=plain',
    '-t',
    opts.tag,
    ...(opts.dockerfile ? ['-f', opts.dockerfile] : []),
    context,
  ];
  const started = Date.now();
  const titles = new Map<string, string>();
  const output = new Map<string, string[]>();
  const cachedSteps: string[] = [];
  let failed: string | undefined;
  const child = execa(DOCKER(), args, { reject: false, env: ENV, all: true, buffer: { all: true } }) as ResultPromise;
  for await (const line of child.iterable({ from: 'all' })) {
    const text = String(line);
    if (opts.verbose) log(`  ${text}`);
    const step = STEP.exec(text);
    if (step) {
      const [, id, where, what] = step;
      if (!titles.has(id!)) {
        titles.set(id!, `[${where}] ${what}`);
        if (!opts.verbose && where !== 'internal') log(`  [${where}] ${what!.replace(/\s+/g, ' ').slice(0, 90)}`);
      }
      continue;
    }
    const m = /^#(\d+) (.*)$/.exec(text);
    if (!m) continue;
    const [, id, rest] = m;
    if (rest === 'CACHED' && titles.has(id!)) cachedSteps.push(titles.get(id!)!);
    else if (rest!.startsWith('ERROR')) failed ??= id;
    else output.set(id!, [...(output.get(id!) ?? []), rest!.replace(/^\d+\.\d+ /, '')].slice(-15));
  }
  const result = await child;
  const seconds = (Date.now() - started) / 1000;
  if (result.exitCode !== 0) {
    const all = String(result.all ?? '');
    if (/buildx component is missing|requires the buildx|BuildKit is enabled but/i.test(all)) {
      throw new UserError(
        'E_BUILDKIT',
        'BuildKit is not available to this Docker CLI (the buildx component is missing).',
        'Install the docker-buildx plugin, or use a Docker Engine whose own client has BuildKit (set $DOCKER to it).',
      );
    }
    const step = failed ? titles.get(failed) : undefined;
    const tail = (failed ? output.get(failed) : undefined) ?? all.trim().split('\n').slice(-15);
    throw new UserError(
      'E_BUILD_FAILED',
      `docker build failed${step ? ` at ${step}` : ''}:\n${tail.map((l) => `    ${l}`).join('\n')}`,
      'Fix the step above (--verbose shows the whole build), or choose another --runtime.',
    );
  }
  const inspect = await execa(DOCKER(), ['image', 'inspect', '--format', '{{.Size}} {{len .RootFS.Layers}}', opts.tag]);
  const [size, layers] = inspect.stdout.trim().split(' ').map(Number);
  return {
    tag: opts.tag,
    sizeBytes: size!,
    layers: layers!,
    seconds,
    steps: titles.size,
    cached: cachedSteps.length,
    cachedSteps,
  };
}

/** `docker run` flags that set environment variables (NAME=value each). */
export function envFlags(env: readonly string[] = []): string[] {
  return env.flatMap((e) => ['-e', e]);
}

/** Runs the image once; a program still running after `seconds` (a server) is stopped. */
export async function runImage(
  tag: string,
  opts: {
    seconds?: number;
    maxLines?: number;
    args?: string[];
    env?: string[];
    entrypoint?: string;
    tty?: boolean;
  } = {},
): Promise<RunResult> {
  const name = `csd-run-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  // -t: a terminal device for the program (a curses program draws on it; its output is the screen's bytes).
  const entry = [...(opts.tty ? ['-t'] : []), ...(opts.entrypoint ? ['--entrypoint', opts.entrypoint] : [])];
  const child = execa(
    DOCKER(),
    ['run', '--rm', '--name', name, ...envFlags(opts.env), ...entry, tag, ...(opts.args ?? [])],
    {
      reject: false,
      all: true,
      env: ENV,
    },
  );
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      void execa(DOCKER(), ['rm', '-f', name], { reject: false });
    },
    (opts.seconds ?? 10) * 1000,
  );
  const r = await child;
  clearTimeout(timer);
  const all = String(r.all ?? '');
  const lines = all
    .split('\n')
    .filter((l) => l.length)
    .slice(0, opts.maxLines ?? 20);
  const exitCode = timedOut ? null : (r.exitCode ?? 1);
  const hint = exitCode !== 0 && exitCode !== null ? diagnose(all) : undefined;
  return hint ? { exitCode, lines, hint } : { exitCode, lines };
}

/**
 * Starts a server image and asks it for `path` over HTTP on its container address until it
 * answers (or stops, or `seconds` pass); then removes it. The lines are the response body, or the
 * container's output when it never answered.
 */
export async function serveImage(
  tag: string,
  opts: { port: number; path: string; seconds?: number; env?: string[] },
): Promise<RunResult> {
  const name = `csd-serve-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const started = await execa(DOCKER(), ['run', '-d', '--name', name, ...envFlags(opts.env), tag], {
    reject: false,
    env: ENV,
  });
  if (started.exitCode !== 0)
    return { exitCode: started.exitCode ?? 1, lines: String(started.stderr).split('\n').filter(Boolean) };
  try {
    const until = Date.now() + (opts.seconds ?? 60) * 1000;
    while (Date.now() < until) {
      const st = await execa(
        DOCKER(),
        ['inspect', '-f', '{{.State.Running}} {{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', name],
        { reject: false },
      );
      const [running, ip] = String(st.stdout).trim().split(' ');
      if (running !== 'true') break;
      if (ip) {
        try {
          const res = await fetch(`http://${ip}:${opts.port}${opts.path}`, { signal: AbortSignal.timeout(5000) });
          const body = await res.text();
          return { exitCode: res.ok ? 0 : 1, lines: [`HTTP ${res.status}`, ...body.split('\n')] };
        } catch {
          /* not listening yet */
        }
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    const logs = await execa(DOCKER(), ['logs', '--tail', '30', name], { reject: false, all: true });
    return {
      exitCode: 1,
      lines: [
        `no HTTP answer on port ${opts.port}`,
        ...String(logs.all ?? '')
          .split('\n')
          .filter(Boolean),
      ],
    };
  } finally {
    await execa(DOCKER(), ['rm', '-f', name], { reject: false });
  }
}

/** A valid image name from a program name: lowercase, only [a-z0-9._-]. */
export function imageTag(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '') || 'app'
  );
}

export function human(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 && i > 0 ? v.toFixed(2) : v < 100 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function formatBuild(b: BuildResult): string {
  return `built ${b.tag}: ${human(b.sizeBytes)}, ${b.layers} layer${b.layers === 1 ? '' : 's'}, ${b.seconds.toFixed(1)} s (${b.cached}/${b.steps} steps cached)`;
}

export interface CompareRow {
  runtime: RuntimeId;
  image?: string;
  /** How the program is linked and carried on this image (static, its libraries copied, the image's own). */
  linkage?: string;
  possible: boolean;
  builds?: boolean;
  runs?: boolean;
  sizeBytes?: number;
  ratio?: number;
  seconds?: number;
  note: string;
}

export interface CompareReport {
  name: string;
  lang: string;
  /** The runtime the generator picks by default. */
  default: RuntimeId;
  rows: CompareRow[];
}

/**
 * Renders every runtime the program can use into a temporary folder, builds each against the
 * project (the build stage is shared, so only the first build compiles), runs each once, and
 * reports sizes. Nothing is written to the project; the images are removed afterwards.
 */
export async function compare(
  dir: string,
  opts: GenerateOptions,
  io: { log?: Log; verbose?: boolean } = {},
): Promise<CompareReport> {
  await checkDocker();
  const log = io.log ?? (() => {});
  const base = await generate(dir, opts);
  const tmp = await mkdtemp(join(tmpdir(), 'csd-compare-'));
  const rows: CompareRow[] = [];
  const tags: string[] = [];
  try {
    for (const o of base.plan.options) {
      if (!o.ok) {
        rows.push({ runtime: o.runtime, possible: false, note: `${o.reason}` });
        continue;
      }
      const g = await generate(dir, { ...opts, runtime: o.runtime });
      const linkage = g.plan.linkage;
      const dockerfile = join(tmp, `Dockerfile.${o.runtime}`);
      await writeFile(dockerfile, g.files[0]!.content);
      // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile, before the project's own.
      await writeFile(`${dockerfile}.dockerignore`, g.files[1]!.content);
      const tag = `csd-compare-${imageTag(g.plan.name)}:${o.runtime}`;
      log(`${o.runtime}: building`);
      try {
        const b = await buildImage(g.dir, { tag, dockerfile, log: io.verbose ? log : () => {}, verbose: !!io.verbose });
        tags.push(tag);
        const r = await runImage(tag, { seconds: 5, maxLines: 3 });
        const runs = r.exitCode === 0 || r.exitCode === null;
        rows.push({
          runtime: o.runtime,
          image: g.plan.final.image,
          linkage,
          possible: true,
          builds: true,
          runs,
          sizeBytes: b.sizeBytes,
          seconds: b.seconds,
          note: runs
            ? r.exitCode === null
              ? 'still running after 5 s (a server): stopped'
              : (r.lines[0] ?? '')
            : `exit ${r.exitCode}: ${r.hint ?? r.lines.slice(-1)[0] ?? ''}`,
        });
      } catch (e) {
        if (!(e instanceof UserError) || e.code !== 'E_BUILD_FAILED') throw e;
        rows.push({
          runtime: o.runtime,
          image: g.plan.final.image,
          linkage,
          possible: true,
          builds: false,
          runs: false,
          note: e.message.split('\n')[0]!,
        });
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
    if (tags.length) await execa(DOCKER(), ['image', 'rm', ...tags], { reject: false });
  }
  const smallest = Math.min(...rows.filter((r) => r.runs && r.sizeBytes).map((r) => r.sizeBytes!));
  for (const r of rows) if (r.sizeBytes && Number.isFinite(smallest)) r.ratio = r.sizeBytes / smallest;
  return { name: base.plan.name, lang: base.plan.lang, default: base.plan.runtime, rows };
}

export function formatCompare(report: CompareReport): string {
  const head = ['runtime', 'size', '× smallest', 'build s', 'builds', 'runs', 'linking', 'notes'];
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const body = report.rows.map((r) => [
    `${r.runtime === report.default ? '● ' : '  '}${r.runtime}`,
    r.sizeBytes ? human(r.sizeBytes) : '-',
    r.ratio ? `${r.ratio.toFixed(1)}×` : '-',
    r.seconds !== undefined ? r.seconds.toFixed(1) : '-',
    r.possible ? (r.builds ? 'yes' : 'no') : 'refused',
    r.possible ? (r.runs ? 'yes' : 'no') : '-',
    r.linkage ? cut(r.linkage, 48) : '-',
    cut(r.note, 70),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const fmt = (row: string[]) =>
    row
      .map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    `${report.name} (${report.lang}): every final stage, built and run (● = the default)`,
    fmt(head),
    fmt(widths.map((w) => '-'.repeat(w))),
    ...body.map(fmt),
  ].join('\n');
}
