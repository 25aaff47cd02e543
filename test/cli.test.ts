import { beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { project, runCli } from './helpers.js';

/** The built CLI (npm run build), run as a user would: no TTY on stdin. */
const BIN = fileURLToPath(new URL('../bin/create-slim-dockerfile.js', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));

function example(name: string): string {
  const dir = project({});
  cpSync(join(EXAMPLES, name), dir, { recursive: true, filter: (src) => !src.includes('/expected') });
  return dir;
}
/** The CLI in-process; with an environment of its own (or for --help, which yargs prints itself), the built one in a process. */
const cli = (args: string[], env?: Record<string, string>) =>
  env || args.includes('--help') || args.includes('--version')
    ? execa('node', [BIN, ...args], { reject: false, env: env ?? {}, stdin: 'pipe' })
    : runCli(args);
const noStack = (s: string) => expect(s).not.toMatch(/\n[ \t]*at /);

beforeAll(() => {
  if (!existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url))))
    throw new Error('dist/ is missing: run npm run build first (npm test does)');
});

describe('the command line', () => {
  test('--help names every flag of the contract', async () => {
    const r = await cli(['--help']);
    expect(r.exitCode).toBe(0);
    for (const f of [
      '--runtime',
      '--lang',
      '--lang-version',
      '--entry',
      '--port',
      '--yes',
      '--stdout',
      '--dry-run',
      '--json',
      '--explain',
      '--force',
      '--build',
      '--run',
      '--tag',
      '--compare',
      '--syntax',
    ])
      expect(r.stdout).toContain(f);
  });

  test('writes Dockerfile and .dockerignore and exits 0', async () => {
    const dir = example('go-hello');
    const r = await cli([dir]);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(
      readFileSync(join(EXAMPLES, 'go-hello/expected/scratch/Dockerfile'), 'utf8'),
    );
    expect(existsSync(join(dir, '.dockerignore'))).toBe(true);
    expect(r.stdout).toContain('created');
  });

  test('--stdout prints the Dockerfile and writes nothing', async () => {
    const dir = example('c-single-file');
    const before = readdirSync(dir).sort();
    const r = await cli([dir, '--stdout', '--runtime', 'alpine']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('FROM alpine:3.20');
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  test('--dry-run says what would be written and writes nothing', async () => {
    const dir = example('c-make');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM mine\n');
    const r = await cli([dir, '--dry-run']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/would keep .*Dockerfile/);
    expect(r.stdout).toContain('+FROM scratch');
    expect(r.stdout).toMatch(/would create .*\.dockerignore/);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM mine\n');
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
  });

  test('an existing different Dockerfile is kept without a TTY: exit 2, nothing written', async () => {
    const dir = example('go-hello');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM mine\n');
    const r = await cli([dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--force');
    noStack(r.stderr);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM mine\n');
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
  });

  test('--force replaces it and keeps the old one as Dockerfile.bak', async () => {
    const dir = example('go-hello');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM mine\n');
    const r = await cli([dir, '--force']);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile.bak'), 'utf8')).toBe('FROM mine\n');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('FROM scratch');
  });

  test('an impossible combination exits 2 with the reason and the fix, writing nothing', async () => {
    const dir = example('go-cgo');
    const r = await cli([dir, '--runtime', 'scratch']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('scratch cannot run this program');
    expect(r.stderr).toMatch(/fix: .*busybox-glibc/);
    noStack(r.stderr);
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(false);
  });

  test.each([
    [['--runtime', 'windows']],
    [['--lang', 'cobol']],
    [['--port', '0']],
    [['--port', 'http']],
    [['--stdout', '--dry-run']],
    [['--build', '--stdout']],
    [['--run', '--dry-run']],
    [['--no-such-flag']],
  ])('bad input %j exits 2 without a stack', async (args) => {
    const dir = example('go-hello');
    const r = await cli([dir, ...args]);
    expect(r.exitCode).toBe(2);
    noStack(r.stderr);
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(false);
  });

  test('a missing directory and an unrecognisable project exit 2', async () => {
    expect((await cli(['/nonexistent/dir'])).exitCode).toBe(2);
    const r = await cli([project({ 'notes.txt': 'x' })]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--lang');
  });

  test('a tie between languages asks for --lang instead of guessing', async () => {
    const dir = example('go-hello');
    writeFileSync(join(dir, 'CMakeLists.txt'), 'project(x)\nadd_executable(x a.c)\n');
    writeFileSync(join(dir, 'a.c'), 'int main(void){return 0;}\n');
    writeFileSync(join(dir, 'b.c'), 'int b;\n');
    const r = await cli([dir, '--stdout']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--lang (?:go\|c|c\|go)\b/);
    expect((await cli([dir, '--stdout', '--lang', 'c'])).stdout).toContain('FROM gcc:');
  });

  test('--json prints the plan; --explain prints each decision with its evidence', async () => {
    const dir = example('go-net');
    const r = await cli([dir, '--json', '--dry-run']);
    const plan = JSON.parse(r.stdout) as unknown;
    expect(plan).toMatchObject({
      lang: 'go',
      runtime: 'scratch',
      name: 'netcheck',
      files: [
        { name: 'Dockerfile', action: 'create' },
        { name: '.dockerignore', action: 'create' },
      ],
    });
    const e = await cli([dir, '--explain', '--stdout']);
    expect(e.stderr).toContain('Go version');
    expect(e.stderr).toContain('go.mod (go 1.22.3)');
    expect(e.stderr).toContain('imports "net/http"');
    expect(e.stdout.startsWith('# netcheck')).toBe(true);
  });

  test('flags answer what prompts would ask: version, entry, port', async () => {
    const dir = example('go-multi');
    const r = await cli([dir, '--stdout', '--entry', 'worker', '--lang-version', '1.23', '--port', '9000']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('ARG GO_VERSION=1.23');
    expect(r.stdout).toContain('./cmd/worker');
    expect(r.stdout).toContain('EXPOSE 9000');
    expect(r.stderr).not.toContain('Several programs');
  });

  test('--build without a Docker CLI is a typed error, after writing the files', async () => {
    const dir = example('go-hello');
    const r = await cli([dir, '--build'], { DOCKER: '/nonexistent/docker' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('not installed');
    noStack(r.stderr);
  });
});
