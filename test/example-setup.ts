import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LangId } from '../src/core/types.js';

/**
 * What an example needs beyond its files, from expected/e2e.json:
 * - flags: CLI flags for the end-to-end build (`--static glibc` where the local Rust image has no musl target);
 * - args: arguments for the container run;
 * - runtimes / notBuilt: heavy examples are built on one runtime, and some cannot be built here at all
 *   (no Gradle distribution, no Alpine JDK): the suite says which and why, and the report lists them;
 * - http: a server, probed with an HTTP request (the response must contain expected/output.txt);
 * - pyLocks: uv.lock / Pipfile.lock / poetry.lock made at test time the same way, with uv and pipenv from a venv of the tests;
 * - absent: paths the final image must not hold;
 * - cargoLock: Cargo.lock is made at test time (a committed one would carry the registry's address):
 *   golden tests use expected/Cargo.lock.skeleton (the same lock without sources and checksums),
 *   end-to-end runs `cargo generate-lockfile`.
 */
export interface ExampleSetup {
  flags?: string[];
  args?: string[];
  cargoLock?: boolean;
  /** The runtimes the end-to-end suite builds; the others are not built here, for `notBuilt`. */
  runtimes?: string[];
  /** Why the other runtimes (or, without `runtimes`, all of them) are not built here: printed, and in docs/sizes.md. */
  notBuilt?: string;
  /** A server: probe it over HTTP instead of reading its output (expected/output.txt is what the response contains). */
  http?: { port: number; path: string };
  /** Files the tests add to the copy (a Gradle wrapper stand-in: the real script is not kept here). */
  files?: Record<string, string>;
  /** Python lock files made at test time (uv.lock, Pipfile.lock carry the index's address); golden tests use expected/<lock>.skeleton. */
  pyLocks?: string[];
  /** Lock files that only exist as expected/<file>.skeleton (a Gemfile.lock whose gems no build here can fetch): copied in for every test. */
  skeletons?: string[];
  /** Paths the final image must not hold (a compiler, caches): checked with the image's shell. */
  absent?: string[];
  /** A terminal program: run with a terminal device (docker run -t) and these args, its screen must match. */
  tty?: { args: string[]; match: string };
  /** The processes the tool names beside the server (a queue's worker), by role, with text each prints once started. */
  companions?: Record<string, string>;
  /** Bytes the program may add to its final base image, by runtime (the base measured by the engine). */
  maxAdded?: Record<string, number>;
}

/** The tools that make Python locks, in a virtual environment of the tests' own (made once per machine). */
const PY_TOOLS = join(tmpdir(), 'csd-py-tools');
const PY_TOOL_SPECS = ['uv==0.13.9', 'pipenv==2026.10.3', 'poetry==2.5.1'];
function pyTool(name: string): string {
  const bin = join(PY_TOOLS, 'bin', name);
  if (!existsSync(bin)) {
    execFileSync('python3', ['-m', 'venv', PY_TOOLS], { stdio: 'pipe' });
    execFileSync(join(PY_TOOLS, 'bin', 'pip'), ['install', '--quiet', ...PY_TOOL_SPECS], { stdio: 'pipe' });
  }
  return bin;
}
const LOCK_COMMANDS: Record<string, [string, string[]]> = {
  'uv.lock': ['uv', ['lock', '--quiet']],
  'Pipfile.lock': ['pipenv', ['lock']],
  'poetry.lock': ['poetry', ['lock', '--no-interaction']],
};

/**
 * Poetry locks through PyPI's per-release JSON API. Where the index reachable does not serve it
 * (this machine's), the copy's pyproject.toml gets the index's simple API as its primary source and
 * the lock is made again: said loudly, since the build then exports an --index-url line too.
 */
/** The index pip uses by default, asked of pip itself (no registry address is written in this repository). */
function pipIndex(): string {
  return execFileSync(pyTool('python'), ['-c', 'from pip._internal.models.index import PyPI; print(PyPI.simple_url)'], {
    encoding: 'utf8',
  }).trim();
}

function poetryLockFallback(dir: string, err: unknown): void {
  const index = process.env.PIP_INDEX_URL || pipIndex();
  process.stderr.write(
    `\n*** poetry lock failed (${String((err as { stderr?: Buffer }).stderr ?? err)
      .trim()
      .split('\n')
      .pop()}): locking again with ${index} as the primary source of the test copy's pyproject.toml ***\n\n`,
  );
  writeFileSync(
    join(dir, 'pyproject.toml'),
    `${readFileSync(join(dir, 'pyproject.toml'), 'utf8')}\n[[tool.poetry.source]]\nname = "index"\nurl = "${index}"\npriority = "primary"\n`,
  );
  execFileSync(pyTool('poetry'), LOCK_COMMANDS['poetry.lock']![1], { cwd: dir, stdio: 'pipe' });
}

/** The language of an example, from its name (go-net, rust-tls, java-spring-boot, py-script, c-make, cpp-cmake). */
export function langOf(name: string): LangId {
  const prefix = name.split('-')[0]!;
  return (prefix === 'py' ? 'python' : prefix) as LangId;
}

export function setupOf(exampleDir: string): ExampleSetup {
  const f = join(exampleDir, 'expected', 'e2e.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as ExampleSetup) : {};
}

/** A copy of the example without expected/, with its Cargo.lock made as `setupOf` says. */
export function exampleCopy(exampleDir: string, name: string, lock: 'skeleton' | 'real'): string {
  // A folder named like the example: a project without a name of its own is named after its folder.
  const dir = join(mkdtempSync(join(tmpdir(), `csd-ex-${name}-`)), name);
  cpSync(exampleDir, dir, { recursive: true, filter: (src) => !src.startsWith(join(exampleDir, 'expected')) });
  for (const [rel, content] of Object.entries(setupOf(exampleDir).files ?? {})) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content, { mode: 0o755 });
  }
  if (setupOf(exampleDir).cargoLock) {
    if (lock === 'skeleton') copyFileSync(join(exampleDir, 'expected', 'Cargo.lock.skeleton'), join(dir, 'Cargo.lock'));
    else execFileSync('cargo', ['generate-lockfile', '--quiet'], { cwd: dir, stdio: 'pipe' });
  }
  for (const file of setupOf(exampleDir).skeletons ?? [])
    copyFileSync(join(exampleDir, 'expected', `${file}.skeleton`), join(dir, file));
  for (const file of setupOf(exampleDir).pyLocks ?? []) {
    if (lock === 'skeleton') {
      copyFileSync(join(exampleDir, 'expected', `${file}.skeleton`), join(dir, file));
      continue;
    }
    const [tool, args] = LOCK_COMMANDS[file]!;
    try {
      execFileSync(pyTool(tool), args, {
        cwd: dir,
        stdio: 'pipe',
        env: { ...process.env, PIPENV_VENV_IN_PROJECT: '0', PIPENV_VERBOSITY: '-1' },
      });
    } catch (err) {
      if (file !== 'poetry.lock') throw err;
      poetryLockFallback(dir, err);
    }
  }
  return dir;
}
