import { LIBRARIES } from '../../core/data.js';
import { LANGUAGE_DATA } from '../data.js';
import { RUBY_GEMS } from './data.js';
import { UserError } from '../../core/errors.js';
import type { Scan } from '../../core/scan.js';
import { safeRelPath, shown } from '../../core/quote.js';
import type { Decision, Needs, Refusals, Strategy } from '../../core/types.js';
import { listed, normalizeRel } from '../shared.js';
import { readBundle } from './bundle.js';
import { build, type RubyInfo, type RubyVars } from './plan.js';
import { projectName } from './name.js';
import { listening } from './port.js';
import { chooseProgram, findPrograms } from './programs.js';
import { detect } from './detect.js';
import { chooseVersion } from './version.js';
import type { Language, ResolveOptions, Resolved } from '../types.js';

/**
 * Ruby: Bundler installs the production gems in deployment mode into /usr/local/bundle in the
 * builder (compilers and -dev packages only there); the final stage is the same Ruby image with
 * the bundle and the app, and the BUNDLE_* settings that make `bundle exec` find them.
 */
const DATA = LANGUAGE_DATA.ruby;

export { parseGemfile, type Gemfile } from './gemfile.js';
export { parseLockfile, type Lockfile } from './lockfile.js';
export { pumaConfigPort } from './puma.js';
export { rubyVersion } from './version.js';
export type { RubyInfo, RubyVars } from './plan.js';

export const ruby: Language<RubyInfo, RubyVars> = {
  ids: ['ruby'],
  detect,

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved<RubyInfo> {
    const warnings: string[] = [];
    const decisions: Decision[] = [];
    const bundle = readBundle(scan, warnings);
    const { gemfileName, lockName, gemfile, lock, gems, direct } = bundle;
    const has = (g: string) => gems.has(g);
    const version = chooseVersion(scan, bundle, opts.langVersion, { warnings, decisions });

    const { programs, rails } = findPrograms(scan, bundle, warnings);
    const { entries, entry, program } = chooseProgram(programs, opts, warnings);
    const listen = listening(scan, bundle, program, opts);
    const { port, command } = listen;
    decisions.push({ topic: 'Program', choice: command.join(' '), because: entry.source });
    const name = projectName(scan);

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
    const portEnv = listen.env;
    if (listen.decision) decisions.push(listen.decision);

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
      },
    };
  },

  build,
};
