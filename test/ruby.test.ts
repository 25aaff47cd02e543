import { describe, expect, test } from '@jest/globals';
import { scanProject } from '../src/core/scan.js';
import { detect } from '../src/languages/index.js';
import { generate } from '../src/index.js';
import { parseGemfile, parseLockfile, pumaConfigPort, ruby, rubyVersion } from '../src/languages/ruby/index.js';
import { meets } from '../src/languages/ruby/constraints.js';
import { project } from './helpers.js';

const resolve = (files: Record<string, string>, opts = {}) => ruby.resolve(scanProject(project(files)), 'ruby', opts);
const option = async (files: Record<string, string>, runtime: string) =>
  (await generate(project(files))).plan.options.find((o) => o.runtime === runtime)!;
const LOCK = (specs: string, extra = '') =>
  `GEM\n  specs:\n${specs}\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  x\n${extra}\nBUNDLED WITH\n   2.5.22\n`;

describe('Gemfile and lock', () => {
  test('development and test groups are left out; path and git gems are noticed; ruby and gemspec read', () => {
    const g = parseGemfile(
      `source "https://gems.example.invalid"\nruby "3.3.6"\ngemspec\ngem "rails", "~> 8.0"\ngem "greeter", path: "./gems/greeter/"\ngem "x", github: "a/x"\ngroup :development, :test do\n  gem "rspec"\n  gem "debug"\nend\ngem "rubocop", group: :development\n# gem "commented"\n`,
    );
    expect(g).toMatchObject({
      gems: ['rails', 'greeter', 'x'],
      devGems: ['rspec', 'debug', 'rubocop'],
      paths: [{ name: 'greeter', path: 'gems/greeter' }],
      git: true,
      ruby: '3.3.6',
      gemspec: true,
    });
  });
  test('the lock: gems with their platforms, RUBY VERSION, BUNDLED WITH', () => {
    const l = parseLockfile(
      LOCK(
        '    nokogiri (1.18.10-x86_64-linux-gnu)\n      racc (~> 1.4)\n    nokogiri (1.18.10-x86_64-linux-musl)\n    pg (1.5.9)\n',
        'RUBY VERSION\n   ruby 3.3.6p108\n',
      ),
    );
    expect(l.gems.get('nokogiri')).toEqual(['x86_64-linux-gnu', 'x86_64-linux-musl']);
    expect(l.gems.get('pg')).toEqual(['ruby']);
    expect(l).toMatchObject({ ruby: '3.3.6', bundler: '2.5.22' });
  });
  test.each([
    ['3.3.6', { minor: '3.3', exact: '3.3.6' }],
    ['ruby-3.2.2', { minor: '3.2', exact: '3.2.2' }],
    ['3.4', { minor: '3.4', exact: undefined }],
    ['~> 3.2', undefined],
    ['jruby-9.4', undefined],
  ])('%s', (raw, want) => expect(rubyVersion(raw)).toEqual(want));
  test('an exact version is kept exactly (Bundler refuses another patch); .ruby-version first', () => {
    expect(resolve({ Gemfile: 'ruby "3.3.6"\ngem "rack"\n', 'main.rb': '' }).version).toEqual({
      value: '3.3.6',
      source: 'Gemfile ruby (3.3.6), which the Gemfile makes Bundler enforce',
    });
    // A version file alone is no constraint of Bundler's: its minor's tag, which keeps getting fixes.
    expect(resolve({ Gemfile: 'gem "rack"\n', '.ruby-version': 'ruby-3.4.1\n', 'main.rb': '' }).version.value).toBe(
      '3.4',
    );
    expect(
      resolve({ Gemfile: 'ruby file: ".ruby-version"\n', '.ruby-version': '3.4.1\n', 'main.rb': '' }).version.value,
    ).toBe('3.4.1');
    expect(resolve({ Gemfile: 'gem "rack"\n', 'main.rb': '' }).warnings.join()).toContain('no Gemfile.lock');
  });
});

describe('programs', () => {
  test('Rails runs bin/rails server (which reads config/puma.rb and makes tmp/pids) on 3000; the secret is said to be needed', () => {
    const r = resolve({
      Gemfile: 'gem "rails"\ngem "puma"\ngem "bootsnap"\n',
      'config/application.rb': '',
      'config/puma.rb': 'port ENV.fetch("PORT", 3000)\n',
      'app/models/x.rb': '',
      'bin/rails': '',
    });
    expect((r.own as { command: string[] }).command).toEqual(['bin/rails', 'server', '-b', '0.0.0.0']);
    expect(r.port?.value).toBe(3000);
    expect(r.warnings.join()).toContain('RAILS_MASTER_KEY');
  });
  test('a Rack app on puma or rackup (9292); a classic Sinatra script with its port', () => {
    expect(
      (resolve({ Gemfile: 'gem "puma"\ngem "rack"\n', 'config.ru': 'run App\n' }).own as { command: string[] }).command,
    ).toEqual(['bundle', 'exec', 'puma', '--bind', 'tcp://0.0.0.0:9292', 'config.ru']);
    expect(
      (resolve({ Gemfile: 'gem "rack"\ngem "rackup"\n', 'config.ru': 'run App\n' }).own as { command: string[] })
        .command,
    ).toContain('rackup');
    const s = resolve({
      Gemfile: 'gem "sinatra"\n',
      'app.rb': "require 'sinatra'\nset :port, 8080\nget('/') { 'hi' }\n",
    });
    expect(s.port?.value).toBe(8080);
    expect((s.own as { command: string[] }).command).toEqual([
      'bundle',
      'exec',
      'ruby',
      'app.rb',
      '-o',
      '0.0.0.0',
      '-p',
      '8080',
    ]);
  });
  test("a gem's executables; nothing to run is an error with the fix", () => {
    const r = resolve({
      Gemfile: 'gemspec\n',
      'tool.gemspec': 'Gem::Specification.new do |s|\n  s.executables = ["tool"]\nend\n',
      'lib/tool.rb': '',
    });
    expect((r.own as { command: string[] }).command).toEqual(['bundle', 'exec', 'tool']);
    expect(() => resolve({ Gemfile: 'gem "rack"\n', 'lib/x.rb': '' })).toThrow(
      expect.objectContaining({ code: 'E_NO_ENTRY' }),
    );
  });
});

describe('runtimes and build', () => {
  test('pg compiles against libpq in the builder and loads libpq5 at run time; alpine is refused for a glibc-only precompiled gem', async () => {
    const files = {
      Gemfile: 'gem "pg"\ngem "nokogiri"\n',
      'Gemfile.lock': LOCK('    nokogiri (1.18.10-x86_64-linux-gnu)\n    pg (1.5.9)\n'),
      'main.rb': '',
      '.ruby-version': '3.3\n',
    };
    const g = await generate(project(files), { runtime: 'slim' });
    const d = g.files[0]!.content;
    expect(d).toMatch(/apt-get install -y --no-install-recommends build-essential libpq-dev/);
    expect(d.split('\nFROM ').pop()).toContain('libpq5');
    expect(d).toContain('ENV BUNDLE_PATH=/usr/local/bundle BUNDLE_WITHOUT=development:test BUNDLE_DEPLOYMENT=1');
    expect(await option(files, 'alpine')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('--add-platform x86_64-linux-musl'),
    });
    expect(await option(files, 'distroless')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no Ruby image'),
    });
  });
  test('a path gem is copied before the install; the final stage has the bundle and the app only', async () => {
    const d = (
      await generate(
        project({
          Gemfile: 'gem "g", path: "gems/g"\n',
          'Gemfile.lock': 'PATH\n  remote: gems/g\n  specs:\n    g (0.1.0)\n',
          'gems/g/g.gemspec': '',
          'main.rb': '',
        }),
        { runtime: 'slim' },
      )
    ).files[0]!.content;
    const build = d.split('\nFROM ')[1]!;
    expect(build.indexOf('COPY gems/g gems/g/')).toBeLessThan(build.indexOf('bundle install'));
    expect(
      d
        .split('\nFROM ')
        .pop()!
        .match(/^COPY .*/gm),
    ).toEqual(['COPY --from=build /usr/local/bundle /usr/local/bundle', 'COPY --from=build /app /app']);
  });
  test("a Gemfile of test and lint tools beside go.mod is the Go project's tooling (fzf)", () => {
    const scan = scanProject(
      project({
        Gemfile: "gem 'minitest', '5.25.4'\ngem 'rubocop', '1.71.0'\ngem 'rubocop-minitest'\n",
        'Gemfile.lock': LOCK('    minitest (5.25.4)\n'),
        'go.mod': 'module x\n\ngo 1.24\n',
        'main.go': 'package main\n\nfunc main() {}\n',
        'test/test_x.rb': '',
        'test/runner.rb': '',
      }),
    );
    expect(detect(scan).ranked[0]!.lang).toBe('go');
    expect(detect(scan).ties).toEqual([]);
  });
  test("Ruby scripts without a Gemfile beside C sources do not tie with C (redis's utils/)", () => {
    const files: Record<string, string> = { Makefile: 'all:\n\tcd src && $(MAKE)\n' };
    for (let i = 0; i < 30; i++) files[`src/f${i}.c`] = 'int f(void) { return 0; }\n';
    for (let i = 0; i < 9; i++) files[`utils/u${i}.rb`] = 'puts 1\n';
    const { ranked, ties } = detect(scanProject(project(files)));
    expect(ranked[0]!.lang).toBe('c');
    expect(ties).toEqual([]);
  });
  test('a Gemfile beside a package.json for assets is Ruby', () => {
    const scan = scanProject(
      project({
        Gemfile: 'gem "rails"\n',
        'Gemfile.lock': LOCK('    rails (8.0.0)\n'),
        'config/application.rb': '',
        'package.json': '{"scripts":{"build":"esbuild app.js"}}',
        'app/models/a.rb': '',
      }),
    );
    expect(detect(scan).ranked[0]!.lang).toBe('ruby');
  });
});

describe('what the real repositories taught', () => {
  test("groups for development only (quality, tools, doc) stay out; a Procfile puma -C takes puma.rb's port, and puma's own default is 9292", async () => {
    const g = (await import('../src/languages/ruby/index.js')).parseGemfile(
      'gem "rack"\ngroup :quality do\n  gem "rubocop"\nend\ngroup :tools, :development do\n  gem "x"\nend\ngem "y", group: :doc\ngroup :web do\n  gem "puma"\nend\n',
    );
    expect(g.without).toEqual(['development', 'test', 'quality', 'tools', 'doc']);
    expect(g.gems).toContain('puma');
    expect(
      resolve({
        Gemfile: 'gem "puma"\n',
        Procfile: 'web: bundle exec puma -C ./config/puma.rb\n',
        'config/puma.rb': "port ENV.fetch('PORT', 3000)\n",
        'config.ru': '',
      }).port?.value,
    ).toBe(3000);
    expect(
      resolve({
        Gemfile: 'gem "puma"\n',
        Procfile: 'web: bundle exec puma -C config/puma.rb\n',
        'config/puma.rb': 'workers 2\n',
        'config.ru': '',
      }).port?.value,
    ).toBe(9292);
  });
  test('a server owns /app and gets tmp/pids and log/; every builder with gems has a compiler', async () => {
    const d = (
      await generate(project({ Gemfile: 'gem "rack"\ngem "rackup"\n', 'config.ru': 'run App\n' }), { runtime: 'slim' })
    ).files[0]!.content;
    expect(d).toContain('RUN mkdir -p tmp/pids log');
    expect(d).toContain('COPY --from=build --chown=65532:65532 /app /app');
    expect(d).toContain('build-essential');
  });
  test("executables listed the generated way (files.grep bin/), and a gemspec's dependencies without a lock", () => {
    const r = resolve({
      Gemfile: 'gemspec\n',
      'tmuxinator.gemspec':
        's.executables = s.files.grep(%r{^bin/}) { |f| File.basename(f) }\ns.add_dependency "thor", "~> 1.3"\ns.add_runtime_dependency("eventmachine")\n',
      'bin/tmuxinator': '#!/usr/bin/env ruby\n',
      'bin/setup': '',
      'lib/t.rb': '',
    });
    expect(r.entries.map((e) => e.value)).toEqual(['tmuxinator']);
    expect(r.decisions.find((d) => d.topic === 'Native gems')?.choice).toContain('eventmachine');
  });
  test('Hanami runs in production on its port; a Bundler 1 lock is warned about', () => {
    const r = resolve({
      Gemfile: 'gem "hanami"\ngem "puma"\n',
      'config.ru': '',
      'config/puma.rb': '',
      'Gemfile.lock': LOCK('    hanami (2.3.0)\n').replace('2.5.22', '1.17.3'),
    });
    expect((r.own as { env: string[] }).env).toEqual(expect.arrayContaining(['HANAMI_ENV=production']));
    expect(r.warnings.join()).toContain('Bundler 1.17.3');
  });
});

describe('hostile projects, round 2', () => {
  test('group and gem lines with long runs of whitespace read fast and right; group(...) do; CRLF comments', () => {
    const ws = ' '.repeat(480);
    const t = Date.now();
    const g = parseGemfile(
      `group${ws}:test,${ws}:lint do\r\n  gem "rspec" # a comment\r\nend\r\ngem${ws.slice(200)}(${ws.slice(200)}"rack", path:${' '.repeat(100)}"vendor/rack")\r\nruby${ws}"3.3.6"\r\ngroup(:development) do\ngem "pry"\nend\ngem "puma" # gem "x", path: "y"\n`.repeat(
        50,
      ),
    );
    expect(Date.now() - t).toBeLessThan(500);
    expect(g).toMatchObject({
      ruby: '3.3.6',
      devGems: expect.arrayContaining(['rspec', 'pry']),
      paths: expect.arrayContaining([{ name: 'rack', path: 'vendor/rack' }]),
    });
    expect(g.without).toEqual(['development', 'test', 'lint']);
    expect(new Set(g.gems)).toEqual(new Set(['rack', 'puma']));
    // Lines no Gemfile has are said, not silently read as nothing.
    expect(parseGemfile(`gem "a"\n${'#'.repeat(1001)}\n`).skipped).toBe(1);
    expect(
      resolve({ Gemfile: `gem "rack"\ngem "x", path: "${'a'.repeat(1001)}"\n`, 'main.rb': '' }).warnings.join(),
    ).toContain('over 1000 characters');
  });
  test('puma.rb is read a line at a time (blank lines, then the port)', () => {
    expect(pumaConfigPort(`${' \n'.repeat(1000)}  port ENV.fetch("PORT") { 4000 }\n`)).toBe(4000);
    expect(pumaConfigPort('workers 2\nport 5000\n')).toBe(5000);
    expect(pumaConfigPort('\n'.repeat(10000))).toBeUndefined();
  });
  test("the Procfile's $PORT and ${PORT:-5000} become the port the image exposes, --port included; another variable is said", async () => {
    const files = {
      Gemfile: 'gem "puma"\ngem "rack"\n',
      'config.ru': 'run App\n',
      Procfile: 'web: bundle exec puma -p ${PORT:-5000} config.ru\n',
    };
    const r = resolve(files);
    expect(r.port?.value).toBe(5000);
    expect(r.own).toMatchObject({ command: ['bundle', 'exec', 'puma', '-p', '5000', 'config.ru'] });
    expect((r.own as { env: string[] }).env).toContain('PORT=5000');
    const flagged = (await generate(project(files), { runtime: 'slim', port: 8080 })).files[0]!.content;
    expect(flagged).toContain('ENTRYPOINT ["bundle", "exec", "puma", "-p", "8080", "config.ru"]');
    expect(flagged).toContain('EXPOSE 8080');
    expect(resolve({ ...files, Procfile: 'web: bundle exec puma -b tcp://0.0.0.0:$PORT\n' }).own).toMatchObject({
      command: ['bundle', 'exec', 'puma', '-b', 'tcp://0.0.0.0:3000'],
    });
    const other = resolve({ ...files, Procfile: 'web: bundle exec puma -w $WEB_CONCURRENCY\n' });
    expect(other.warnings.join()).toContain('$WEB_CONCURRENCY');
    expect(JSON.stringify(other.own)).not.toContain('$');
  });
  test("keep: Gemfile, lock, .ruby-version, gemspecs, vendor/cache, path gems under spec/ or tmp/, the command's files", () => {
    const r = resolve({
      Gemfile:
        'source "https://rubygems.org"\ngemspec\ngem "fix", path: "spec/fixtures/fix"\ngem "t", path: "./tmp/t/"\n',
      'Gemfile.lock': LOCK('    fix (0.1.0)\n'),
      '.ruby-version': '3.3.6\n',
      'app.gemspec': 's.executables = ["app"]\n',
      'spec/fixtures/fix/fix.gemspec': '',
      'tmp/t/t.gemspec': '',
      'vendor/cache/fix-0.1.0.gem': '',
      'main.rb': '',
      'exe/app': '',
    });
    expect(r.keep).toEqual([
      'Gemfile',
      'Gemfile.lock',
      'spec/fixtures/fix',
      'tmp/t',
      'vendor/cache',
      '.ruby-version',
      'app.gemspec',
    ]);
    const s = resolve({ Gemfile: 'gem "rack"\n', 'main.rb': '' });
    expect(s.keep).toEqual(['Gemfile', 'main.rb']);
    expect(resolve({ Gemfile: 'gem "puma"\n', 'config.ru': '', 'config/puma.rb': 'port 3000\n' }).keep).toEqual([
      'Gemfile',
      'config/puma.rb',
      'config.ru',
    ]);
  });
  test('a path gem outside the project or with an unusable name: refused with a fix that works; path "." is the project', () => {
    expect(() => resolve({ Gemfile: 'gem "x", path: "../shared/x"\n', 'main.rb': '' })).toThrow(
      expect.objectContaining({ code: 'E_REFUSED', hint: expect.stringContaining('vendor/gems/x') }),
    );
    expect(() => resolve({ Gemfile: 'gem "x", path: "/opt/x"\n', 'main.rb': '' })).toThrow(
      expect.objectContaining({ code: 'E_REFUSED' }),
    );
    expect(() => resolve({ Gemfile: 'gem "x", path: "my gems/x"\n', 'main.rb': '' })).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_VALUE', hint: expect.stringContaining('Rename') }),
    );
    const long = `gems/${'a'.repeat(210)}`;
    expect(resolve({ Gemfile: `gem "x", path: "${long}"\n`, [`${long}/x.gemspec`]: '', 'main.rb': '' }).keep).toContain(
      long,
    );
    const root = resolve({ Gemfile: 'gem "me", path: "."\n', 'me.gemspec': '', 'main.rb': '' });
    expect(root.own).toMatchObject({ copyFirst: true });
    expect(resolve({ Gemfile: 'gem "x", path: "gems/none"\n', 'main.rb': '' }).warnings.join()).toContain(
      'no such folder',
    );
  });
  test('a gem named like an Object member is no native gem (own keys)', () => {
    const r = resolve({ Gemfile: 'gem "constructor"\ngem "toString"\n', 'main.rb': '' });
    expect(r.decisions.find((d) => d.topic === 'Native gems')).toBeUndefined();
  });
});

describe('Ruby versions that meet the project’s Bundler and Ruby requirements', () => {
  test('RubyGems requirements: ~>, ranges, exact', () => {
    expect(meets('2.6', '~> 2.1')).toBe(true);
    expect(meets('4.0', '~> 2.1')).toBe(false);
    expect(meets('2.1.9', '~> 2.1.0')).toBe(true);
    expect(meets('2.2.0', '~> 2.1.0')).toBe(false);
    expect(meets('3.3.0', '< 3.4')).toBe(true);
    expect(meets('3.4.0', '< 3.4')).toBe(false);
    expect(meets('2.5', '>= 1.17')).toBe(true);
    expect(meets('3.3', '= 3.3')).toBe(true);
    expect(meets('3.3', 'not a requirement')).toBe(true);
  });

  test('with no version named, the newest Ruby whose own Bundler meets the gemspec’s', () => {
    const r = resolve({
      Gemfile: 'source "https://example.invalid"\ngemspec\n',
      'tool.gemspec':
        'Gem::Specification.new do |spec|\n  spec.name = "tool"\n  spec.add_development_dependency "bundler", "~> 2.1"\nend\n',
      'bin/tool': '#!/usr/bin/env ruby\nputs 1\n',
    });
    expect(r.version.value).toBe('3.4');
    expect(r.version.source).toMatch(/tool\.gemspec: bundler ~> 2\.1 .*Ruby 3\.4 brings Bundler 2\.6/);
  });

  test('required_ruby_version and a Gemfile bundler line narrow it too; a version the project names wins', () => {
    const gemspec = (req: string) =>
      `Gem::Specification.new do |s|\n  s.name = "t"\n  s.required_ruby_version = ${req}\nend\n`;
    expect(
      resolve({ Gemfile: 'gemspec\n', 't.gemspec': gemspec('[">= 3.0", "< 3.3"]'), 'app.rb': 'puts 1\n' }).version
        .value,
    ).toBe('3.2');
    expect(resolve({ Gemfile: 'gem "bundler", ">= 2.0", "< 2.5"\n', 'app.rb': 'puts 1\n' }).version.value).toBe('3.2');
    expect(
      resolve({ Gemfile: 'gem "bundler", "~> 2.1"\n', '.ruby-version': '3.3.6\n', 'app.rb': 'puts 1\n' }).version.value,
    ).toBe('3.3');
  });
});
