import { describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { buildImage, runImage } from '../../src/docker.js';
import { exampleCopy } from '../example-setup.js';
import { engineStatus, loud, SKIP_ENV } from './engine.js';

/** --build, --run and --compare through the CLI, and the diagnosis of images that do not run. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'create-slim-dockerfile.js');
const engine = await engineStatus();
if (!engine.ok && process.env[SKIP_ENV] !== '1')
  throw new Error(loud(`No Docker engine: ${engine.why}. Set ${SKIP_ENV}=1 to skip knowingly.`));

function copyOf(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `csd-e2e-cli-${name}-`));
  cpSync(join(ROOT, 'examples', name), dir, { recursive: true, filter: (src) => !src.includes('/expected') });
  return dir;
}
const cli = (args: string[]) => execa('node', [BIN, ...args], { reject: false });

(engine.ok ? describe : describe.skip)('CLI against the engine', () => {
  test('rust-deps: after a one-line source change the dependency build is CACHED and only the crate compiles', async () => {
    const dir = exampleCopy(join(ROOT, 'examples', 'rust-deps'), 'rust-deps', 'real');
    // --static glibc: the local rust image has no musl target (the default on a machine with rustup).
    expect((await cli([dir, '--yes', '--static', 'glibc'])).exitCode).toBe(0);
    const tag = 'csd-e2e-rust-deps-cache';
    await buildImage(dir, { tag });
    writeFileSync(
      join(dir, 'src', 'main.rs'),
      `${readFileSync(join(dir, 'src', 'main.rs'), 'utf8')}// changed ${Date.now()}\n`,
    );
    const second = await buildImage(dir, { tag });
    const depsStep = second.cachedSteps.find((s) => /cargo build/.test(s) && !/touch/.test(s));
    expect(depsStep).toBeDefined();
    expect(second.cachedSteps.some((s) => /touch/.test(s))).toBe(false);
    const ran = await runImage(tag, { seconds: 20 });
    expect(ran.lines[0]).toBe('itoa from the registry formats 1234567');
  }, 300_000);

  test('py-requirements-flask: after a source change the pip install step is CACHED; java-maven-hello: the Maven dependency step; node-express-npm: npm ci', async () => {
    for (const [name, source, pattern] of [
      ['py-requirements-flask', 'app.py', /pip install -r requirements.txt/],
      ['java-maven-hello', 'src/main/java/com/example/hello/App.java', /dependency:go-offline/],
      ['node-express-npm', 'server.js', /npm ci --omit=dev/],
    ] as const) {
      const dir = exampleCopy(join(ROOT, 'examples', name), name, 'real');
      expect((await cli([dir, '--yes', '--runtime', 'slim'])).exitCode).toBe(0);
      const tag = `csd-e2e-${name}-cache`;
      await buildImage(dir, { tag });
      writeFileSync(
        join(dir, source),
        `${readFileSync(join(dir, source), 'utf8')}\n// changed ${Date.now()}\n`.replace(
          '// changed',
          name.startsWith('py') ? '# changed' : '// changed',
        ),
      );
      const second = await buildImage(dir, { tag });
      expect(second.cachedSteps.some((s) => pattern.test(s))).toBe(true);
    }
  }, 600_000);

  test("--compose: the compose file of a server example passes the compose client's own check, where there is one", async () => {
    const clients = [[process.env.DOCKER || 'docker', 'compose'], ['docker-compose']];
    let client: string[] | undefined;
    for (const c of clients)
      if ((await execa(c[0]!, [...c.slice(1), 'version'], { reject: false })).exitCode === 0) {
        client = c;
        break;
      }
    if (!client) {
      console.warn(
        loud(
          'SKIPPED: no compose client here (neither docker compose nor docker-compose): compose.yaml was checked against the Compose schema only (test/compose.test.ts)',
        ),
      );
      return;
    }
    const dir = copyOf('py-requirements-flask');
    expect((await cli([dir, '--yes', '--compose'])).exitCode).toBe(0);
    const r = await execa(client[0]!, [...client.slice(1), '-f', join(dir, 'compose.yaml'), 'config', '--quiet'], {
      reject: false,
    });
    expect({ code: r.exitCode, err: r.stderr }).toEqual({ code: 0, err: '' });
  });

  test('--compare on a Go program that uses the network: five real sizes, nothing written', async () => {
    const dir = copyOf('go-net');
    const before = readdirSync(dir).sort();
    const r = await cli([dir, '--compare', '--json']);
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout) as {
      default: string;
      rows: { runtime: string; builds: boolean; runs: boolean; sizeBytes: number; ratio: number; linkage: string }[];
    };
    expect(report.rows.map((x) => x.runtime)).toEqual(['scratch', 'alpine', 'busybox-glibc', 'slim', 'distroless']);
    for (const row of report.rows)
      expect(row).toMatchObject({ builds: true, runs: true, sizeBytes: expect.any(Number) });
    expect(report.rows.find((x) => x.runtime === 'scratch')!.ratio).toBe(1);
    // Each row says how the program is carried: the static binary's row names it.
    expect(report.rows.find((x) => x.runtime === 'scratch')!.linkage).toMatch(/static/);
    expect(report.default).toBe('scratch');
    expect(readdirSync(dir).sort()).toEqual(before);
    const text = await cli([dir, '--compare']);
    expect(text.stdout).toMatch(/● scratch\s+\d/);
  });

  test('--compare lists the runtimes a cgo program cannot use, with the reason', async () => {
    const r = await cli([copyOf('go-cgo'), '--compare', '--json']);
    const rows = (JSON.parse(r.stdout) as { rows: unknown }).rows as {
      runtime: string;
      possible: boolean;
      runs?: boolean;
      note: string;
    }[];
    expect(rows.filter((x) => !x.possible).map((x) => x.runtime)).toEqual(['scratch', 'alpine']);
    expect(rows.find((x) => x.runtime === 'scratch')!.note).toContain('needs glibc');
    expect(rows.filter((x) => x.possible).every((x) => x.runs)).toBe(true);
  });

  test('--run builds, prints the size and layer count, and shows the first output', async () => {
    const dir = copyOf('c-single-file');
    const r = await cli([dir, '--run', '--tag', 'csd-e2e-cli-run']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/built csd-e2e-cli-run: [\d.]+ kB, \d+ layers?/);
    expect(r.stdout).toContain('| hello from a single C file');
  });

  test('a Docker daemon that does not answer is a typed error that says how to start it', async () => {
    const r = await execa('node', [BIN, copyOf('go-hello'), '--build'], {
      reject: false,
      env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('The Docker daemon is not reachable');
    expect(r.stderr).toContain('fix: Start Docker');
  });

  test('--run of a program that fails exits 2 and shows its output', async () => {
    const dir = copyOf('c-single-file');
    writeFileSync(join(dir, 'hello.c'), '#include <stdio.h>\nint main(void) { puts("config missing"); return 3; }\n');
    const r = await cli([dir, '--run', '--tag', 'csd-e2e-cli-fails']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain('run: exit 3');
    expect(r.stdout).toContain('| config missing');
    expect(r.stderr).toContain('The container exited with code 3');
  });

  test('--run of a server stops it after a while and says so', async () => {
    const dir = copyOf('c-single-file');
    writeFileSync(
      join(dir, 'hello.c'),
      '#include <stdio.h>\n#include <unistd.h>\nint main(void) { puts("serving"); fflush(stdout); for (;;) pause(); }\n',
    );
    const r = await cli([dir, '--run', '--tag', 'csd-e2e-cli-server']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/run: still running after \d+ s/);
    expect(r.stdout).toContain('| serving');
  }, 60_000);

  test('a failing build names the step and shows the compiler error', async () => {
    const dir = copyOf('c-single-file');
    writeFileSync(join(dir, 'hello.c'), 'int main(void) { return missing_symbol; }\n');
    const r = await cli([dir, '--build', '--tag', 'csd-e2e-cli-broken']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/docker build failed at \[build \d+\/\d+\] RUN/);
    expect(r.stderr).toContain('missing_symbol');
    expect(r.stderr.split('\n').some((l) => /^\s+at /.test(l))).toBe(false);
  });

  test('a glibc binary on alpine and a dynamic C++ binary on busybox:glibc are diagnosed', async () => {
    const dir = copyOf('cpp-cmake');
    // What people write by hand: the default (dynamic) build copied onto small images.
    const base = 'FROM gcc:12-bookworm AS build\nWORKDIR /src\nCOPY main.cpp .\nRUN g++ -O2 -o /out-app main.cpp\n';
    writeFileSync(
      join(dir, 'Dockerfile.alpine'),
      `${base}FROM alpine:3.20\nCOPY --from=build /out-app /app\nENTRYPOINT ["/app"]\n`,
    );
    writeFileSync(
      join(dir, 'Dockerfile.busybox'),
      `${base}FROM busybox:glibc\nCOPY --from=build /out-app /app\nENTRYPOINT ["/app"]\n`,
    );
    await buildImage(dir, { tag: 'csd-e2e-diag:alpine', dockerfile: join(dir, 'Dockerfile.alpine') });
    await buildImage(dir, { tag: 'csd-e2e-diag:busybox', dockerfile: join(dir, 'Dockerfile.busybox') });
    const alpine = await runImage('csd-e2e-diag:alpine');
    expect(alpine.exitCode).not.toBe(0);
    expect(alpine.hint).toContain('loader or C library is missing');
    const busybox = await runImage('csd-e2e-diag:busybox');
    expect(busybox.exitCode).not.toBe(0);
    expect(busybox.hint).toMatch(/lib(stdc\+\+\.so\.6|gcc_s\.so\.1) is missing/);
  });
});
