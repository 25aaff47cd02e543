import type { Strategy } from '../../core/types.js';
import type { BuildSpec, Resolved } from '../types.js';

/** Where Bundler installs the gems, in the builder and in the final stage alike. */
export const BUNDLE = '/usr/local/bundle';

/** What resolve() hands build(). */
export interface RubyInfo {
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

/** The variables of templates/partials/build/ruby.hbs. */
export interface RubyVars {
  /** Debian packages of the builder (glibc builds), space-separated. */
  apt: string;
  /** Alpine packages of the builder (musl builds), space-separated. */
  alpineApk: string;
  /** The BUNDLE_* settings of the builder, as one ENV line; '' without a Gemfile. */
  bundleEnv: string;
  bundlePath: string;
  /** The folders a server writes, made in the image. */
  mkdirs: string;
  /** The dependency files, copied before the install. */
  manifests: { src: string; dest: string }[];
  /** Everything is copied before the install (the Gemfile reads the project's gemspec). */
  copyFirst: boolean;
  /** The install command; '' without a Gemfile. */
  install: string;
  bootsnap: string;
  assets: string;
}

/** The builder stage (the bundle installed, the app gathered), and what the final stage copies, sets and runs. */
export function build(resolved: Resolved<RubyInfo>, strategy: Strategy): BuildSpec<RubyVars> {
  const info = resolved.own;
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
}
