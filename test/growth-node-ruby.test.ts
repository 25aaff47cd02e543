import { growthProbes } from './growth.js';

/**
 * Node, Ruby and compose readers against crafted inputs that grow: each must take time in
 * proportion to its input (runs of whitespace, long lines, many lines, long names against globs).
 */
const pkg = (p: Record<string, unknown>) => JSON.stringify({ name: 'app', version: '1.0.0', ...p });
const NODE_APP = { '.nvmrc': '22\n', 'server.js': "require('http').createServer().listen(3000);\n" };
const RUBY_APP = { 'main.rb': 'puts 1\n', '.ruby-version': '3.3.6\n' };
const VITE = (config: string) => ({
  'package.json': pkg({ scripts: { build: 'vite build' }, devDependencies: { vite: '6' } }),
  'index.html': '<!doctype html>\n',
  '.nvmrc': '22\n',
  'vite.config.js': config,
});

growthProbes('Ruby readers grow linearly', [
  {
    name: 'Gemfile: group line with a long run of whitespace (no do)',
    base: 9,
    make: (n) => ({
      ...RUBY_APP,
      Gemfile: `source "https://rubygems.org"\ngroup :development${' '.repeat(n)}x\nend\ngem "rack"\n`,
    }),
  },
  {
    name: 'Gemfile: group line with long runs of whitespace around names',
    base: 3,
    make: (n) => ({
      ...RUBY_APP,
      Gemfile: `group ${' '.repeat(n)}:development,${' '.repeat(n)}:test${' '.repeat(n)}\ngem "rack"\n`,
    }),
  },
  {
    name: 'Gemfile: n group lines with two long runs of whitespace',
    base: 1,
    make: (n) => ({ ...RUBY_APP, Gemfile: `group${' '.repeat(495)}a${' '.repeat(495)}x\n`.repeat(n) + 'gem "rack"\n' }),
  },
  {
    name: 'Gemfile: gem and ruby lines with long runs of whitespace',
    base: 9,
    make: (n) => ({
      ...RUBY_APP,
      Gemfile: `gem${' '.repeat(n)}(${' '.repeat(n)}x\nruby${' '.repeat(n)}(${' '.repeat(n)}x\ngem "rack",${' '.repeat(n)}group:${' '.repeat(n)}x\n`,
    }),
  },
  {
    name: 'Gemfile: n gem lines with options full of whitespace',
    base: 2,
    make: (n) => ({
      ...RUBY_APP,
      Gemfile: `gem "g", ${' '.repeat(200)}path:${' '.repeat(200)}x, groups:${' '.repeat(200)}[\n`.repeat(n),
    }),
  },
  {
    name: 'Gemfile: n CRLF lines of # and spaces (comments cut by a hand loop)',
    base: 2,
    make: (n) => ({
      ...RUBY_APP,
      Gemfile: `gem "rack"\n${`g${' #'.repeat(499)}\r\n`.repeat(n)}${`g${'#a'.repeat(499)}\r\n`.repeat(n)}`,
    }),
  },
  {
    name: 'config/puma.rb: n blank lines before no port',
    base: 300,
    make: (n) => ({
      ...RUBY_APP,
      Gemfile: 'gem "puma"\n',
      'config.ru': 'run ->(e) { [200, {}, ["ok"]] }\n',
      'config/puma.rb': `${' \n'.repeat(n)}workers 2\n`,
    }),
  },
  {
    name: 'gemspec: add_dependency followed by long whitespace, no lock',
    base: 500,
    make: (n) => ({
      ...RUBY_APP,
      Gemfile: 'gemspec\n',
      'x.gemspec': `Gem::Specification.new do |s|\n  s.add_dependency${' '.repeat(n)}(${' '.repeat(n)}\n  s.executables =${'\n'.repeat(n)}\nend\n`,
    }),
  },
  {
    name: 'Procfile web line with spaces; sinatra source with spaces',
    base: 3,
    make: (n) => ({
      ...RUBY_APP,
      Gemfile: 'gem "sinatra"\n',
      'app.rb': `require${' '.repeat(n * 100)}'sinatra'\nset${' '.repeat(n * 100)}:port${' '.repeat(n * 100)},\n`,
      Procfile: `web: bundle exec ruby app.rb -p${' '.repeat(n)}x\n`,
    }),
  },
]);

growthProbes('Node readers grow linearly', [
  {
    // Found by the fuzz step: composing this took the YAML library minutes; it is refused before.
    name: 'pnpm-workspace.yaml: an unterminated quoted scalar, then n escaped and CR line breaks',
    base: 20,
    make: (n) => ({
      ...NODE_APP,
      'package.json': pkg({ scripts: { start: 'node server.js' } }),
      'pnpm-lock.yaml': '',
      'pnpm-workspace.yaml': `packages:\n  x: ${'"'.repeat(2839)}\n${'\\\n'.repeat(n)}${'\n\r'.repeat(2 * n)} port:x\n`,
    }),
  },
  {
    name: 'package.json: start and build scripts full of spaces',
    base: 3,
    make: (n) => ({
      ...NODE_APP,
      'package.json': pkg({
        scripts: {
          start: `node${' '.repeat(n)}server.js${' '.repeat(n)}--port=${' '.repeat(n)}`,
          build: `tsc${' '.repeat(n * 100)}&&${' '.repeat(n * 100)}x`,
          prepare: ' '.repeat(n * 100),
        },
      }),
    }),
  },
  {
    name: 'package.json: start script of n spaces then shell syntax',
    base: 100,
    make: (n) => ({ ...NODE_APP, 'package.json': pkg({ scripts: { start: `node server.js${' '.repeat(n)};` } }) }),
  },
  {
    name: 'workspaces: a glob with many stars against long folder names',
    base: 2,
    make: (n) => ({
      ...NODE_APP,
      'package.json': pkg({
        workspaces: ['packages/*a*a*a*a*a*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/**/**/**/**/**/c'],
        scripts: { start: 'node server.js' },
      }),
      [`packages/${'a'.repeat(Math.min(n, 200))}/package.json`]: pkg({ name: 'x' }),
      [`packages/${'a'.repeat(Math.min(n, 200))}/${'a'.repeat(Math.min(n, 200))}/${'a'.repeat(Math.min(n, 200))}/package.json`]:
        pkg({ name: 'y' }),
    }),
  },
  {
    name: 'workspaces: n package folders against invalid and odd patterns',
    base: 5,
    make: (n) => {
      const files: Record<string, string> = {
        ...NODE_APP,
        'package.json': pkg({
          workspaces: [
            '?',
            '[',
            '**/**/**/x',
            5,
            '{a,b',
            '(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)b',
            'packages/*',
          ],
          scripts: { start: 'node server.js' },
        }),
      };
      for (let i = 0; i < n; i++) files[`packages/p${i}${'a'.repeat(100)}/package.json`] = pkg({ name: `p${i}` });
      return files;
    },
  },
  {
    name: 'workspaces: the most wildcards allowed against n folders of long names',
    base: 5,
    make: (n) => {
      const files: Record<string, string> = {
        ...NODE_APP,
        'package.json': pkg({
          workspaces: ['packages/*a*b', 'packages/[ab][ab][ab][ab]*{a,a,a,a,a,a,a,a,a,a}b', '**/*a*b', '!**/*a*c'],
          scripts: { start: 'node server.js' },
        }),
      };
      for (let i = 0; i < n; i++) files[`packages/${'a'.repeat(95)}${i}/package.json`] = pkg({ name: `p${i}` });
      return files;
    },
  },
  {
    name: 'pnpm-workspace.yaml: n patterns',
    base: 20,
    make: (n) => ({
      ...NODE_APP,
      'package.json': pkg({ scripts: { start: 'node server.js' } }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'pnpm-workspace.yaml': `packages:\n${Array.from({ length: n }, (_, i) => `  - 'p${i}/*${'*a'.repeat(20)}'\n`).join('')}`,
      'p1/x/package.json': pkg({ name: 'x' }),
    }),
  },
  {
    name: 'vite.config.js: outDir after long whitespace',
    base: 100,
    make: (n) =>
      VITE(
        `export default {${' '.repeat(n)}build: {${' '.repeat(n)}outDir${' '.repeat(n)}:${' '.repeat(n)}'site'${'\n'.repeat(n)}}}\n${'outDir '.repeat(n)}\n`,
      ),
  },
  {
    name: 'server.js: 300k short lines before the port',
    base: 3000,
    make: (n) => ({
      '.nvmrc': '22\n',
      'package.json': pkg({ scripts: { start: 'node server.js' } }),
      'server.js': `${'x\n'.repeat(n)}${'port\n'.repeat(n / 10)}${'PORT \n'.repeat(n / 10)}app.listen(4000)\n`,
    }),
  },
  {
    name: '.env.example: long lines, with --compose',
    base: 50,
    options: { compose: true },
    make: (n) => ({
      ...NODE_APP,
      'package.json': pkg({ scripts: { start: 'node server.js' }, dependencies: { pg: '8' } }),
      '.env.example': `${' '.repeat(n)}X${' '.repeat(n)}=\nexport${' '.repeat(n)}Y=${' '.repeat(n)}=${' '.repeat(n)}\nPORT${' '.repeat(n)}=${' '.repeat(n)}80${' '.repeat(n)}x\n${'= '.repeat(n)}\n`,
    }),
  },
]);
