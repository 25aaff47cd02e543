import { beforeAll, describe, expect, test } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANSWERS_FILE, mergeAnswers, validateAnswers } from '../src/answers.js';
import { exampleCopy } from './example-setup.js';
import { runCli } from './helpers.js';

/** Saved answers, --check and the customizations that survive regeneration, through the built CLI. */
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
/** The CLI, in-process (test/helpers.ts runCli). */
const cli = runCli;
const copy = (name: string) => exampleCopy(join(EXAMPLES, name), name, 'skeleton');
const read = (dir: string, f = 'Dockerfile') => readFileSync(join(dir, f), 'utf8');

beforeAll(() => {
  if (!existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url))))
    throw new Error('dist/ is missing: run npm run build first (npm test does)');
});

describe('saved answers', () => {
  test('flags are saved; a plain re-run reproduces the file byte for byte; a flag updates the answer', async () => {
    const dir = copy('go-hello');
    expect((await cli([dir, '--yes', '--runtime', 'slim', '--port', '9000'])).exitCode).toBe(0);
    const first = read(dir);
    expect(JSON.parse(read(dir, ANSWERS_FILE))).toMatchObject({ runtime: 'slim', port: 9000 });
    expect(first).toContain('Made from the answers saved in .slim-dockerfile.json');
    const again = await cli([dir, '--yes']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/identical {2,}\S*Dockerfile/);
    expect(read(dir)).toBe(first);
    expect((await cli([dir, '--yes', '--runtime', 'busybox-glibc', '--force'])).exitCode).toBe(0);
    expect(JSON.parse(read(dir, ANSWERS_FILE))).toMatchObject({ runtime: 'busybox-glibc', port: 9000 });
  });
  test('--no-save writes no answers; a run with no answers writes none either', async () => {
    const dir = copy('go-hello');
    await cli([dir, '--yes', '--runtime', 'slim', '--no-save']);
    await cli([join(dir), '--yes', '--force']);
    expect(existsSync(join(dir, ANSWERS_FILE))).toBe(false);
  });
  test('a hostile or broken answers file is exit 2 with the fix, and nothing is written', async () => {
    for (const bad of [
      '{"runtime": "scratch; rm -rf /"}',
      '{"env": ["A=1\\nRUN evil"]}',
      '{"unknown": 1}',
      '{not json',
      '{"instructions": "../../etc/passwd"}',
      '{"baseImages": {"final": "evil image"}}',
    ]) {
      const dir = copy('go-hello');
      writeFileSync(join(dir, ANSWERS_FILE), bad);
      const r = await cli([dir, '--yes']);
      expect({ bad, code: r.exitCode }).toEqual({ bad, code: 2 });
      expect(r.stderr).toContain('fix:');
      expect(existsSync(join(dir, 'Dockerfile'))).toBe(false);
    }
  });
  test('merging: flags win, env keys are replaced, packages accumulate', () => {
    const saved = validateAnswers({ runtime: 'slim', env: ['A=1', 'B=2'], addPackages: { run: ['curl'] } });
    expect(mergeAnswers(saved, { env: ['A=3'], addPackages: { run: ['jq'] }, runtime: 'alpine' })).toEqual({
      runtime: 'alpine',
      env: ['B=2', 'A=3'],
      addPackages: { run: ['curl', 'jq'] },
    });
  });
});

describe('--check', () => {
  test('exit 0 on every example with its committed Dockerfile and .dockerignore', async () => {
    for (const name of readdirSync(EXAMPLES)) {
      const summary = JSON.parse(readFileSync(join(EXAMPLES, name, 'expected', 'summary.json'), 'utf8')) as {
        default: string;
      };
      const dir = copy(name);
      const expected = join(EXAMPLES, name, 'expected');
      copyFileSync(join(expected, summary.default, 'Dockerfile'), join(dir, 'Dockerfile'));
      // The example's .dockerignore, or the runtime's own where it differs.
      const own = join(expected, summary.default, '.dockerignore');
      copyFileSync(existsSync(own) ? own : join(expected, '.dockerignore'), join(dir, '.dockerignore'));
      const r = await cli([dir, '--check']);
      expect({ name, code: r.exitCode, out: r.exitCode === 0 ? '' : r.stderr.slice(0, 400) }).toEqual({
        name,
        code: 0,
        out: '',
      });
    }
  }, 240_000);
  test('exit 3 after a dependency change, with the diff and what changed (psycopg2 needs libpq5)', async () => {
    const dir = copy('py-requirements-flask');
    expect((await cli([dir, '--yes', '--runtime', 'slim'])).exitCode).toBe(0);
    expect((await cli([dir, '--check'])).exitCode).toBe(0);
    writeFileSync(join(dir, 'requirements.txt'), `${read(dir, 'requirements.txt')}psycopg2==2.9.10\n`);
    const r = await cli([dir, '--check']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/^\+.*libpq5/m);
    expect(r.stderr).toMatch(/psycopg2: compiled/);
    expect(r.stderr).toContain('out of date');
  });
  test('a missing Dockerfile is out of date too; --check writes nothing', async () => {
    const dir = copy('go-hello');
    const r = await cli([dir, '--check']);
    expect(r.exitCode).toBe(3);
    expect(readdirSync(dir)).not.toContain('Dockerfile');
  });
});

describe('customization that survives regeneration', () => {
  test('--add-package (final and build stage), --env, --arg and --base-image are applied, saved and kept on a plain re-run', async () => {
    const dir = copy('py-script');
    expect(
      (
        await cli([
          dir,
          '--yes',
          '--runtime',
          'slim',
          '--add-package',
          'curl',
          '--add-package',
          'build:git',
          '--env',
          'TZ=UTC',
          '--arg',
          'BUILD_ID=dev',
          '--base-image',
          'final=mirror.internal/python:3.11-slim',
        ])
      ).exitCode,
    ).toBe(0);
    const d = read(dir);
    const [, build, final] = d.split(/\nFROM /);
    expect(build).toMatch(
      /AS build\n# Packages added with --add-package build:<name>.*\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends git/,
    );
    expect(final).toMatch(/^mirror\.internal\/python:3\.11-slim\n/);
    expect(final).toContain('apt-get install -y --no-install-recommends curl');
    expect(final).toMatch(/ENV .*TZ=UTC/);
    expect(d).toContain('ARG BUILD_ID=dev');
    expect((await cli([dir, '--yes'])).stdout).toMatch(/identical {2,}\S*Dockerfile/);
    expect((await cli([dir, '--check'])).exitCode).toBe(0);
  });
  test('--add-package on an image without a package manager is refused with the fix', async () => {
    const r = await cli([copy('go-hello'), '--yes', '--runtime', 'scratch', '--add-package', 'curl']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('no package manager');
  });
  test('--instructions lines go before USER; FROM or CMD in them is refused', async () => {
    const dir = copy('go-hello');
    mkdirSync(join(dir, 'docker'));
    writeFileSync(
      join(dir, 'docker', 'extra'),
      '# our label\nLABEL org.opencontainers.image.vendor=acme\nCOPY --from=build /src/README.md /README.md\n',
    );
    expect((await cli([dir, '--yes', '--instructions', 'docker/extra'])).exitCode).toBe(0);
    expect(read(dir)).toMatch(
      /LABEL org\.opencontainers\.image\.vendor=acme\nCOPY --from=build \/src\/README\.md \/README\.md\nUSER /,
    );
    writeFileSync(join(dir, 'docker', 'bad'), 'FROM evil\n');
    const r = await cli([dir, '--yes', '--force', '--instructions', 'docker/bad']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('not an instruction this file may add');
  });
  test('a template override in .slim-dockerfile/ shadows the built-in partial and survives regeneration', async () => {
    const dir = copy('go-hello');
    mkdirSync(join(dir, '.slim-dockerfile', 'run'), { recursive: true });
    writeFileSync(
      join(dir, '.slim-dockerfile', 'run', 'scratch.hbs'),
      '# Final stage: our own scratch, signed off by the platform team.\nFROM scratch\n{{> run/_tail }}\n',
    );
    expect((await cli([dir, '--yes', '--runtime', 'scratch'])).exitCode).toBe(0);
    expect(read(dir)).toContain('# Final stage: our own scratch, signed off by the platform team.');
    expect((await cli([dir, '--yes'])).stdout).toMatch(/identical {2,}\S*Dockerfile/);
    writeFileSync(join(dir, '.slim-dockerfile', 'run', 'scratch.hbs'), '{{#if}}broken');
    const r = await cli([dir, '--yes', '--force']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('.slim-dockerfile/run/scratch.hbs');
  });
  test('a Dockerfile edited by hand is never overwritten silently: exit 2 with the way to see the diff, and the answers not saved', async () => {
    const dir = copy('go-hello');
    await cli([dir, '--yes']);
    writeFileSync(join(dir, 'Dockerfile'), `${read(dir)}LABEL mine=1\n`);
    const r = await cli([dir, '--yes', '--runtime', 'slim']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('differs from what would be written');
    expect(read(dir)).toContain('LABEL mine=1');
    expect(existsSync(join(dir, ANSWERS_FILE))).toBe(false);
  });
});
