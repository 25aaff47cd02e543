import { describe, expect, test } from '@jest/globals';
import { scanProject } from '../src/core/scan.js';
import { detect } from '../src/languages/index.js';
import { generate } from '../src/index.js';
import { node } from '../src/languages/node/index.js';
import { lockPackages } from '../src/languages/node/lock.js';
import { parseStart } from '../src/languages/node/start.js';
import { majorForRange, nodeMajor } from '../src/languages/node/version.js';
import { project } from './helpers.js';

const pkg = (p: Record<string, unknown>) => JSON.stringify({ name: 'app', version: '1.0.0', ...p });
const resolve = (files: Record<string, string>, opts = {}) => node.resolve(scanProject(project(files)), 'node', opts);
const dockerfile = async (files: Record<string, string>, runtime = 'slim') =>
  (await generate(project(files), { runtime: runtime as 'slim' })).files[0]!.content;
const EXPRESS = "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT || 4000);\n";

describe('versions', () => {
  test.each([
    ['v22.11.0', 22],
    ['20', 20],
    ['lts/jod', 22],
    ['lts/*', 26],
    ['node', 26],
    ['22.x', 22],
    ['latest-ish', undefined],
    ['', undefined],
  ])('%s -> %s', (raw, want) => expect(nodeMajor(raw)).toBe(want));
  test.each([
    ['>=18', 26],
    ['^20.9.0', 20],
    ['>=20 <23', 22],
    ['22.x || 24.x', 24],
    ['<18', undefined],
    ['not a range', undefined],
  ])('engines %s -> %s', (range, want) => expect(majorForRange(range)).toBe(want));
  test('.nvmrc wins over engines; an end-of-life major is said', () => {
    const r = resolve({
      'package.json': pkg({ engines: { node: '>=18' }, scripts: { start: 'node a.js' } }),
      '.nvmrc': 'v20.11.1\n',
      'a.js': '',
    });
    expect(r.version).toEqual({ value: '20', source: '.nvmrc (v20.11.1)' });
    expect(r.warnings.join()).toContain('end of life');
  });
  test("with no version file: the tsconfig's Node base, else the project's own Dockerfile, within engines", () => {
    const base = { 'package.json': pkg({ scripts: { start: 'node a.js' } }), 'a.js': '' };
    expect(resolve({ ...base, 'tsconfig.json': '{ "extends": "@tsconfig/node22/tsconfig.json" }' }).version).toEqual({
      value: '22',
      source: 'tsconfig.json extends @tsconfig/node22',
    });
    const docker = 'ARG NODE=20\nFROM node:${NODE}-alpine AS build\nFROM node:24-slim\n';
    expect(resolve({ ...base, Dockerfile: docker }).version).toEqual({
      value: '20',
      source: "the project's own Dockerfile (FROM node:20)",
    });
    // An engines range the Dockerfile's major falls outside of wins; so does an unresolved variable's absence.
    const ranged = { ...base, 'package.json': pkg({ engines: { node: '>=22' }, scripts: { start: 'node a.js' } }) };
    expect(resolve({ ...ranged, Dockerfile: docker }).version.value).toBe('26');
    expect(resolve({ ...base, Dockerfile: 'FROM node:${UNSET}\n' }).version.source).toContain('no version named');
  });
  test('a re-run over the Dockerfile the tool wrote reads the same major back', async () => {
    const dir = project({
      'package.json': pkg({ scripts: { start: 'node a.js' } }),
      'a.js': '',
      Dockerfile: 'FROM node:20-alpine\n',
    });
    const first = await generate(dir);
    expect(first.plan.detection).toBeDefined();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/Dockerfile`, first.files[0]!.content);
    const again = await generate(dir);
    expect(again.files[0]!.content).toBe(first.files[0]!.content);
    expect(first.files[0]!.content).toContain('ARG NODE_VERSION=20');
  });
});

describe('the start command', () => {
  const scripts = { build: 'tsc', 'start:prod': 'node dist/main.js' };
  test.each([
    ['node server.js', ['server.js']],
    ['NODE_ENV=production node --enable-source-maps dist/index.js', ['--enable-source-maps', 'dist/index.js']],
    ['npm run build && node dist/index.js', ['dist/index.js']],
    ['npm run start:prod', ['dist/main.js']],
    ['next start -p 4000', ['node_modules/next/dist/bin/next', 'start', '-p', '4000']],
    ['nest start', ['dist/main']],
  ])('%s runs node %j', (script, args) => expect(parseStart(script, scripts)).toMatchObject({ args }));
  test('shell syntax, chains and development runners are no PID 1', () => {
    expect(parseStart('node a.js; rm -rf /', {})).toMatchObject({ problem: expect.stringContaining('shell syntax') });
    expect(parseStart('node $(cat f)', {})).toMatchObject({ problem: expect.stringContaining('shell syntax') });
    expect(parseStart('rm -rf x && node a.js', {})).toMatchObject({ problem: expect.stringContaining('chains') });
    expect(parseStart('nodemon src/index.ts', {})).toMatchObject({
      problem: expect.stringContaining('development runner'),
    });
    expect(parseStart('serve -s build', {})).toMatchObject({ static: true });
  });
  test('a port in the start script or the code; npm start never runs as PID 1', async () => {
    const d = await dockerfile({
      'package.json': pkg({ scripts: { start: 'PORT=5000 node index.js' }, dependencies: { express: '4' } }),
      'index.js': EXPRESS,
    });
    expect(d).toContain('ENTRYPOINT ["node", "index.js"]');
    expect(d).toContain('EXPOSE 5000');
    expect(d).toContain('ENV NODE_ENV=production PORT=5000');
    expect(d).not.toMatch(/npm start|"npm"/);
    expect(
      await dockerfile({ 'package.json': pkg({ dependencies: { express: '4' } }), 'server.js': EXPRESS }),
    ).toContain('EXPOSE 4000');
  });
  test('TypeScript run by a development runner without a build is refused with the fix', () => {
    expect(() =>
      resolve({ 'package.json': pkg({ scripts: { start: 'ts-node src/index.ts' } }), 'src/index.ts': '' }),
    ).toThrow(expect.objectContaining({ code: 'E_NO_ENTRY', hint: expect.stringContaining('build script') }));
  });
});

describe('what a server needs at run time', () => {
  const server = (code: string, extra: Record<string, string> = {}) => ({
    'package.json': pkg({ scripts: { start: 'node index.js' }, dependencies: { express: '^4.0.0' } }),
    'package-lock.json': '{"lockfileVersion":3,"packages":{}}',
    'index.js': code,
    ...extra,
  });
  test('folders it makes beside itself: /app is its own (the code stays root-owned)', async () => {
    const made = resolve(server("const fs = require('fs');\nfs.mkdirSync('uploads', { recursive: true });\n"));
    expect(made.needs.workdir).toContain("mkdirSync('uploads'");
    const named = resolve(
      server(
        "const Path = require('path');\nconst CONFIG = Path.resolve('config');\nrequire('./server/boot')(CONFIG);\n",
        { 'server/boot.js': "module.exports = (d) => require('fs').mkdirSync(d);\n" },
      ),
    );
    expect(named.needs.workdir).toContain("Path.resolve('config')");
    // Writes only in tests or a front end, or none: nothing.
    expect(
      resolve(server('console.log(1);\n', { 'test/a.test.js': "require('fs').mkdirSync('tmp');\n" })).needs.workdir,
    ).toBeUndefined();
    const g = await generate(project(server("require('fs').mkdirSync('data');\n")));
    expect(g.files[0]!.content).toContain('RUN mkdir -p /rootfs-app');
    expect(g.files[0]!.content).toContain('COPY --from=build --chown=65532:65532 /rootfs-app /app');
  });
  test('os.homedir() asks for a home', () => {
    expect(resolve(server("const os = require('os');\nconsole.log(os.homedir());\n")).needs.home).toContain(
      'os.homedir()',
    );
  });
});

describe('SvelteKit', () => {
  test('adapter-node: node build, on port 3000, with the server the build writes', async () => {
    const files = {
      'package.json': pkg({
        scripts: { build: 'vite build', dev: 'vite dev' },
        devDependencies: { '@sveltejs/kit': '^2.0.0', '@sveltejs/adapter-node': '^5.0.0', vite: '^6.0.0' },
        dependencies: { zod: '^3.0.0' },
      }),
      'package-lock.json': '{"lockfileVersion":3,"packages":{}}',
      'svelte.config.js':
        "import adapter from '@sveltejs/adapter-node';\nexport default { kit: { adapter: adapter() } };\n",
      'src/routes/+page.svelte': '<h1>hi</h1>\n',
    };
    const g = await generate(project(files));
    expect(g.plan.final.entrypoint.slice(-1)).toEqual(['build']);
    expect(g.plan.final.expose).toBe(3000);
    expect(g.plan.final.env).toEqual(expect.arrayContaining(['PORT=3000', 'HOST=0.0.0.0']));
    const moved = await generate(
      project({
        ...files,
        'svelte.config.js':
          "import adapter from '@sveltejs/adapter-node';\nexport default { kit: { adapter: adapter({ out: 'server-out' }) } };\n",
      }),
    );
    expect(moved.plan.final.entrypoint.slice(-1)).toEqual(['server-out']);
  });
});

describe('package managers', () => {
  test.each([
    [{ 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" }, 'pnpm install --frozen-lockfile'],
    [{ 'yarn.lock': '# yarn lockfile v1\n' }, 'yarn install --frozen-lockfile'],
    [
      { 'yarn.lock': '__metadata:\n  version: 8\n', '.yarnrc.yml': 'nodeLinker: node-modules\n' },
      'yarn install --immutable',
    ],
    [{ 'package-lock.json': '{"lockfileVersion":3,"packages":{}}' }, 'npm ci'],
    [{ 'bun.lock': '{"lockfileVersion":1,"packages":{},}' }, 'bun install --frozen-lockfile'],
  ])('%j installs frozen', async (files, command) => {
    const d = await dockerfile({
      'package.json': pkg({ scripts: { start: 'node a.js', build: 'node b.js' }, dependencies: { x: '1' } }),
      'a.js': '',
      ...files,
    });
    expect(d).toContain(command);
    // The build had the dev dependencies; the final stage gets the production ones only.
    expect(d).toMatch(/prune|--production|focus --all --production/);
  });
  test('no lock: a warning, and npm install instead of npm ci', () => {
    const r = resolve({ 'package.json': pkg({ scripts: { start: 'node a.js' } }), 'a.js': '' });
    expect(r.warnings.join()).toContain('no lock file');
  });
  test('lock packages: npm install scripts, pnpm and yarn keys', () => {
    const npm = lockPackages(
      JSON.stringify({
        packages: { '': {}, 'node_modules/bcrypt': { hasInstallScript: true }, 'node_modules/a/node_modules/@s/b': {} },
      }),
      'package-lock.json',
    );
    expect([...npm.names].sort()).toEqual(['@s/b', 'bcrypt']);
    expect([...npm.installScripts]).toEqual(['bcrypt']);
    expect(
      [
        ...lockPackages(
          "packages:\n\n  '@scope/x@1.0.0':\n    resolution: {}\n  better-sqlite3@11.0.0:\n",
          'pnpm-lock.yaml',
        ).names,
      ].sort(),
    ).toEqual(['@scope/x', 'better-sqlite3']);
    expect([...lockPackages('"canvas@^2.0.0":\n  version "2.11.2"\n', 'yarn.lock').names]).toEqual(['canvas']);
  });
});

describe('runtimes', () => {
  test('distroless for the majors it has, refused for others with the reason; scratch and busybox refused', async () => {
    const files = { 'package.json': pkg({ scripts: { start: 'node a.js' } }), 'a.js': '' };
    const g = await generate(project({ ...files, '.nvmrc': '24\n' }));
    expect(g.plan.runtime).toBe('distroless');
    expect(g.files[0]!.content).toContain('ENTRYPOINT ["/nodejs/bin/node", "a.js"]');
    expect(g.files[0]!.content).toContain('FROM node:${NODE_VERSION}-bookworm-slim AS build');
    // Node 26 is on distroless's Debian 13 images only: the image and the builder are Debian 13.
    const g26 = await generate(project({ ...files, '.nvmrc': '26\n' }));
    expect(g26.plan.runtime).toBe('distroless');
    expect(g26.files[0]!.content).toContain('FROM gcr.io/distroless/nodejs26-debian13:nonroot');
    expect(g26.files[0]!.content).toContain('FROM node:${NODE_VERSION}-trixie-slim AS build');
    const g23 = await generate(project({ ...files, '.nvmrc': '23\n' }));
    expect(g23.plan.options.find((o) => o.runtime === 'distroless')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Node 23'),
    });
    expect(g26.plan.options.find((o) => o.runtime === 'scratch')).toMatchObject({ ok: false });
    expect(g26.plan.options.find((o) => o.runtime === 'busybox-glibc')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no Node.js'),
    });
  });
  test('a native addon compiles in the builder; canvas needs its libraries at run time and keeps alpine out', async () => {
    const files = {
      'package.json': pkg({ scripts: { start: 'node a.js' }, dependencies: { canvas: '2' } }),
      'a.js': '',
      '.nvmrc': '22\n',
    };
    const d = await dockerfile(files);
    expect(d).toMatch(/apt-get install -y --no-install-recommends python3 make g\+\+ libcairo2-dev/);
    expect(d.split('\nFROM ').pop()).toContain('libcairo2');
    const g = await generate(project(files));
    expect(g.plan.options.find((o) => o.runtime === 'alpine')).toMatchObject({ ok: false });
    expect(g.plan.options.find((o) => o.runtime === 'distroless')).toMatchObject({ ok: false });
  });
});

describe('static sites', () => {
  const vite = {
    'package.json': pkg({
      scripts: { build: 'vite build', dev: 'vite' },
      dependencies: { react: '19', 'react-router-dom': '7' },
      devDependencies: { vite: '6' },
    }),
    'index.html': '<div></div>',
    'vite.config.js': "export default { build: { outDir: 'public-dist' } }\n",
  };
  test('a Vite app is files on busybox httpd, with index.html for unknown paths; no Node.js runtime', async () => {
    const g = await generate(project(vite));
    expect(g.plan.runtime).toBe('busybox-glibc');
    const d = g.files[0]!.content;
    expect(d).toContain('COPY --from=build /app/public-dist /www');
    expect(d).toContain('ENTRYPOINT ["httpd", "-f", "-v", "-p", "8080", "-h", "/www", "-c", "/etc/httpd.conf"]');
    expect(g.plan.options.find((o) => o.runtime === 'distroless')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('files only'),
    });
    expect(await dockerfile(vite, 'alpine')).toContain('try_files $uri $uri/ /index.html');
  });
  test('a server framework beside Vite makes it a server, not a site', () => {
    const r = resolve({
      ...vite,
      'package.json': pkg({
        scripts: { build: 'vite build', start: 'node server.js' },
        dependencies: { express: '4' },
        devDependencies: { vite: '6' },
      }),
      'server.js': EXPRESS,
    });
    expect(r.decisions.find((d) => d.topic === 'Static site')).toBeUndefined();
  });
});

describe('workspaces and detection', () => {
  test('workspace packages that start something are the programs; --entry picks one; the library is none', () => {
    const files = {
      'package.json': pkg({ private: true, workspaces: ['apps/*', 'packages/*'] }),
      'apps/api/package.json': pkg({ name: '@x/api', scripts: { start: 'node server.js' } }),
      'apps/api/server.js': EXPRESS,
      'apps/cron/package.json': pkg({ name: '@x/cron', scripts: { start: 'node run.js' } }),
      'apps/cron/run.js': '',
      'packages/lib/package.json': pkg({ name: '@x/lib', main: 'index.js' }),
      'packages/lib/index.js': '',
    };
    const r = resolve(files);
    expect(r.entries.map((e) => e.value)).toEqual(['apps/api', 'apps/cron']);
    expect(resolve(files, { entry: 'cron' }).entry.value).toBe('apps/cron');
  });
  test('of a client and a server that both start, the server is built', () => {
    const r = resolve({
      'package.json': pkg({ private: true, workspaces: ['client', 'server'] }),
      'client/package.json': pkg({ name: 'client', scripts: { start: 'react-scripts start' } }),
      'server/package.json': pkg({ name: 'server', scripts: { start: 'node app.js' } }),
      'server/app.js': EXPRESS,
    });
    expect(r.entries.map((e) => e.value)).toEqual(['server', 'client']);
    expect(r.entry.value).toBe('server');
  });
  test('a package.json that only builds assets does not outweigh pyproject.toml', () => {
    const scan = scanProject(
      project({
        'package.json': pkg({ scripts: { build: 'tailwindcss -o x.css' }, devDependencies: { tailwindcss: '4' } }),
        'pyproject.toml': '[project]\nname = "x"\nversion = "1"\n',
        'main.py': 'print(1)\n',
        'app.py': '',
      }),
    );
    expect(detect(scan).ranked[0]!.lang).toBe('python');
  });
  test('a hostile name or start file stops with exit 2 and nothing written', () => {
    expect(() => resolve({ 'package.json': pkg({ scripts: { start: 'node ../../etc/passwd' } }) })).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_VALUE' }),
    );
    expect(() => resolve({ 'package.json': '{not json' })).toThrow(expect.objectContaining({ code: 'E_UNREADABLE' }));
  });
  test('YAML whose alias holds itself is unreadable (exit 2), not a crash', () => {
    for (const text of ['packages: &x [*x]\n', 'a: &x\n  b: *x\npackages: ["*"]\n'])
      expect(() =>
        resolve({ 'package.json': pkg({}), 'pnpm-lock.yaml': '', 'pnpm-workspace.yaml': text, 'index.js': '' }),
      ).toThrow(expect.objectContaining({ code: 'E_UNREADABLE', message: expect.stringContaining('holds it') }));
  });
});

describe('what the real repositories taught', () => {
  test('a package that only installs a command (bin) runs it, built first', async () => {
    const d = await dockerfile({
      'package.json': pkg({
        name: 'json-server',
        bin: { 'json-server': 'lib/bin.js' },
        scripts: { build: 'tsc' },
        dependencies: { x: '1' },
      }),
      'src/bin.ts': '',
      'package-lock.json': '{"lockfileVersion":3,"packages":{}}',
    });
    expect(d).toContain('ENTRYPOINT ["node", "lib/bin.js"]');
    expect(d).toContain('RUN npm run build');
  });
  test('install-time scripts (prepare) get the whole project and the dev dependencies before the install', async () => {
    const d = await dockerfile({
      'package.json': pkg({
        scripts: { prepare: 'husky install && pnpm compile', compile: 'tsup', start: 'node build/main.js' },
        dependencies: { x: '1' },
        devDependencies: { tsup: '8' },
      }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'src/main.ts': '',
    });
    const build = d.split('\nFROM ')[1]!;
    expect(build.indexOf('COPY . .')).toBeLessThan(build.indexOf('pnpm install --frozen-lockfile'));
    expect(build).not.toContain('--frozen-lockfile --prod');
    expect(build).toContain('pnpm prune --prod --ignore-scripts');
    // No packageManager: pnpm's major follows the lock's format.
    expect(build).toContain('npm install --global pnpm@9');
  });
  test('SvelteKit adapter-static: its pages folder and fallback page', async () => {
    const d = await dockerfile(
      {
        'package.json': pkg({
          scripts: { build: 'vite build' },
          devDependencies: { '@sveltejs/kit': '2', '@sveltejs/adapter-static': '3', vite: '6' },
        }),
        'svelte.config.js': "export default { kit: { adapter: adapter({ pages: 'docs', fallback: '404.html' }) } };\n",
      },
      'busybox-glibc',
    );
    expect(d).toContain('COPY --from=build /app/docs /www');
    expect(d).toContain('E404:/www/404.html');
  });
  test('test browsers are not downloaded in the build; a template folder is no evidence of a port', async () => {
    const d = await dockerfile({
      'package.json': pkg({ scripts: { start: 'node a.js' } }),
      'a.js': '',
      'package-lock.json': JSON.stringify({ packages: { 'node_modules/cypress': { hasInstallScript: true } } }),
      'template/src/api.ts': 'app.listen(3000)\n',
    });
    expect(d).toContain('CYPRESS_INSTALL_BINARY=0');
    expect(d).not.toContain('EXPOSE 3000');
  });
  test("a pnpm workspace package gets its own production dependencies (pnpm deploy), not every package's", async () => {
    const d = await dockerfile({
      'package.json': pkg({ private: true, packageManager: 'pnpm@10.11.0' }),
      'pnpm-workspace.yaml': 'packages:\n  - apps/*\n',
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'apps/api/package.json': pkg({
        name: '@x/api',
        scripts: { start: 'node server.js' },
        dependencies: { express: '5' },
      }),
      'apps/api/server.js': EXPRESS,
    });
    expect(d).toContain("pnpm --filter '@x/api' deploy --prod --legacy /tmp/deploy");
    expect(d).toContain('COPY --from=build /app/apps/api /app');
    // Yarn Berry keeps only that workspace's production dependencies.
    const berry = await dockerfile({
      'package.json': pkg({ private: true, packageManager: 'yarn@4.9.1', workspaces: ['apps/*'] }),
      'yarn.lock': '__metadata:\n  version: 8\n',
      '.yarnrc.yml': 'nodeLinker: node-modules\n',
      'apps/api/package.json': pkg({
        name: '@x/api',
        scripts: { start: 'node server.js', build: 'tsc' },
        dependencies: { express: '5' },
      }),
      'apps/api/server.js': EXPRESS,
    });
    expect(berry).toContain("yarn workspaces focus '@x/api' --production");
  });
});

describe('hostile projects, round 2', () => {
  const exposed = (d: string) => /EXPOSE (\d+)/.exec(d)?.[1];
  test.each([
    ['node server.js --port=$PORT', '"--port=4000"'],
    ['node server.js --port $PORT', '"--port", "4000"'],
    ['node server.js -p ${PORT}', '"-p", "4000"'],
  ])('%s: the port the image exposes is written in the command, and ENV PORT set', async (start, args) => {
    const d = await dockerfile({ 'package.json': pkg({ scripts: { start } }), 'server.js': EXPRESS });
    expect(d).toContain(`ENTRYPOINT ["node", "server.js", ${args}]`);
    expect(d).not.toContain('$PORT');
    expect(exposed(d)).toBe('4000');
    expect(d).toMatch(/ENV NODE_ENV=production PORT=4000/);
  });
  test('${PORT:-3000}: the default is the port; --port wins; a framework binary gets it too', async () => {
    const files = {
      'package.json': pkg({ scripts: { start: 'node server.js -p ${PORT:-3000}' } }),
      'server.js': 'require("http").createServer().listen(process.argv[3])\n',
    };
    const d = await dockerfile(files);
    expect(d).toContain('ENTRYPOINT ["node", "server.js", "-p", "3000"]');
    expect(exposed(d)).toBe('3000');
    const flagged = (await generate(project(files), { runtime: 'slim', port: 8080 })).files[0]!.content;
    expect(flagged).toContain('ENTRYPOINT ["node", "server.js", "-p", "8080"]');
    expect(exposed(flagged)).toBe('8080');
    expect(flagged).toContain('PORT=8080');
    const next = await dockerfile({
      'package.json': pkg({
        scripts: { build: 'next build', start: 'next start -p $PORT' },
        dependencies: { next: '15' },
      }),
    });
    expect(next).toContain('"start", "-p", "3000"]');
    expect(next).not.toContain('$PORT');
  });
  test('$PORT with nothing that says the port: refused with --port, which works', () => {
    const files = {
      'package.json': pkg({ scripts: { start: 'node server.js --port=$PORT' } }),
      'server.js': 'start()\n',
    };
    expect(() => resolve(files)).toThrow(
      expect.objectContaining({ code: 'E_NO_ENTRY', hint: expect.stringContaining('--port') }),
    );
    expect(resolve(files, { port: 9000 }).own).toMatchObject({
      command: ['server.js', '--port=9000'],
      env: ['PORT=9000'],
    });
  });
  test('other shell variables: a default is written in; one without a value is no exec-form command', () => {
    expect(parseStart('node server.js --host ${HOST:-0.0.0.0}', {})).toMatchObject({
      args: ['server.js', '--host', '0.0.0.0'],
    });
    expect(parseStart('node server.js --host $HOST', {})).toMatchObject({ problem: expect.stringContaining('$HOST') });
    expect(parseStart('node $ENTRY', {})).toMatchObject({ problem: expect.stringContaining('$ENTRY') });
    expect(parseStart('node server.js ${PORT:=3000}', {})).toMatchObject({
      problem: expect.stringContaining('shell syntax'),
    });
    // With a main to fall back on, the image runs it and says why.
    const r = resolve({
      'package.json': pkg({ main: 'server.js', scripts: { start: 'node $ENTRY' } }),
      'server.js': EXPRESS,
    });
    expect(r.own).toMatchObject({ command: ['server.js'] });
    expect(r.warnings.join()).toContain('$ENTRY');
    expect(JSON.stringify(r.own)).not.toContain('$');
  });
  test('an object member as a start command or a version is no table entry (own keys)', () => {
    expect(parseStart('constructor x.js', {})).toMatchObject({ problem: expect.stringContaining('constructor') });
    expect(nodeMajor('constructor')).toBeUndefined();
    expect(nodeMajor('toString')).toBeUndefined();
  });
  test.each([['?'], ['[']])('workspaces [%j]: a glob like any other, never a crash', (pattern) => {
    const r = resolve({
      'package.json': pkg({ workspaces: [pattern], scripts: { start: 'node server.js' } }),
      'server.js': EXPRESS,
      'packages/a/package.json': pkg({ name: 'a' }),
      'b/package.json': pkg({ name: 'b', scripts: { start: 'node b.js' } }),
    });
    expect(r.entries.map((e) => e.value)).toEqual(pattern === '?' ? ['b'] : ['app']);
  });
  test.each([
    ['[z-a]'],
    ['{a,b'],
    ['(a|a)(a|a)b'],
    ['*a*a*b'],
    ['**/**/**/*a*b*c'],
    ['../outside/*'],
    ['x'.repeat(201)],
  ])('workspaces [%j]: a warning, never a crash', (pattern) => {
    const r = resolve({
      'package.json': pkg({ workspaces: [pattern], scripts: { start: 'node server.js' } }),
      'server.js': EXPRESS,
      'packages/a/package.json': pkg({ name: 'a' }),
    });
    expect(r.warnings.join('\n')).toMatch(/package\.json workspaces: the pattern .* it is not used/);
    expect(r.entries.map((e) => e.value)).toEqual(['app']);
  });
  test('workspaces: a non-string or a non-list is a warning; ** and braces and negations are read', () => {
    const base = {
      'server.js': EXPRESS,
      'packages/a/package.json': pkg({ name: 'a', scripts: { start: 'node a.js' } }),
      'packages/a/a.js': '',
      'apps/deep/b/package.json': pkg({ name: 'b', scripts: { start: 'node b.js' } }),
      'apps/deep/b/b.js': '',
      'packages/test/package.json': pkg({ name: 't', scripts: { start: 'node t.js' } }),
    };
    const odd = resolve({ ...base, 'package.json': pkg({ workspaces: [5, { x: 1 }, 'packages/a'] }) });
    expect(odd.warnings.join('\n')).toContain('5 is not a string');
    expect(odd.entries.map((e) => e.value)).toEqual(['packages/a']);
    expect(
      resolve({
        ...base,
        'package.json': pkg({ workspaces: 'packages/*', scripts: { start: 'node server.js' } }),
      }).warnings.join(),
    ).toContain('not a list');
    const globbed = resolve({ ...base, 'package.json': pkg({ workspaces: ['{packages,apps}/**', '!**/test'] }) });
    expect(globbed.entries.map((e) => e.value).sort()).toEqual(['apps/deep/b', 'packages/a']);
    // Yarn's object form names them under packages.
    expect(
      resolve({
        ...base,
        'package.json': pkg({ workspaces: { packages: ['packages/a'], nohoist: ['**'] } }),
      }).entries.map((e) => e.value),
    ).toEqual(['packages/a']);
  });
  test('workspaces: long folder names are said, not matched; pnpm-workspace.yaml with too many patterns is cut and said', () => {
    const long = `packages/${'a'.repeat(120)}`;
    const r = resolve({
      'package.json': pkg({ workspaces: ['packages/*'], scripts: { start: 'node server.js' } }),
      'server.js': EXPRESS,
      [`${long}/package.json`]: pkg({ name: 'l' }),
    });
    expect(r.warnings.join()).toContain('a name over 100');
    const many = Array.from({ length: 60 }, (_, i) => `  - p${i}/*\n`).join('');
    const p = resolve({
      'package.json': pkg({ scripts: { start: 'node server.js' } }),
      'server.js': EXPRESS,
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'pnpm-workspace.yaml': `packages:\n${many}`,
      'p59/x/package.json': pkg({ name: 'x', scripts: { start: 'node x.js' } }),
      'p0/y/package.json': pkg({ name: 'y', scripts: { start: 'node y.js' } }),
    });
    expect(p.warnings.join()).toContain('only the first 50');
    expect(p.entries.map((e) => e.value)).toEqual(['p0/y']);
  });
  test.each([
    ['{ build: { outDir: dist2 } }', 'dist'],
    ['{ build: { outDir: `${base}/x` } }', 'dist'],
    ['{ build: { outDir: getOut() } }', 'dist'],
    ["const outDir = 'x'; export default { build: { outDir } }", 'dist'],
  ])(
    'vite.config.js %s: a loud warning and a note in the Dockerfile, never a silent /app/dist',
    async (config, out) => {
      const files = {
        'package.json': pkg({ scripts: { build: 'vite build' }, devDependencies: { vite: '6' } }),
        'index.html': '',
        'vite.config.js': `export default ${config}\n`,
      };
      const g = await generate(project(files), { runtime: 'busybox-glibc' });
      const d = g.files[0]!.content;
      expect(d).toContain(`COPY --from=build /app/${out} /www`);
      expect(g.plan.warnings.join()).toContain('cannot evaluate');
      expect(d.split('\nFROM ')[0]).toContain('cannot evaluate');
    },
  );
  test.each([
    ["export default { build: { outDir: path.resolve(__dirname, 'web') } }", 'web'],
    ["export default { build: { outDir: fileURLToPath(new URL('./web', import.meta.url)) } }", 'web'],
    ["export default { root: 'client', build: { outDir: 'out' } }", 'client/out'],
    ["export default { root: 'client' }", 'client/dist'],
    ["export default { root: 'client', build: { outDir: resolve(__dirname, 'web') } }", 'web'],
    ['export default { \'outDir\': "web/" }', 'web'],
    [
      "const root = here(); export default {\n  // the site\n  resolve: { alias: { '@': resolve(root, 'src') } },\n  base: prod ? root : '/',\n  build: {\n    outDir: 'web',\n  },\n}",
      'web',
    ],
  ])('vite.config.js %s: the folder it names (%s)', async (config, out) => {
    const d = await dockerfile(
      {
        'package.json': pkg({ scripts: { build: 'vite build' }, devDependencies: { vite: '6' } }),
        'index.html': '',
        'vite.config.js': `${config}\n`,
      },
      'busybox-glibc',
    );
    expect(d).toContain(`COPY --from=build /app/${out} /www`);
    expect(d).not.toContain('cannot evaluate');
  });
  test('build flags name the output folder; one outside the project is refused with a fix', async () => {
    const site = (build: string, dev: Record<string, string>) => ({
      'package.json': pkg({ scripts: { build }, devDependencies: dev }),
      'index.html': '',
    });
    expect(
      await dockerfile(site('tsc --outDir lib && vite build --outDir site', { vite: '6' }), 'busybox-glibc'),
    ).toContain('COPY --from=build /app/site /www');
    expect(
      await dockerfile(site('parcel build index.html --dist-dir public', { parcel: '2' }), 'busybox-glibc'),
    ).toContain('COPY --from=build /app/public /www');
    expect(
      await dockerfile(site('BUILD_PATH=./www react-scripts build', { 'react-scripts': '5' }), 'busybox-glibc'),
    ).toContain('COPY --from=build /app/www /www');
    expect(() => resolve(site('vite build --outDir ../server/public', { vite: '6' }))).toThrow(
      expect.objectContaining({ code: 'E_REFUSED', hint: expect.stringContaining('inside the project') }),
    );
    const unreadable = resolve(site('vite build --outDir $OUT', { vite: '6' }));
    expect(unreadable.warnings.join()).toContain('cannot evaluate');
  });
  test('keep: the dependency files, workspace package.json files, patches and the entry file', () => {
    const r = resolve({
      'package.json': pkg({ workspaces: ['apps/*'], pnpm: {} }),
      'package-lock.json': '{"lockfileVersion":3,"packages":{}}',
      '.npmrc': 'x=1\n',
      'apps/api/package.json': pkg({ name: 'api', scripts: { start: 'node src/server.js' } }),
      'apps/api/src/server.js': EXPRESS,
    });
    expect(r.keep).toEqual([
      'package.json',
      'package-lock.json',
      'apps/api/package.json',
      '.npmrc',
      'apps/api/src/server.js',
    ]);
    const p = resolve({
      'package.json': pkg({
        scripts: { start: 'node server.js' },
        pnpm: { patchedDependencies: { 'x@1.0.0': 'patches/x@1.0.0.patch', 'y@1': 'gone.patch' } },
      }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'patches/x@1.0.0.patch': '--- a\n',
      'server.js': EXPRESS,
    });
    expect(p.keep).toEqual(['package.json', 'pnpm-lock.yaml', 'patches', 'server.js']);
    expect(p.warnings.join()).toContain('gone.patch');
    expect((p.own as { manifests: string[] }).manifests).toContain('patches/');
  });
  test('patch folders are copied with the dependency files, before the install', async () => {
    const d = await dockerfile({
      'package.json': pkg({
        scripts: { start: 'node server.js' },
        dependencies: { x: '1' },
        pnpm: { patchedDependencies: { 'x@1.0.0': 'patches/x@1.0.0.patch' } },
      }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'patches/x@1.0.0.patch': '--- a\n',
      'server.js': EXPRESS,
    });
    const build = d.split('\nFROM ')[1]!;
    expect(build).toContain('COPY patches/ patches/');
    expect(build.indexOf('COPY patches/ patches/')).toBeLessThan(build.indexOf('pnpm install'));
  });
  test('a workspace folder a COPY line cannot carry is refused with the fix (renaming), not --entry', () => {
    expect(() =>
      resolve({
        'package.json': pkg({ workspaces: ['apps/*'] }),
        'apps/my api/package.json': pkg({ name: 'api', scripts: { start: 'node s.js' } }),
        'apps/my api/s.js': '',
      }),
    ).toThrow(expect.objectContaining({ code: 'E_UNSAFE_VALUE', hint: expect.stringContaining('Rename') }));
  });
});

describe('the package manager itself', () => {
  const app = { 'index.js': 'require("http").createServer().listen(3000)\n' };
  test('Yarn 1 is installed from Node 25 on (the images no longer carry it), and not before', async () => {
    const files = {
      ...app,
      'package.json': pkg({ scripts: { start: 'node index.js' } }),
      'yarn.lock': '# yarn lockfile v1\n',
    };
    const text = async (v: string) => (await generate(project({ ...files, '.nvmrc': `${v}\n` }))).files[0]!.content;
    expect(await text('26')).toContain('npm install --global yarn@1');
    expect(await text('22')).not.toContain('npm install --global yarn');
  });
  test("engines.pnpm chooses pnpm's major when packageManager is absent (pnpm refuses to run otherwise)", async () => {
    const files = {
      ...app,
      'package.json': pkg({ scripts: { start: 'node index.js' }, engines: { pnpm: '^11.9.0' } }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    };
    const g = await generate(project(files));
    expect(g.files[0]!.content).toContain('npm install --global pnpm@11');
    expect(g.plan.decisions.find((d) => d.topic === 'Package manager')?.because).toContain('engines.pnpm');
  });
});

describe('native addons on Debian 13', () => {
  test('the builder gets setuptools (distutils) for node-gyp from Node 26, whose images are Debian 13', async () => {
    const files = {
      'package.json': pkg({ scripts: { start: 'node index.js' }, dependencies: { 'better-sqlite3': '11' } }),
      'package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { 'node_modules/better-sqlite3': { version: '11.0.0' } },
      }),
      'index.js': '',
    };
    const apt = async (v: string) =>
      /apt-get install -y --no-install-recommends ([^\n\\]*)/.exec(
        (await generate(project({ ...files, '.nvmrc': `${v}\n` }))).files[0]!.content,
      )?.[1];
    expect(await apt('26')).toContain('python3 python3-setuptools make g++');
    expect(await apt('22')).toContain('python3 make g++');
  });
});
