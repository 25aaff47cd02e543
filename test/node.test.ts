import { describe, expect, test } from '@jest/globals';
import { scanProject } from '../src/detect/scan.js';
import { detect } from '../src/detect/index.js';
import { generate } from '../src/index.js';
import { lockPackages, majorForRange, node, nodeMajor, parseStart } from '../src/lang/node.js';
import { project } from './helpers.js';

const pkg = (p: Record<string, unknown>) => JSON.stringify({ name: 'app', version: '1.0.0', ...p });
const resolve = (files: Record<string, string>, opts = {}) => node.resolve(scanProject(project(files)), 'node', opts);
const dockerfile = async (files: Record<string, string>, runtime = 'slim') => (await generate(project(files), { runtime: runtime as 'slim' })).files[0]!.content;
const EXPRESS = "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT || 4000);\n";

describe('versions', () => {
  test.each([['v22.11.0', 22], ['20', 20], ['lts/jod', 22], ['lts/*', 26], ['node', 26], ['22.x', 22], ['latest-ish', undefined], ['', undefined]])('%s -> %s', (raw, want) => expect(nodeMajor(raw)).toBe(want));
  test.each([['>=18', 26], ['^20.9.0', 20], ['>=20 <23', 22], ['22.x || 24.x', 24], ['<18', undefined], ['not a range', undefined]])('engines %s -> %s', (range, want) => expect(majorForRange(range)).toBe(want));
  test('.nvmrc wins over engines; an end-of-life major is said', () => {
    const r = resolve({ 'package.json': pkg({ engines: { node: '>=18' }, scripts: { start: 'node a.js' } }), '.nvmrc': 'v20.11.1\n', 'a.js': '' });
    expect(r.version).toEqual({ value: '20', source: '.nvmrc (v20.11.1)' });
    expect(r.warnings.join()).toContain('end of life');
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
    expect(parseStart('nodemon src/index.ts', {})).toMatchObject({ problem: expect.stringContaining('development runner') });
    expect(parseStart('serve -s build', {})).toMatchObject({ static: true });
  });
  test('a port in the start script or the code; npm start never runs as PID 1', async () => {
    const d = await dockerfile({ 'package.json': pkg({ scripts: { start: 'PORT=5000 node index.js' }, dependencies: { express: '4' } }), 'index.js': EXPRESS });
    expect(d).toContain('ENTRYPOINT ["node", "index.js"]');
    expect(d).toContain('EXPOSE 5000');
    expect(d).toContain('ENV NODE_ENV=production PORT=5000');
    expect(d).not.toMatch(/npm start|"npm"/);
    expect(await dockerfile({ 'package.json': pkg({ dependencies: { express: '4' } }), 'server.js': EXPRESS })).toContain('EXPOSE 4000');
  });
  test('TypeScript run by a development runner without a build is refused with the fix', () => {
    expect(() => resolve({ 'package.json': pkg({ scripts: { start: 'ts-node src/index.ts' } }), 'src/index.ts': '' })).toThrow(expect.objectContaining({ code: 'E_NO_ENTRY', hint: expect.stringContaining('build script') }));
  });
});

describe('package managers', () => {
  test.each([
    [{ 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" }, 'pnpm install --frozen-lockfile'],
    [{ 'yarn.lock': '# yarn lockfile v1\n' }, 'yarn install --frozen-lockfile'],
    [{ 'yarn.lock': '__metadata:\n  version: 8\n', '.yarnrc.yml': 'nodeLinker: node-modules\n' }, 'yarn install --immutable'],
    [{ 'package-lock.json': '{"lockfileVersion":3,"packages":{}}' }, 'npm ci'],
    [{ 'bun.lock': '{"lockfileVersion":1,"packages":{},}' }, 'bun install --frozen-lockfile'],
  ])('%j installs frozen', async (files, command) => {
    const d = await dockerfile({ 'package.json': pkg({ scripts: { start: 'node a.js', build: 'node b.js' }, dependencies: { x: '1' } }), 'a.js': '', ...files });
    expect(d).toContain(command);
    // The build had the dev dependencies; the final stage gets the production ones only.
    expect(d).toMatch(/prune|--production|focus --all --production/);
  });
  test('no lock: a warning, and npm install instead of npm ci', async () => {
    const r = resolve({ 'package.json': pkg({ scripts: { start: 'node a.js' } }), 'a.js': '' });
    expect(r.warnings.join()).toContain('no lock file');
  });
  test('lock packages: npm install scripts, pnpm and yarn keys', () => {
    const npm = lockPackages(JSON.stringify({ packages: { '': {}, 'node_modules/bcrypt': { hasInstallScript: true }, 'node_modules/a/node_modules/@s/b': {} } }), 'package-lock.json');
    expect([...npm.names].sort()).toEqual(['@s/b', 'bcrypt']);
    expect([...npm.installScripts]).toEqual(['bcrypt']);
    expect([...lockPackages("packages:\n\n  '@scope/x@1.0.0':\n    resolution: {}\n  better-sqlite3@11.0.0:\n", 'pnpm-lock.yaml').names].sort()).toEqual(['@scope/x', 'better-sqlite3']);
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
    const g26 = await generate(project({ ...files, '.nvmrc': '26\n' }));
    expect(g26.plan.options.find((o) => o.runtime === 'distroless')).toMatchObject({ ok: false, reason: expect.stringContaining('Node 26') });
    expect(g26.plan.options.find((o) => o.runtime === 'scratch')).toMatchObject({ ok: false });
    expect(g26.plan.options.find((o) => o.runtime === 'busybox-glibc')).toMatchObject({ ok: false, reason: expect.stringContaining('no Node.js') });
  });
  test('a native addon compiles in the builder; canvas needs its libraries at run time and keeps alpine out', async () => {
    const files = { 'package.json': pkg({ scripts: { start: 'node a.js' }, dependencies: { canvas: '2' } }), 'a.js': '', '.nvmrc': '22\n' };
    const d = await dockerfile(files);
    expect(d).toMatch(/apt-get install -y --no-install-recommends python3 make g\+\+ libcairo2-dev/);
    expect(d.split('\nFROM ').pop()).toContain('libcairo2');
    const g = await generate(project(files));
    expect(g.plan.options.find((o) => o.runtime === 'alpine')).toMatchObject({ ok: false });
    expect(g.plan.options.find((o) => o.runtime === 'distroless')).toMatchObject({ ok: false });
  });
});

describe('static sites', () => {
  const vite = { 'package.json': pkg({ scripts: { build: 'vite build', dev: 'vite' }, dependencies: { react: '19', 'react-router-dom': '7' }, devDependencies: { vite: '6' } }), 'index.html': '<div></div>', 'vite.config.js': "export default { build: { outDir: 'public-dist' } }\n" };
  test('a Vite app is files on busybox httpd, with index.html for unknown paths; no Node.js runtime', async () => {
    const g = await generate(project(vite));
    expect(g.plan.runtime).toBe('busybox-glibc');
    const d = g.files[0]!.content;
    expect(d).toContain('COPY --from=build /app/public-dist /www');
    expect(d).toContain('ENTRYPOINT ["httpd", "-f", "-v", "-p", "8080", "-h", "/www", "-c", "/etc/httpd.conf"]');
    expect(g.plan.options.find((o) => o.runtime === 'distroless')).toMatchObject({ ok: false, reason: expect.stringContaining('files only') });
    expect(await dockerfile(vite, 'alpine')).toContain('try_files $uri $uri/ /index.html');
  });
  test('a server framework beside Vite makes it a server, not a site', () => {
    const r = resolve({ ...vite, 'package.json': pkg({ scripts: { build: 'vite build', start: 'node server.js' }, dependencies: { express: '4' }, devDependencies: { vite: '6' } }), 'server.js': EXPRESS });
    expect(r.decisions.find((d) => d.topic === 'Static site')).toBeUndefined();
  });
});

describe('workspaces and detection', () => {
  test('workspace packages that start something are the programs; --entry picks one; the library is none', () => {
    const files = {
      'package.json': pkg({ private: true, workspaces: ['apps/*', 'packages/*'] }),
      'apps/api/package.json': pkg({ name: '@x/api', scripts: { start: 'node server.js' } }), 'apps/api/server.js': EXPRESS,
      'apps/cron/package.json': pkg({ name: '@x/cron', scripts: { start: 'node run.js' } }), 'apps/cron/run.js': '',
      'packages/lib/package.json': pkg({ name: '@x/lib', main: 'index.js' }), 'packages/lib/index.js': '',
    };
    const r = resolve(files);
    expect(r.entries.map((e) => e.value)).toEqual(['apps/api', 'apps/cron']);
    expect(resolve(files, { entry: 'cron' }).entry.value).toBe('apps/cron');
  });
  test('a package.json that only builds assets does not outweigh pyproject.toml', () => {
    const scan = scanProject(project({ 'package.json': pkg({ scripts: { build: 'tailwindcss -o x.css' }, devDependencies: { tailwindcss: '4' } }), 'pyproject.toml': '[project]\nname = "x"\nversion = "1"\n', 'main.py': 'print(1)\n', 'app.py': '' }));
    expect(detect(scan).ranked[0]!.lang).toBe('python');
  });
  test('a hostile name or start file stops with exit 2 and nothing written', () => {
    expect(() => resolve({ 'package.json': pkg({ scripts: { start: 'node ../../etc/passwd' } }) })).toThrow(expect.objectContaining({ code: 'E_UNSAFE_VALUE' }));
    expect(() => resolve({ 'package.json': '{not json' })).toThrow(expect.objectContaining({ code: 'E_UNREADABLE' }));
  });
});

describe('what the real repositories taught', () => {
  test('a package that only installs a command (bin) runs it, built first', async () => {
    const d = await dockerfile({ 'package.json': pkg({ name: 'json-server', bin: { 'json-server': 'lib/bin.js' }, scripts: { build: 'tsc' }, dependencies: { x: '1' } }), 'src/bin.ts': '', 'package-lock.json': '{"lockfileVersion":3,"packages":{}}' });
    expect(d).toContain('ENTRYPOINT ["node", "lib/bin.js"]');
    expect(d).toContain('RUN npm run build');
  });
  test('install-time scripts (prepare) get the whole project and the dev dependencies before the install', async () => {
    const d = await dockerfile({ 'package.json': pkg({ scripts: { prepare: 'husky install && pnpm compile', compile: 'tsup', start: 'node build/main.js' }, dependencies: { x: '1' }, devDependencies: { tsup: '8' } }), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", 'src/main.ts': '' });
    const build = d.split('\nFROM ')[1]!;
    expect(build.indexOf('COPY . .')).toBeLessThan(build.indexOf('pnpm install --frozen-lockfile'));
    expect(build).not.toContain('--frozen-lockfile --prod');
    expect(build).toContain('pnpm prune --prod --ignore-scripts');
    // No packageManager: pnpm's major follows the lock's format.
    expect(build).toContain('npm install --global pnpm@9');
  });
  test('SvelteKit adapter-static: its pages folder and fallback page', async () => {
    const d = await dockerfile({ 'package.json': pkg({ scripts: { build: 'vite build' }, devDependencies: { '@sveltejs/kit': '2', '@sveltejs/adapter-static': '3', vite: '6' } }), 'svelte.config.js': "export default { kit: { adapter: adapter({ pages: 'docs', fallback: '404.html' }) } };\n" }, 'busybox-glibc');
    expect(d).toContain('COPY --from=build /app/docs /www');
    expect(d).toContain("E404:/www/404.html");
  });
  test('test browsers are not downloaded in the build; a template folder is no evidence of a port', async () => {
    const d = await dockerfile({ 'package.json': pkg({ scripts: { start: 'node a.js' } }), 'a.js': '', 'package-lock.json': JSON.stringify({ packages: { 'node_modules/cypress': { hasInstallScript: true } } }), 'template/src/api.ts': 'app.listen(3000)\n' });
    expect(d).toContain('CYPRESS_INSTALL_BINARY=0');
    expect(d).not.toContain('EXPOSE 3000');
  });
  test('a pnpm workspace package gets its own production dependencies (pnpm deploy), not every package\'s', async () => {
    const d = await dockerfile({
      'package.json': pkg({ private: true, packageManager: 'pnpm@10.11.0' }), 'pnpm-workspace.yaml': 'packages:\n  - apps/*\n', 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'apps/api/package.json': pkg({ name: '@x/api', scripts: { start: 'node server.js' }, dependencies: { express: '5' } }), 'apps/api/server.js': EXPRESS,
    });
    expect(d).toContain("pnpm --filter '@x/api' deploy --prod --legacy /tmp/deploy");
    expect(d).toContain('COPY --from=build /app/apps/api /app');
    // Yarn Berry keeps only that workspace's production dependencies.
    const berry = await dockerfile({
      'package.json': pkg({ private: true, packageManager: 'yarn@4.9.1', workspaces: ['apps/*'] }), 'yarn.lock': '__metadata:\n  version: 8\n', '.yarnrc.yml': 'nodeLinker: node-modules\n',
      'apps/api/package.json': pkg({ name: '@x/api', scripts: { start: 'node server.js', build: 'tsc' }, dependencies: { express: '5' } }), 'apps/api/server.js': EXPRESS,
    });
    expect(berry).toContain("yarn workspaces focus '@x/api' --production");
  });
});

