import { afterAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { buildImage, runImage, serveImage } from '../../src/docker.js';
import { generate } from '../../src/index.js';
import { verifyImage } from '../../src/verify.js';
import type { RuntimeId } from '../../src/core/types.js';
import { RUNTIME_DATA, runtimesFor } from '../../src/runtimes/index.js';
import { engineStatus, loud, SKIP_ENV } from './engine.js';
import { exampleCopy, langOf, setupOf } from '../example-setup.js';
import { writeReport, type Row } from './report.js';

/**
 * Every example on every runtime: generate with the CLI into a temporary copy, build with the
 * engine, run, compare the output with expected/output.txt, record size and build time.
 * Refused combinations: the CLI exits 2 and writes nothing.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const BIN = join(ROOT, 'bin', 'create-slim-dockerfile.js');
const cases = readdirSync(EXAMPLES).sort();
const engine = await engineStatus();
const rows: Row[] = [];

if (!engine.ok) {
  if (process.env[SKIP_ENV] !== '1') {
    throw new Error(
      loud(
        `No Docker engine: ${engine.why}. The end-to-end suite cannot run. Start Docker (or ../shared/imagekit/build.sh), or set ${SKIP_ENV}=1 to skip it knowingly.`,
      ),
    );
  }
  // The banner comes from globalSetup/globalTeardown: jest drops console output of skipped files.
}

const all = cases.flatMap((name) => runtimesFor(langOf(name)).map((runtime) => [name, runtime] as [string, RuntimeId]));
/** Combinations an example's e2e.json says are not built here, with the reason. */
const notBuilt = all
  .filter(([name, runtime]) => {
    const setup = setupOf(join(EXAMPLES, name));
    return (
      !!setup.notBuilt &&
      !existsSync(join(EXAMPLES, name, 'expected', runtime, 'refused.txt')) &&
      !(setup.runtimes ?? []).includes(runtime)
    );
  })
  .map(([name, runtime]) => ({ name, runtime, why: setupOf(join(EXAMPLES, name)).notBuilt! }));
const matrix = all.filter(([name, runtime]) => !notBuilt.some((n) => n.name === name && n.runtime === runtime));
if (engine.ok && notBuilt.length) {
  console.warn(
    loud(
      `NOT BUILT by this suite (${notBuilt.length} combinations; golden tests still check their Dockerfiles):\n${notBuilt.map((n) => `!!   ${n.name} on ${n.runtime}: ${n.why}`).join('\n')}`,
    ),
  );
}

function copyOf(name: string): string {
  return exampleCopy(join(EXAMPLES, name), name, 'real');
}

(engine.ok ? describe : describe.skip)(`examples × runtimes (engine ${engine.ok ? engine.version : 'missing'})`, () => {
  test.concurrent.each(matrix)('%s on %s', async (name, runtime) => {
    const expected = join(EXAMPLES, name, 'expected');
    const dir = copyOf(name);
    const refused = existsSync(join(expected, runtime, 'refused.txt'));
    const setup = setupOf(join(EXAMPLES, name));
    const cli = await execa('node', [BIN, dir, '--runtime', runtime, '--yes', ...(setup.flags ?? [])], {
      reject: false,
    });
    if (refused) {
      expect(cli.exitCode).toBe(2);
      expect(cli.stderr).toContain(`${runtime} cannot run this program`);
      expect(existsSync(join(dir, 'Dockerfile'))).toBe(false);
      rows.push({
        example: name,
        runtime,
        refused: true,
        reason:
          (await generate(join(EXAMPLES, name)).then(
            (g) => g.plan.options.find((o) => o.runtime === runtime)!.reason,
          )) ?? '',
      });
      return;
    }
    expect(cli.exitCode).toBe(0);
    const tag = `csd-e2e-${name}:${runtime}`;
    const built = await buildImage(dir, { tag });
    const want = readFileSync(join(expected, 'output.txt'), 'utf8').trimEnd().split('\n');
    const { plan } = await generate(dir, {
      runtime,
      ...(setup.flags?.includes('glibc') ? { static: 'glibc' as const } : {}),
    });
    // The settings the header says it cannot start without: given placeholders, as a user gives values.
    const env = plan.settings.map((s) => `${s.name}=e2e-placeholder`);
    // A server answers an HTTP request on its port; a program prints its output and exits.
    const ran = setup.http
      ? await serveImage(tag, { port: setup.http.port, path: setup.http.path, seconds: 90, env })
      : await runImage(tag, { seconds: 30, maxLines: 50, args: setup.args ?? [], env });
    const runs = setup.http
      ? ran.exitCode === 0 && want.every((line) => ran.lines.join('\n').includes(line))
      : ran.exitCode === 0 && want.every((line, i) => ran.lines[i] === line);
    rows.push({
      example: name,
      runtime,
      refused: false,
      image: plan.final.image,
      installs: plan.final.install,
      sizeBytes: built.sizeBytes,
      layers: built.layers,
      buildSeconds: built.seconds,
      runs,
    });
    if (setup.http)
      expect({ exitCode: ran.exitCode, body: ran.lines.join('\n') }).toEqual({
        exitCode: 0,
        body: expect.stringContaining(want.join('\n')),
      });
    else
      expect({ exitCode: ran.exitCode, lines: ran.lines.slice(0, want.length) }).toEqual({ exitCode: 0, lines: want });
    // --verify's own look at the image: started, non-root, listening on the EXPOSEd port from outside.
    // A server is looked at as it starts with no arguments, as a user runs it (the test's args make a run end).
    const verifyArgs = plan.final.expose === null ? (setup.args ?? []) : [];
    const verified = await verifyImage(tag, { expose: plan.final.expose, args: verifyArgs, seconds: 60, env });
    expect({ problems: verified.problems, uid: verified.uid }).toEqual({ problems: [], uid: 65532 });
    if (plan.final.expose !== null) expect(verified.exposeListened).toBe(true);
    // Where the plan gave the program a home or a working directory of its own, --verify finds it writable.
    if (plan.decisions.some((d) => d.topic === 'Home'))
      expect(verified.folders.find((f) => f.role === 'home')).toMatchObject({ writable: true });
    if (plan.final.rootfs.workdir)
      expect(verified.folders.find((f) => f.role === 'workdir')).toMatchObject({ path: '/app', writable: true });
    // A terminal program draws its screen on a real terminal device inside the container.
    if (setup.tty) {
      const screen = await runImage(tag, { seconds: 30, maxLines: 50, args: setup.tty.args, env, tty: true });
      expect({ exitCode: screen.exitCode, screen: screen.lines.join('\n') }).toEqual({
        exitCode: 0,
        screen: expect.stringMatching(new RegExp(setup.tty.match)),
      });
    }
    // The processes the header names beside the server start from the same image, as it says.
    expect(plan.processes.filter((p) => !p.once).map((p) => p.role)).toEqual(Object.keys(setup.companions ?? {}));
    for (const p of plan.processes.filter((x) => !x.once)) {
      const [entrypoint, ...args] = p.command;
      const side = await runImage(tag, { seconds: 30, maxLines: 200, entrypoint: entrypoint!, args, env });
      expect({ role: p.role, output: side.lines.join('\n') }).toEqual({
        role: p.role,
        output: expect.stringContaining(setup.companions![p.role]!),
      });
    }
    if (setup.absent?.length) {
      // What the final image must not carry (a compiler, an installer's cache), asked of its shell.
      // An image without a shell (distroless) is asked through a container made, not run: docker cp fails on a missing path.
      if (RUNTIME_DATA[runtime].shell) {
        const found = await execa(
          process.env.DOCKER || 'docker',
          [
            'run',
            '--rm',
            '--entrypoint',
            '/bin/sh',
            tag,
            '-c',
            `for p in ${setup.absent.join(' ')}; do [ -e "$p" ] && echo "$p"; done; true`,
          ],
          { reject: false },
        );
        expect({ present: found.stdout.split('\n').filter(Boolean), exitCode: found.exitCode }).toEqual({
          present: [],
          exitCode: 0,
        });
      } else {
        const made = await execa(process.env.DOCKER || 'docker', ['create', tag]);
        const present: string[] = [];
        for (const p of setup.absent)
          if (
            (
              await execa(process.env.DOCKER || 'docker', ['cp', `${made.stdout.trim()}:${p}`, '-'], {
                reject: false,
                stdout: 'ignore',
              })
            ).exitCode === 0
          )
            present.push(p);
        await execa(process.env.DOCKER || 'docker', ['rm', made.stdout.trim()], { reject: false });
        expect(present).toEqual([]);
      }
    }
    if (setup.maxAdded?.[runtime] !== undefined) {
      // What the app adds on top of its base image, whatever that base weighs on this machine.
      const base = await execa(process.env.DOCKER || 'docker', [
        'image',
        'inspect',
        '--format',
        '{{.Size}}',
        plan.final.image,
      ]);
      expect(built.sizeBytes - Number(base.stdout.trim())).toBeLessThanOrEqual(setup.maxAdded[runtime]);
    }
    const limits = existsSync(join(expected, 'limits.json'))
      ? (JSON.parse(readFileSync(join(expected, 'limits.json'), 'utf8')) as Record<string, { maxBytes: number }>)
      : {};
    if (limits[runtime]) expect(built.sizeBytes).toBeLessThanOrEqual(limits[runtime].maxBytes);
  });
});

afterAll(async () => {
  if (!engine.ok) return;
  // The report is only rewritten by a run of the whole matrix (not one filtered with -t).
  if (rows.length !== matrix.length) {
    console.error(`sizes report not written: ${rows.length} of ${matrix.length} combinations ran`);
    return;
  }
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  const images = [...new Set(rows.filter((r) => r.image && r.image !== 'scratch').map((r) => r.image!))];
  const baseSizes: Record<string, number> = { scratch: 0 };
  for (const image of images) {
    const r = await execa(process.env.DOCKER || 'docker', ['image', 'inspect', '--format', '{{.Size}}', image], {
      reject: false,
    });
    if (r.exitCode === 0) baseSizes[image] = Number(r.stdout.trim());
  }
  writeReport(join(ROOT, 'docs'), rows, engine.version, baseSizes, notBuilt);
});
