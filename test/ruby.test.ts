import { describe, expect, test } from '@jest/globals';
import { scanProject } from '../src/detect/scan.js';
import { detect } from '../src/detect/index.js';
import { generate } from '../src/index.js';
import { parseGemfile, parseLockfile, ruby, rubyVersion } from '../src/lang/ruby.js';
import { project } from './helpers.js';

const resolve = (files: Record<string, string>, opts = {}) => ruby.resolve(scanProject(project(files)), 'ruby', opts);
const option = async (files: Record<string, string>, runtime: string) => (await generate(project(files))).plan.options.find((o) => o.runtime === runtime)!;
const LOCK = (specs: string, extra = '') => `GEM\n  specs:\n${specs}\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  x\n${extra}\nBUNDLED WITH\n   2.5.22\n`;

describe('Gemfile and lock', () => {
  test('development and test groups are left out; path and git gems are noticed; ruby and gemspec read', () => {
    const g = parseGemfile(`source "https://gems.example.invalid"\nruby "3.3.6"\ngemspec\ngem "rails", "~> 8.0"\ngem "greeter", path: "./gems/greeter/"\ngem "x", github: "a/x"\ngroup :development, :test do\n  gem "rspec"\n  gem "debug"\nend\ngem "rubocop", group: :development\n# gem "commented"\n`);
    expect(g).toMatchObject({ gems: ['rails', 'greeter', 'x'], devGems: ['rspec', 'debug', 'rubocop'], paths: [{ name: 'greeter', path: 'gems/greeter' }], git: true, ruby: '3.3.6', gemspec: true });
  });
  test('the lock: gems with their platforms, RUBY VERSION, BUNDLED WITH', () => {
    const l = parseLockfile(LOCK('    nokogiri (1.18.10-x86_64-linux-gnu)\n      racc (~> 1.4)\n    nokogiri (1.18.10-x86_64-linux-musl)\n    pg (1.5.9)\n', 'RUBY VERSION\n   ruby 3.3.6p108\n'));
    expect(l.gems.get('nokogiri')).toEqual(['x86_64-linux-gnu', 'x86_64-linux-musl']);
    expect(l.gems.get('pg')).toEqual(['ruby']);
    expect(l).toMatchObject({ ruby: '3.3.6', bundler: '2.5.22' });
  });
  test.each([['3.3.6', { minor: '3.3', exact: '3.3.6' }], ['ruby-3.2.2', { minor: '3.2', exact: '3.2.2' }], ['3.4', { minor: '3.4', exact: undefined }], ['~> 3.2', undefined], ['jruby-9.4', undefined]])('%s', (raw, want) => expect(rubyVersion(raw)).toEqual(want));
  test('an exact version is kept exactly (Bundler refuses another patch); .ruby-version first', () => {
    expect(resolve({ Gemfile: 'ruby "3.3.6"\ngem "rack"\n', 'main.rb': '' }).version).toEqual({ value: '3.3.6', source: 'Gemfile ruby (3.3.6), which the Gemfile makes Bundler enforce' });
    // A version file alone is no constraint of Bundler's: its minor's tag, which keeps getting fixes.
    expect(resolve({ Gemfile: 'gem "rack"\n', '.ruby-version': 'ruby-3.4.1\n', 'main.rb': '' }).version.value).toBe('3.4');
    expect(resolve({ Gemfile: 'ruby file: ".ruby-version"\n', '.ruby-version': '3.4.1\n', 'main.rb': '' }).version.value).toBe('3.4.1');
    expect(resolve({ Gemfile: 'gem "rack"\n', 'main.rb': '' }).warnings.join()).toContain('no Gemfile.lock');
  });
});

describe('programs', () => {
  test('Rails runs bin/rails server (which reads config/puma.rb and makes tmp/pids) on 3000; the secret is said to be needed', () => {
    const r = resolve({ Gemfile: 'gem "rails"\ngem "puma"\ngem "bootsnap"\n', 'config/application.rb': '', 'config/puma.rb': 'port ENV.fetch("PORT", 3000)\n', 'app/models/x.rb': '', 'bin/rails': '' });
    expect((r.own as { command: string[] }).command).toEqual(['bin/rails', 'server', '-b', '0.0.0.0']);
    expect(r.port?.value).toBe(3000);
    expect(r.warnings.join()).toContain('RAILS_MASTER_KEY');
  });
  test('a Rack app on puma or rackup (9292); a classic Sinatra script with its port', () => {
    expect((resolve({ Gemfile: 'gem "puma"\ngem "rack"\n', 'config.ru': 'run App\n' }).own as { command: string[] }).command).toEqual(['bundle', 'exec', 'puma', '--bind', 'tcp://0.0.0.0:9292', 'config.ru']);
    expect((resolve({ Gemfile: 'gem "rack"\ngem "rackup"\n', 'config.ru': 'run App\n' }).own as { command: string[] }).command).toContain('rackup');
    const s = resolve({ Gemfile: 'gem "sinatra"\n', 'app.rb': "require 'sinatra'\nset :port, 8080\nget('/') { 'hi' }\n" });
    expect(s.port?.value).toBe(8080);
    expect((s.own as { command: string[] }).command).toEqual(['bundle', 'exec', 'ruby', 'app.rb', '-o', '0.0.0.0', '-p', '8080']);
  });
  test('a gem\'s executables; nothing to run is an error with the fix', () => {
    const r = resolve({ Gemfile: 'gemspec\n', 'tool.gemspec': 'Gem::Specification.new do |s|\n  s.executables = ["tool"]\nend\n', 'lib/tool.rb': '' });
    expect((r.own as { command: string[] }).command).toEqual(['bundle', 'exec', 'tool']);
    expect(() => resolve({ Gemfile: 'gem "rack"\n', 'lib/x.rb': '' })).toThrow(expect.objectContaining({ code: 'E_NO_ENTRY' }));
  });
});

describe('runtimes and build', () => {
  test('pg compiles against libpq in the builder and loads libpq5 at run time; alpine is refused for a glibc-only precompiled gem', async () => {
    const files = { Gemfile: 'gem "pg"\ngem "nokogiri"\n', 'Gemfile.lock': LOCK('    nokogiri (1.18.10-x86_64-linux-gnu)\n    pg (1.5.9)\n'), 'main.rb': '', '.ruby-version': '3.3\n' };
    const g = await generate(project(files), { runtime: 'slim' });
    const d = g.files[0]!.content;
    expect(d).toMatch(/apt-get install -y --no-install-recommends build-essential libpq-dev/);
    expect(d.split('\nFROM ').pop()).toContain('libpq5');
    expect(d).toContain('ENV BUNDLE_PATH=/usr/local/bundle BUNDLE_WITHOUT=development:test BUNDLE_DEPLOYMENT=1');
    expect(await option(files, 'alpine')).toMatchObject({ ok: false, fix: expect.stringContaining('--add-platform x86_64-linux-musl') });
    expect(await option(files, 'distroless')).toMatchObject({ ok: false, reason: expect.stringContaining('no Ruby image') });
  });
  test('a path gem is copied before the install; the final stage has the bundle and the app only', async () => {
    const d = (await generate(project({ Gemfile: 'gem "g", path: "gems/g"\n', 'Gemfile.lock': 'PATH\n  remote: gems/g\n  specs:\n    g (0.1.0)\n', 'gems/g/g.gemspec': '', 'main.rb': '' }), { runtime: 'slim' })).files[0]!.content;
    const build = d.split('\nFROM ')[1]!;
    expect(build.indexOf('COPY gems/g gems/g/')).toBeLessThan(build.indexOf('bundle install'));
    expect(d.split('\nFROM ').pop()!.match(/^COPY .*/gm)).toEqual(['COPY --from=build /usr/local/bundle /usr/local/bundle', 'COPY --from=build /app /app']);
  });
  test('a Gemfile of test and lint tools beside go.mod is the Go project\'s tooling (fzf)', () => {
    const scan = scanProject(project({ Gemfile: "gem 'minitest', '5.25.4'\ngem 'rubocop', '1.71.0'\ngem 'rubocop-minitest'\n", 'Gemfile.lock': LOCK('    minitest (5.25.4)\n'), 'go.mod': 'module x\n\ngo 1.24\n', 'main.go': 'package main\n\nfunc main() {}\n', 'test/test_x.rb': '', 'test/runner.rb': '' }));
    expect(detect(scan).ranked[0]!.lang).toBe('go');
    expect(detect(scan).ties).toEqual([]);
  });
  test('Ruby scripts without a Gemfile beside C sources do not tie with C (redis\'s utils/)', () => {
    const files: Record<string, string> = { Makefile: 'all:\n\tcd src && $(MAKE)\n' };
    for (let i = 0; i < 30; i++) files[`src/f${i}.c`] = 'int f(void) { return 0; }\n';
    for (let i = 0; i < 9; i++) files[`utils/u${i}.rb`] = 'puts 1\n';
    const { ranked, ties } = detect(scanProject(project(files)));
    expect(ranked[0]!.lang).toBe('c');
    expect(ties).toEqual([]);
  });
  test('a Gemfile beside a package.json for assets is Ruby', () => {
    const scan = scanProject(project({ Gemfile: 'gem "rails"\n', 'Gemfile.lock': LOCK('    rails (8.0.0)\n'), 'config/application.rb': '', 'package.json': '{"scripts":{"build":"esbuild app.js"}}', 'app/models/a.rb': '' }));
    expect(detect(scan).ranked[0]!.lang).toBe('ruby');
  });
});

describe('what the real repositories taught', () => {
  test('groups for development only (quality, tools, doc) stay out; a Procfile puma -C takes puma.rb\'s port, and puma\'s own default is 9292', async () => {
    const g = (await import('../src/lang/ruby.js')).parseGemfile('gem "rack"\ngroup :quality do\n  gem "rubocop"\nend\ngroup :tools, :development do\n  gem "x"\nend\ngem "y", group: :doc\ngroup :web do\n  gem "puma"\nend\n');
    expect(g.without).toEqual(['development', 'test', 'quality', 'tools', 'doc']);
    expect(g.gems).toContain('puma');
    expect(resolve({ Gemfile: 'gem "puma"\n', Procfile: 'web: bundle exec puma -C ./config/puma.rb\n', 'config/puma.rb': "port ENV.fetch('PORT', 3000)\n", 'config.ru': '' }).port?.value).toBe(3000);
    expect(resolve({ Gemfile: 'gem "puma"\n', Procfile: 'web: bundle exec puma -C config/puma.rb\n', 'config/puma.rb': 'workers 2\n', 'config.ru': '' }).port?.value).toBe(9292);
  });
  test('a server owns /app and gets tmp/pids and log/; every builder with gems has a compiler', async () => {
    const d = (await generate(project({ Gemfile: 'gem "rack"\ngem "rackup"\n', 'config.ru': 'run App\n' }), { runtime: 'slim' })).files[0]!.content;
    expect(d).toContain('RUN mkdir -p tmp/pids log');
    expect(d).toContain('COPY --from=build --chown=65532:65532 /app /app');
    expect(d).toContain('build-essential');
  });
  test('executables listed the generated way (files.grep bin/), and a gemspec\'s dependencies without a lock', () => {
    const r = resolve({ Gemfile: 'gemspec\n', 'tmuxinator.gemspec': 's.executables = s.files.grep(%r{^bin/}) { |f| File.basename(f) }\ns.add_dependency "thor", "~> 1.3"\ns.add_runtime_dependency("eventmachine")\n', 'bin/tmuxinator': '#!/usr/bin/env ruby\n', 'bin/setup': '', 'lib/t.rb': '' });
    expect(r.entries.map((e) => e.value)).toEqual(['tmuxinator']);
    expect(r.decisions.find((d) => d.topic === 'Native gems')?.choice).toContain('eventmachine');
  });
  test('Hanami runs in production on its port; a Bundler 1 lock is warned about', () => {
    const r = resolve({ Gemfile: 'gem "hanami"\ngem "puma"\n', 'config.ru': '', 'config/puma.rb': '' , 'Gemfile.lock': LOCK('    hanami (2.3.0)\n').replace('2.5.22', '1.17.3') });
    expect((r.own as { env: string[] }).env).toEqual(expect.arrayContaining(['HANAMI_ENV=production']));
    expect(r.warnings.join()).toContain('Bundler 1.17.3');
  });
});

