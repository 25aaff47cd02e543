import { beforeAll, describe, expect, test } from '@jest/globals';
import { DockerfileParser } from 'dockerfile-ast';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, isUserError } from '../src/index.js';
import { ALLOWED_INSTRUCTIONS, assertInstructions, parseInstructions } from '../src/instructions.js';
import { dockerignoreLines, excluded } from '../src/plan/dockerignore.js';
import { goProject, project, runCli } from './helpers.js';
import { keywords } from './plan-check.js';

/**
 * The second hardening round, one describe a class: instruction files read as Docker reads them,
 * --check comparing bytes as Docker does, names that are not UTF-8, walks that stop, template
 * overrides that call each other, and compose files that already exist.
 */
/** The CLI, in-process (test/helpers.ts runCli). */
const cli = runCli;
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('not refused');
};

beforeAll(() => {
  if (!existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url))))
    throw new Error('dist/ is missing: run npm run build first (npm test does)');
});

describe('an instruction file is read as Docker reads it', () => {
  test.each([
    ['a continuation into FROM', 'LABEL team=web \\\nFROM attacker/payload:latest\n'],
    ['a continuation into CMD', 'LABEL b=c \\\nCMD ["--evil"]\n'],
    ['a continuation with blanks after the backslash', 'LABEL b=c \\  \nENTRYPOINT ["sh"]\n'],
    ['a comment inside the continuation', 'LABEL b=c \\\n# hidden\nUSER root\n'],
    ['a blank line inside the continuation', 'LABEL b=c \\\n\nFROM evil\n'],
  ])('%s stays one instruction, written back exactly', (_what, text) => {
    const out = parseInstructions(text, 'x');
    expect(out).toHaveLength(1);
    expect(out[0]).toBe(
      text
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l) => l !== '')
        .join('\n'),
    );
    expect(keywords(out.join('\n'))).toEqual(['LABEL']);
    expect(() => assertInstructions(out)).not.toThrow();
  });

  test.each([
    ['FROM', 'FROM evil\n', 'line 1'],
    ['CMD after a TAB-separated ENV', 'ENV\tA=1\nCMD ["x"]\n', 'line 2'],
    ['a lowercase user', 'RUN true\n  user root\n', 'line 2'],
    ['ONBUILD', 'ONBUILD RUN evil\n', 'line 1'],
    ['ENTRYPOINT', 'ENTRYPOINT ["sh"]\n', 'line 1'],
    ['MAINTAINER', 'MAINTAINER me\n', 'line 1'],
    ['a lone carriage return (one line to Docker, two to others)', 'LABEL a=b\rCMD ["x"]\n', 'line 1'],
    ['an escape sequence', 'LABEL a=\u001b[2J\n', 'line 1'],
    ['a heredoc', 'RUN <<EOF\necho hi\nEOF\n', 'line 1'],
    ['a trailing continuation', 'RUN make \\\n', 'line 1'],
    ['a trailing continuation hidden by a comment', 'RUN make \\\n# end\n', 'line 1'],
    ['another escape character', '# escape=`\nRUN a `\n  b\n', 'line 1'],
  ])('%s is refused with the file and line', (_what, text, line) => {
    const e = refusal(() => parseInstructions(text, 'docker/extra'));
    expect(e.code).toBe('E_UNSAFE_VALUE');
    expect(e.message).toContain(`docker/extra, ${line}`);
    expect(e.hint).toBeTruthy();
  });

  test('every allowed kind passes, CRLF files too, and a multi-line RUN keeps its continuation', () => {
    const text = `${ALLOWED_INSTRUCTIONS.map((k) => `${k} x`).join('\r\n')}\r\nRUN apt-get update \\\r\n  && apt-get install -y curl\r\n`;
    const out = parseInstructions(text, 'x');
    expect(out.map((t) => keywords(t)[0])).toEqual([...ALLOWED_INSTRUCTIONS, 'RUN']);
    expect(out[out.length - 1]).toBe('RUN apt-get update \\\n  && apt-get install -y curl');
  });

  test('render refuses an instruction that is not exactly one allowed instruction, however it got into a plan', () => {
    for (const t of ['FROM evil', 'RUN a\nCMD x', 'RUN a \\', 'RUN a\rCMD x', 'RUN <<EOF\nx\nEOF'])
      expect(() => assertInstructions([t])).toThrow(/not one Dockerfile instruction/);
  });

  test('a multi-line RUN renders as a Dockerfile Docker reads with the same instructions', async () => {
    const dir = goProject({ 'docker/extra': 'RUN echo a \\\n  && echo b\nLABEL x=y\n' });
    const g = await generate(dir, { instructions: 'docker/extra' });
    const text = g.files[0]!.content;
    expect(text).toContain('RUN echo a \\\n  && echo b\nLABEL x=y\nUSER ');
    const runs = DockerfileParser.parse(text)
      .getInstructions()
      .filter((i) => i.getKeyword() === 'RUN');
    expect(runs.some((r) => r.getArgumentsContent()?.replace(/\s+/g, ' ') === 'echo a && echo b')).toBe(true);
  });

  test('through the CLI, a committed answers file that names a smuggling file is refused, nothing written', async () => {
    const dir = goProject({
      '.slim-dockerfile.json': '{"instructions":"docker/extra.dockerfile"}\n',
      'docker/extra.dockerfile': 'LABEL team=web \\\nFROM attacker/payload:latest\nCMD ["--evil"]\n',
    });
    const r = await cli([dir, '--yes']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('docker/extra.dockerfile, line 3');
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(false);
  });
});

describe('--check compares the bytes Docker reads', () => {
  test.each([
    ['a CR-joined line that hides USER from Docker', (t: string) => t.replace(/\nUSER /, '\rUSER ')],
    ['CRLF line endings', (t: string) => t.replace(/\n/g, '\r\n')],
    ['a byte order mark', (t: string) => `\ufeff${t}`],
  ])('%s is drift (exit 3)', async (_what, change) => {
    const dir = goProject();
    expect((await cli([dir, '--yes'])).exitCode).toBe(0);
    expect((await cli([dir, '--check'])).exitCode).toBe(0);
    const path = join(dir, 'Dockerfile');
    writeFileSync(path, change(readFileSync(path, 'utf8')));
    expect((await cli([dir, '--check'])).exitCode).toBe(3);
  });

  test('a CR-joined .git line in .dockerignore is drift too', async () => {
    const dir = goProject();
    await cli([dir, '--yes']);
    const path = join(dir, '.dockerignore');
    writeFileSync(path, readFileSync(path, 'utf8').replace('\n.git\n', '\r.git\n'));
    expect((await cli([dir, '--check'])).exitCode).toBe(3);
  });
});

describe('names and walks', () => {
  test('a file name that is not UTF-8 is skipped, never written as U+FFFD', async () => {
    const dir = project({ 'main.c': '#include <stdio.h>\nint main(void){return 0;}\n' });
    // Latin-1 "é": not UTF-8. The program file itself has such a name.
    writeFileSync(
      Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.c')]),
      'int main(void){return 0;}\n',
    );
    const g = await generate(dir);
    expect(g.files[0]!.content).not.toContain('\ufffd');
    expect(g.plan.warnings.join('\n')).toMatch(/not UTF-8/);
  });

  test('many empty folders: the walk stops early and says so, in seconds', async () => {
    const dir = goProject();
    for (let i = 0; i < 220; i++)
      for (let j = 0; j < 100; j++) mkdirSync(join(dir, `d${i}`, `e${j}`), { recursive: true });
    const start = Date.now();
    const g = await generate(dir);
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(g.plan.warnings.join('\n')).toContain('the scan stopped early');
  }, 60_000);
});

describe('template overrides that would never finish', () => {
  const withOverrides = (files: Record<string, string>) =>
    goProject(Object.fromEntries(Object.entries(files).map(([k, v]) => [`.slim-dockerfile/${k}`, v])));

  test.each([
    ['calls itself', { 'run/scratch.hbs': 'FROM scratch\n{{> run/scratch }}\n' }],
    [
      'a circle through a built-in name',
      { 'run/scratch.hbs': '{{> run/_tail }}', 'run/_tail.hbs': '{{> run/scratch }}' },
    ],
    [
      'a circle through three',
      {
        'run/scratch.hbs': '{{> run/_user }}',
        'run/_user.hbs': '{{> run/_tail }}',
        'run/_tail.hbs': '{{> run/scratch }}',
      },
    ],
  ])('an override that %s is refused, at once', async (_what, files) => {
    const dir = withOverrides(files);
    await expect(generate(dir, { runtime: 'scratch' })).rejects.toMatchObject({
      code: 'E_UNREADABLE',
      message: expect.stringContaining('call each other in a circle'),
    });
  });

  test.each([
    ['a computed partial name', '{{> (concat "run/" "_tail") }}'],
    ['an inline partial', '{{#*inline "x"}}{{> x}}{{/inline}}{{> x}}'],
    ['@partial-block', '{{> @partial-block }}'],
  ])('%s is refused', async (_what, text) => {
    await expect(generate(withOverrides({ 'run/scratch.hbs': text }), { runtime: 'scratch' })).rejects.toMatchObject({
      code: 'E_UNREADABLE',
    });
  });

  test('a fan-out chain within the depth is stopped by the render budget, in seconds', async () => {
    // Each level calls the next ten times, and the last loops over the decisions four deep: millions of iterations if nothing stopped it.
    const dir = withOverrides({
      'run/scratch.hbs':
        '{{> run/_user }}{{> run/_user }}{{> run/_user }}{{> run/_user }}{{> run/_user }}{{> run/_user }}{{> run/_user }}{{> run/_user }}{{> run/_user }}{{> run/_user }}',
      'run/_user.hbs':
        '{{> build/_rootfs }}{{> build/_rootfs }}{{> build/_rootfs }}{{> build/_rootfs }}{{> build/_rootfs }}{{> build/_rootfs }}{{> build/_rootfs }}{{> build/_rootfs }}{{> build/_rootfs }}{{> build/_rootfs }}',
      'build/_rootfs.hbs':
        '{{#each @root.decisions}}{{#each @root.decisions}}{{#each @root.decisions}}{{#each @root.decisions}}{{topic}}{{/each}}{{/each}}{{/each}}{{/each}}',
    });
    const start = Date.now();
    const e = await generate(dir, { runtime: 'scratch' }).then(
      () => undefined,
      (x: unknown) => x as Error & { code?: string },
    );
    expect(e?.message).toContain('render too much');
    expect(Date.now() - start).toBeLessThan(10_000);
  });
});

describe('--compose and a compose file the project has', () => {
  test.each(['compose.yml', 'docker-compose.yml', 'docker-compose.yaml'])(
    '%s is the file updated (a conflict without --force), never a second one beside it',
    async (name) => {
      const dir = goProject({ [name]: 'services:\n  mine:\n    image: mine\n' });
      const r = await cli([dir, '--yes', '--compose']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(name);
      expect(existsSync(join(dir, 'compose.yaml')) && name !== 'compose.yaml').toBe(false);
      expect(readFileSync(join(dir, name), 'utf8')).toContain('mine');
      const f = await cli([dir, '--yes', '--compose', '--force']);
      expect(f.exitCode).toBe(0);
      expect(readFileSync(join(dir, `${name}.bak`), 'utf8')).toContain('image: mine');
      expect(existsSync(join(dir, 'compose.yaml'))).toBe(false);
    },
  );
});

describe('no generated .dockerignore line excludes a path the build needs', () => {
  test("Docker's matching: anchored at the root, a folder excludes what it holds, the last matching line wins", () => {
    expect(excluded(['*.log'], 'app.log')).toBe(true);
    expect(excluded(['*.log'], 'logs/app.log')).toBe(false);
    expect(excluded(['**/.DS_Store'], 'a/b/.DS_Store')).toBe(true);
    expect(excluded(['spec/'], 'spec/fixtures/gem/x.gemspec')).toBe(true);
    expect(excluded(['/build'], 'build/x')).toBe(true);
    expect(excluded(['.env.*', '!.env.example'], '.env.example')).toBe(false);
    expect(excluded(['.env.*', '!.env.example', '.env.*'], '.env.example')).toBe(true);
    expect(excluded(['docs/'], 'docsy/x')).toBe(false);
  });

  test('a kept path that a line excludes is re-included after every line, its glob characters escaped', () => {
    const warnings: string[] = [];
    const lines = dockerignoreLines(
      ['tests/', 'examples/', '*.md'],
      ['examples/demo.rs', 'tests/[x]/a?.txt', 'README.md', 'src/main.rs', 'Cargo.toml'],
      warnings,
    );
    expect(lines.slice(-3)).toEqual(['!README.md', '!examples/demo.rs', '!tests/\\[x\\]/a\\?.txt']);
    for (const p of ['examples/demo.rs', 'tests/[x]/a?.txt', 'README.md', 'src/main.rs'])
      expect(excluded(lines, p)).toBe(false);
    expect(excluded(lines, 'examples/other.rs')).toBe(true);
    expect(warnings).toEqual([]);
  });

  test('a common line (.env.*, *.log) never hides a kept file either; a name that cannot be written is said', () => {
    const warnings: string[] = [];
    const lines = dockerignoreLines([], ['.env.production', 'build.log', '.env.back\\slash'], warnings);
    expect(lines.filter((l) => l.startsWith('!'))).toEqual(['!.env.production', '!build.log']);
    expect(warnings.join('\n')).toContain('back\\slash');
  });
});
