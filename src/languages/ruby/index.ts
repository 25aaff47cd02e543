import { LIBRARIES } from '../../core/data.js';
import { LANGUAGE_DATA } from '../data.js';
import { RUBY_GEMS } from './data.js';
import { UserError } from '../../core/errors.js';
import { isBuilt, type Scan } from '../../core/scan.js';
import { safeRelPath, shown } from '../../core/quote.js';
import type { Choice, Decision, Needs, Refusals, Strategy } from '../../core/types.js';
import {
  listed,
  normalizeRel,
  pickEntry,
  plainName,
  portFromDockerfile,
  procfileWeb,
  SHELL_SYNTAX,
} from '../shared.js';
import { commandVars } from '../shell.js';
import { GEM_NAME } from './gemfile.js';
import { pumaConfigPort } from './puma.js';
import { readBundle } from './bundle.js';
import { detect } from './detect.js';
import { chooseVersion } from './version.js';
import type { BuildSpec, Language, ResolveOptions, Resolved } from '../types.js';

/**
 * Ruby: Bundler installs the production gems in deployment mode into /usr/local/bundle in the
 * builder (compilers and -dev packages only there); the final stage is the same Ruby image with
 * the bundle and the app, and the BUNDLE_* settings that make `bundle exec` find them.
 */
const DATA = LANGUAGE_DATA.ruby;
const BUNDLE = '/usr/local/bundle';

export { parseGemfile, type Gemfile } from './gemfile.js';
export { parseLockfile, type Lockfile } from './lockfile.js';
export { pumaConfigPort } from './puma.js';
export { rubyVersion } from './version.js';

interface Program {
  value: string;
  label: string;
  source: string;
  command: string[];
  port?: number | undefined;
  kind: 'server' | 'cli';
  portVar?: boolean | undefined;
}

interface RubyInfo {
  lock: boolean;
  manifests: string[];
  copyFirst: boolean;
  buildApt: string[];
  git: boolean;
  vendorCache: boolean;
  bootsnap: boolean;
  assets: boolean;
  env: string[];
  command: string[];
  /** The project has a Gemfile: without one, there is no bundle to install or copy. */
  gems: boolean;
  bootsnapDirs: string[];
  server: boolean;
  /** Gemfile groups left out of the install (BUNDLE_WITHOUT). */
  without: string[];
}

export const ruby: Language = {
  ids: ['ruby'],
  detect,

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved {
    const warnings: string[] = [];
    const decisions: Decision[] = [];
    const bundle = readBundle(scan, warnings);
    const { gemfileName, lockName, gemfile, lock, gems, direct } = bundle;
    const has = (g: string) => gems.has(g);
    const version = chooseVersion(scan, bundle, opts.langVersion, { warnings, decisions });

    // Programs: Rails, Procfile web, Rack (config.ru), Sinatra, a gem's executables, a script.
    const programs: Program[] = [];
    const procfile = procfileWeb(scan);
    const rails = scan.has('config/application.rb') && (has('rails') || has('railties'));
    const pumaConfig = scan.has('config/puma.rb') ? (scan.read('config/puma.rb', 64 * 1024) ?? '') : undefined;
    const pumaPort = pumaConfig !== undefined ? pumaConfigPort(pumaConfig) : undefined;
    if (procfile) {
      const { words, bare, portVar, portDefault, unresolved } = commandVars(procfile);
      if (SHELL_SYNTAX.test(bare) || unresolved || !/^[\w./-]+$/.test(words[0] ?? '')) {
        warnings.push(
          `The Procfile's web command ${unresolved ? `reads the shell variable ${shown(unresolved, 40)}, which an exec-form ENTRYPOINT does not expand` : 'uses shell syntax'} (${shown(procfile, 60)}): not used as the image's command.`,
        );
      } else {
        const command =
          words[0] === 'bundle'
            ? words
            : words[0]!.startsWith('bin/') || words[0] === 'ruby'
              ? words
              : ['bundle', 'exec', ...words];
        const pumaWithConfig = words.includes('puma') && words.some((w) => /^(-C|--config)$/.test(w));
        // $PORT: the port the image listens on is written there (Heroku's convention, 3000, unless a default or --port says).
        const port =
          Number(/(?:-p|--port)[= ](\d{2,5})|tcp:\/\/[\d.]*:(\d{2,5})/.exec(words.join(' '))?.slice(1).find(Boolean)) ||
          (portVar ? (portDefault ?? 3000) : undefined) ||
          (pumaWithConfig ? (pumaPort ?? (has('hanami') ? 2300 : 9292)) : undefined) ||
          (rails ? 3000 : undefined);
        programs.push({
          value: 'Procfile',
          label: `Procfile: ${procfile}`,
          source: `Procfile: web: ${shown(procfile, 80)}`,
          command,
          port,
          kind: 'server',
          portVar,
        });
      }
    }
    if (rails) {
      // bin/rails server: Rails' own way (what its generated Dockerfile runs): it reads config/puma.rb,
      // makes tmp/pids, and listens on 3000 unless the config names a port.
      const command =
        scan.has('bin/rails') || scan.read('bin/rails', 64 * 1024) !== undefined
          ? ['bin/rails', 'server', '-b', '0.0.0.0']
          : ['bundle', 'exec', 'rails', 'server', '-b', '0.0.0.0'];
      programs.push({
        value: 'rails',
        label: `Rails (${command.join(' ')})`,
        source: `config/application.rb, rails in ${gemfileName}${pumaConfig !== undefined ? ', config/puma.rb' : ''}`,
        command,
        port: pumaPort ?? 3000,
        kind: 'server',
      });
    } else if (scan.has('config.ru')) {
      if (has('puma'))
        programs.push({
          value: 'config.ru',
          label: 'Rack app on puma',
          source: `config.ru, puma in ${gemfileName}`,
          command: [
            'bundle',
            'exec',
            'puma',
            ...(pumaConfig !== undefined ? ['-C', 'config/puma.rb'] : ['--bind', 'tcp://0.0.0.0:9292']),
            'config.ru',
          ],
          port: pumaPort ?? 9292,
          kind: 'server',
        });
      else if (has('rackup') || has('rack'))
        programs.push({
          value: 'config.ru',
          label: 'Rack app on rackup',
          source: `config.ru, rack in ${gemfileName}`,
          command: ['bundle', 'exec', 'rackup', '--host', '0.0.0.0', '--port', '9292', 'config.ru'],
          port: 9292,
          kind: 'server',
        });
    }
    const sources = scan
      .withExt('.rb')
      .filter((f) => isBuilt(f) && !/(^|\/)(spec|test|features|db\/migrate)\//.test(f));
    if (has('sinatra') && !scan.has('config.ru')) {
      for (const f of sources.filter((x) => !x.includes('/')).slice(0, 30)) {
        const src = scan.read(f) ?? '';
        if (!/require\s+["']sinatra["']/.test(src)) continue;
        const port =
          Number(/set\s+:port\s*,\s*(?:ENV\.fetch\(\s*["']PORT["']\s*,\s*)?(\d{2,5})/.exec(src)?.[1]) || 4567;
        programs.push({
          value: f,
          label: `Sinatra app ${f}`,
          source: `${f}: require 'sinatra'`,
          command: ['bundle', 'exec', 'ruby', f, '-o', '0.0.0.0', '-p', String(port)],
          port,
          kind: 'server',
        });
      }
    }
    // A gem's executables (spec.executables, or the files of exe/ or bin/ that are no binstubs).
    const gemspec = scan.files.find((f) => !f.includes('/') && f.endsWith('.gemspec'));
    if (gemspec) {
      const text = scan.read(gemspec, 256 * 1024) ?? '';
      const listedExe = /\.executables\s*=\s*(?:\[([^\]]{0,400})\]|%w[[(]([^\])]{0,400})[\])])/.exec(text);
      // The generated form lists the files of bin/ or exe/ (files.grep(%r{^bin/}) { basename }).
      const grepDir =
        /\.executables[ \t]*=[^\n]{0,200}grep\([ \t]*%r\{\\?[\^A]{0,2}(bin|exe)\//.exec(text)?.[1] ??
        /\.bindir\s*=\s*["'](bin|exe)["']/.exec(text)?.[1];
      const BINSTUBS =
        /^(setup|console|rails|rake|bundle|rspec|rubocop|dev|ci|update|yarn|importmap|brakeman|jobs|kamal|thrust|docker-entrypoint)$/;
      const names = listedExe
        ? listedExe[1]
          ? [...listedExe[1].matchAll(/["']([\w.-]{1,60})["']/g)].map((m) => m[1]!)
          : listedExe[2]!.split(/\s+/).filter(Boolean)
        : (scan.list(grepDir ?? 'exe') ?? (grepDir ? [] : (scan.list('bin') ?? []))).filter(
            (n) => /^[\w.-]{1,60}$/.test(n) && !BINSTUBS.test(n),
          );
      for (const n of names.slice(0, 10))
        if (GEM_NAME.test(n))
          programs.push({
            value: n,
            label: `executable ${n}`,
            source: `${gemspec}: executables`,
            command: ['bundle', 'exec', n],
            kind: 'cli',
          });
    }
    for (const f of ['main.rb', 'app.rb', 'server.rb', 'bot.rb', ...sources.filter((s) => !s.includes('/'))]) {
      if (!sources.includes(f) || programs.some((p) => p.value === f) || programs.length > 20) continue;
      programs.push({
        value: f,
        label: `ruby ${f}`,
        source: f,
        command: gemfileName ? ['bundle', 'exec', 'ruby', f] : ['ruby', f],
        kind: 'cli',
      });
    }
    if (!programs.length)
      throw new UserError(
        'E_NO_ENTRY',
        'No program found: no Rails app, config.ru, Procfile web command, Sinatra app, gem executable or top-level script.',
        'Pass --entry with a script (main.rb) or an executable name.',
      );
    const entries: Choice[] = programs.map((p) => ({ value: p.value, label: p.label, source: p.source }));
    const entry =
      opts.entry !== undefined
        ? pickEntry(entries, opts.entry, (e) => e.value, '', warnings, opts.entrySource)
        : {
            value: programs[0]!.value,
            source:
              programs.length > 1
                ? `${programs[0]!.source}; also found: ${listed(
                    programs.slice(1).map((p) => p.value),
                    5,
                  )} (--entry)`
                : programs[0]!.source,
          };
    const program = programs.find((p) => p.value === entry.value)!;
    for (const w of program.command)
      if (w.length > 300 || /[\n\r]/.test(w))
        throw new UserError(
          'E_UNSAFE_VALUE',
          `The command word ${shown(w)} cannot go in a Dockerfile.`,
          'Pass --entry.',
        );
    const programDecision: Decision = { topic: 'Program', choice: program.command.join(' '), because: entry.source };
    decisions.push(programDecision);
    const name = plainName(
      gemspec?.replace(/\.gemspec$/, '') ?? scan.root.split('/').pop() ?? 'app',
      'Project name',
      'the project folder',
    );

    // Native gems: compiled in the builder, unless the lock holds a precompiled gem for Linux.
    const devOnly = new Set(gemfile.devGems.filter((g) => !direct.has(g)));
    const native = [...gems]
      .filter((g) => Object.hasOwn(RUBY_GEMS, g) && !devOnly.has(g))
      .map((g) => ({ name: g, ...RUBY_GEMS[g]! }));
    const linuxGnu = (g: string) => (lock?.gems.get(g) ?? []).some((p) => /^x86_64-linux(-gnu)?$/.test(p));
    const linuxMusl = (g: string) => (lock?.gems.get(g) ?? []).some((p) => p === 'x86_64-linux-musl');
    const compiled = native.filter((n) => n.ext && !linuxGnu(n.name));
    // A compiler whenever there are gems: a C extension this table does not know fails without one,
    // and the build stage is thrown away anyway.
    const buildApt = gemfileName ? ['build-essential', ...new Set(compiled.flatMap((n) => n.build ?? []))] : [];
    if (gemfile.git || lock?.git) buildApt.push('git');
    const libs = [...new Set(native.flatMap((n) => n.libraries ?? []))].filter((l) => LIBRARIES[l]);
    if (compiled.length)
      decisions.push({
        topic: 'Native gems',
        choice: `${listed(
          compiled.map((n) => n.name),
          8,
        )}: compiled in the builder (${buildApt.join(', ')})`,
        because: `${lock ? lockName : gemfileName}; data/ruby-gems.json`,
      });
    if (libs.length)
      decisions.push({
        topic: 'Run-time libraries',
        choice: libs.map((l) => LIBRARIES[l]!.debian).join(', '),
        because: `loaded by ${listed(native.filter((n) => n.libraries?.length).map((n) => n.name))}`,
      });

    // Rails at build time: assets and bootsnap.
    const assets =
      rails &&
      (has('sprockets-rails') ||
        has('propshaft') ||
        has('jsbundling-rails') ||
        has('cssbundling-rails') ||
        has('importmap-rails')) &&
      (scan.list('app/assets') !== undefined || scan.list('app/javascript') !== undefined);
    const bootsnap = direct.has('bootsnap');
    if (assets)
      decisions.push({
        topic: 'Assets',
        choice: 'bin/rails assets:precompile at build time (with a placeholder SECRET_KEY_BASE)',
        because: 'an asset pipeline gem and app/assets or app/javascript',
      });
    if (rails)
      warnings.push(
        'A Rails app in production needs its secret at run time: docker run -e RAILS_MASTER_KEY=... (or SECRET_KEY_BASE=...).',
      );
    const jsBuild = rails && (has('jsbundling-rails') || has('cssbundling-rails')) && scan.has('package.json');
    if (jsBuild)
      warnings.push(
        'jsbundling-rails/cssbundling-rails build with Node.js and a package manager, which the Ruby builder does not have: add them to the build stage, or precompile the assets before the build.',
      );

    const env0: string[] = [];
    const port =
      opts.port !== undefined
        ? { value: opts.port, source: '--port' }
        : program.port
          ? { value: program.port, source: program.source }
          : has('hanami') && program.kind === 'server'
            ? { value: 2300, source: 'Hanami listens on 2300 by default' }
            : portFromDockerfile(scan);
    // Exec form runs no shell: the Procfile's $PORT becomes the port itself (and ENV PORT, for code that reads it).
    let command = program.command;
    const portEnv: string[] = [];
    if (program.portVar && port) {
      command = command.map((w) => w.split('$PORT').join(String(port.value)));
      programDecision.choice = command.join(' ');
      portEnv.push(`PORT=${port.value}`);
      decisions.push({
        topic: 'Procfile variables',
        choice: `$PORT written as ${port.value} in the command, and ENV PORT=${port.value}`,
        because: `an exec-form ENTRYPOINT does not expand $PORT; the port: ${port.source}`,
      });
    }

    // Where it runs: the Ruby image the bundle was built with (slim), or Alpine's when every native gem can be had for musl.
    const slim: Strategy = {
      id: 'ruby-slim',
      libc: 'glibc',
      requires: ['ruby', ...libs],
      runtimes: ['slim'],
      summary: `the app and its bundle on Ruby ${version.value} (ruby:${version.value}-slim-bookworm)`,
    };
    const alpine: Strategy = {
      id: 'ruby-alpine',
      libc: 'musl',
      requires: ['ruby', ...libs],
      runtimes: ['alpine'],
      summary: `the app and its bundle on Ruby ${version.value} for musl (ruby:${version.value}-alpine)`,
    };
    const noRuby = {
      reason:
        'a Ruby program needs the interpreter, its standard library and its C library, and this image has none of them',
      short: 'needs Ruby',
      fix: 'choose slim (or alpine)',
    };
    const refusals: Refusals = {
      scratch: noRuby,
      'busybox-glibc': noRuby,
      distroless: { ...noRuby, reason: 'distroless publishes no Ruby image' },
    };
    const noMusl = native.filter((n) => n.musl === false);
    const precompiledOnly = native.filter(
      (n) => n.ext && linuxGnu(n.name) && !linuxMusl(n.name) && lock && !lock.gems.get(n.name)!.includes('ruby'),
    );
    const needsLibs = libs.filter((l) => !['libssl', 'libz', 'libyaml', 'libffi'].includes(l));
    if (noMusl.length)
      refusals.alpine = {
        reason: `${listed(noMusl.map((n) => n.name))} ${noMusl.length > 1 ? 'do' : 'does'} not build on musl`,
        short: 'needs glibc',
        fix: 'choose slim',
      };
    else if (precompiledOnly.length)
      refusals.alpine = {
        reason: `${lockName} locks ${listed(precompiledOnly.map((n) => n.name))} for x86_64-linux-gnu only, and that build does not load on musl`,
        short: 'gems for glibc',
        fix: 'run bundle lock --add-platform x86_64-linux-musl, or choose slim',
      };
    else if (needsLibs.length)
      refusals.alpine = {
        reason: `${listed(needsLibs)} would have to come from apk, which this tool does not add to an Alpine final stage`,
        short: 'needs libraries',
        fix: 'choose slim',
      };

    const vendorCache = (scan.list('vendor/cache') ?? []).some((f) => f.endsWith('.gem'));
    if (vendorCache)
      decisions.push({
        topic: 'Gems',
        choice: 'installed from vendor/cache (bundle install --local: no download)',
        because: 'vendor/cache holds .gem files',
      });
    // Path gems are copied with the dependency files: inside the project, by a name a COPY line can carry.
    // A path gem at the project's root (path: ".") is the project itself: copied before the install.
    let rootGem = false;
    const paths = gemfile.paths.flatMap((p) => {
      const rel = normalizeRel(p.path);
      const from = `${gemfileName}: gem "${p.name}", path: "${shown(p.path, 80)}"`;
      if (rel === '.' && !p.path.startsWith('/')) {
        rootGem = true;
        return [];
      }
      if (rel === undefined || p.path.startsWith('/') || p.path.startsWith('~')) {
        throw new UserError(
          'E_REFUSED',
          `${from} is not a folder inside the project: a Docker build sees only the project's folder.`,
          `Copy the gem into the project (vendor/gems/${p.name}) and point path: at it, or run this tool in a folder that holds both the app and the gem.`,
        );
      }
      try {
        safeRelPath(rel, 'Path gem folder', '--entry', from);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        throw new UserError(
          e.code,
          e.message,
          'Rename the folder to letters, digits and . _ + - / (at most 255 characters) and change path: in the Gemfile: a COPY line of the dependency layer names it.',
        );
      }
      if (scan.list(rel) === undefined)
        warnings.push(`${from}: there is no such folder in the project, and bundle install fails without it.`);
      return [rel];
    });
    const copyFirst = gemfile.gemspec || rootGem;
    // The Gemfile may read .ruby-version (ruby file: ...), so it goes with the dependency files.
    if (gemfile.skipped)
      warnings.push(
        `${gemfileName} has ${gemfile.skipped} line${gemfile.skipped > 1 ? 's' : ''} over 1000 characters, not read: a gem named there is not looked at (native code, groups, path).`,
      );
    const manifests = gemfileName
      ? [
          ...new Set([
            gemfileName,
            ...(lock ? [lockName] : []),
            ...paths,
            ...(vendorCache ? ['vendor/cache'] : []),
            ...(gemfile.rubyFile && scan.has(gemfile.rubyFile) ? [gemfile.rubyFile] : []),
            ...(scan.has('.ruby-version') ? ['.ruby-version'] : []),
          ]),
        ]
      : [];
    const hanami = has('hanami');
    if (hanami && port) env0.push(`HANAMI_PORT=${port.value}`);
    const env = [
      ...(rails
        ? ['RAILS_ENV=production', 'RAILS_LOG_TO_STDOUT=1', 'RAILS_SERVE_STATIC_FILES=1']
        : hanami
          ? ['HANAMI_ENV=production', 'RACK_ENV=production', ...env0]
          : scan.has('config.ru') || has('sinatra')
            ? ['RACK_ENV=production', 'APP_ENV=production']
            : []),
      ...portEnv,
    ];
    const needs: Needs = {};
    if (program.kind === 'server') needs.tmp = 'puma and Rails keep pid and cache files in tmp/';
    const ignore = [
      '.bundle/',
      'vendor/bundle/',
      'log/*',
      'tmp/*',
      '!log/.keep',
      '!tmp/.keep',
      'storage/*',
      '!storage/.keep',
      'spec/',
      'test/',
      'coverage/',
      '.env*',
      'node_modules/',
      'public/assets/',
      '.byebug_history',
      '*.gem',
    ];
    // Paths the build copies or reads by name: the dependency files (path gems and vendor/cache
    // among them), the gemspecs Bundler reads, and the files the command names (main.rb, config.ru, bin/rails).
    const keep = [
      ...new Set([
        ...manifests,
        ...(gemfileName ? scan.files.filter((f) => !f.includes('/') && f.endsWith('.gemspec')) : []),
        ...command.filter((w) => !w.startsWith('-') && normalizeRel(w) === w && scan.has(w)),
      ]),
    ];
    return {
      lang: 'ruby',
      name,
      version,
      entries,
      entry,
      port,
      keep,
      needs,
      strategies: [alpine, slim],
      refusals,
      builderGlibc: DATA.builderGlibc,
      decisions,
      warnings,
      ignore,
      own: {
        lock: !!lock,
        manifests: manifests.map((m) => safeRelPath(m, 'Dependency file', '--entry', 'the project')),
        copyFirst,
        buildApt,
        git: gemfile.git || !!lock?.git,
        vendorCache,
        bootsnap,
        assets,
        env,
        command,
        gems: !!gemfileName,
        server: program.kind === 'server',
        without: gemfile.without,
        bootsnapDirs: ['app', 'lib'].filter((d) => scan.list(d) !== undefined),
      } satisfies RubyInfo,
    };
  },

  build(resolved: Resolved, strategy: Strategy): BuildSpec {
    const info = resolved.own as RubyInfo;
    const alpine = strategy.id === 'ruby-alpine';
    const bundleEnv = [
      `BUNDLE_PATH=${BUNDLE}`,
      `BUNDLE_WITHOUT=${info.without.join(':')}`,
      ...(info.lock ? ['BUNDLE_DEPLOYMENT=1'] : []),
    ];
    // Downloaded .gem files go to a cache mount (the global gem cache), not into the bundle.
    const install = `BUNDLE_GLOBAL_GEM_CACHE=1 bundle install${info.vendorCache ? ' --local' : ''} && rm -rf ${BUNDLE}/ruby/*/cache ${BUNDLE}/ruby/*/bundler/gems/*/.git`;
    return {
      partial: 'ruby',
      // bookworm, named: the run-time package names (data/libraries.json) are Debian 12's, and the
      // plain -slim tags of newer Rubies are Debian 13.
      image: `ruby:\${RUBY_VERSION}-${alpine ? 'alpine' : 'slim-bookworm'}`,
      args: [{ name: 'RUBY_VERSION', value: resolved.version.value }],
      artifact: '/app',
      copies: [
        ...(info.gems
          ? [
              {
                from: 'build',
                src: BUNDLE,
                dest: BUNDLE,
                why: 'the bundle: the production gems, compiled, without their caches',
              },
            ]
          : []),
        info.server
          ? {
              from: 'build',
              src: '/app',
              dest: '/app',
              why: 'the application, owned by the non-root user: the server writes tmp/ (pids, caches) and log/',
              chown: '65532:65532',
            }
          : { from: 'build', src: '/app', dest: '/app', why: 'the application' },
      ],
      entrypoint: info.command,
      env: [...(info.gems ? bundleEnv : []), ...info.env],
      vars: {
        apt: alpine ? '' : info.buildApt.join(' '),
        alpineApk:
          alpine && info.buildApt.length
            ? ['build-base', ...(info.git ? ['git'] : []), ...(info.buildApt.includes('cmake') ? ['cmake'] : [])].join(
                ' ',
              )
            : '',
        bundleEnv: info.gems ? bundleEnv.join(' ') : '',
        bundlePath: BUNDLE,
        mkdirs: info.server ? 'mkdir -p tmp/pids log' : '',
        manifests: info.manifests.map((m) => ({
          src: m,
          dest: m.includes('/') || m === 'vendor/cache' ? `${m}/` : './',
        })),
        copyFirst: info.copyFirst,
        install: info.gems ? install : '',
        bootsnap: info.bootsnap
          ? `bundle exec bootsnap precompile --gemfile${info.bootsnapDirs.map((d) => ` ${d}/`).join('')}`
          : '',
        assets: info.assets
          ? 'SECRET_KEY_BASE_DUMMY=1 SECRET_KEY_BASE=assets-precompile-placeholder bin/rails assets:precompile'
          : '',
      },
    };
  },
};
