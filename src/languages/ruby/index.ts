import { railsSettings, rubyCompanions } from './jobs.js';
import { safeRelPath } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import type { Needs } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import type { Language, ResolveOptions, Resolved } from '../types.js';
import { readBundle } from './bundle.js';
import { keptPaths, RUBY_IGNORE } from './context.js';
import { dependencyLayer } from './dependencies.js';
import { detect } from './detect.js';
import { runEnv } from './env.js';
import type { Findings } from './findings.js';
import { projectName } from './name.js';
import { nativeGems } from './native.js';
import { build, type RubyInfo, type RubyVars } from './plan.js';
import { listening } from './port.js';
import { chooseProgram, findPrograms } from './programs.js';
import { railsAssets } from './rails.js';
import { rubyRefusals, rubyStrategies } from './strategies.js';
import { chooseVersion } from './version.js';

export { parseGemfile, type Gemfile } from './gemfile.js';
export { parseLockfile, type Lockfile } from './lockfile.js';
export { pumaConfigPort } from './puma.js';
export { rubyVersion } from './version.js';
export type { RubyInfo, RubyVars } from './plan.js';

const DATA = LANGUAGE_DATA.ruby;

/**
 * Ruby: Bundler installs the production gems in deployment mode into /usr/local/bundle in the
 * builder (compilers and -dev packages only there); the final stage is the same Ruby image with
 * the bundle and the app, and the BUNDLE_* settings that make `bundle exec` find them.
 */
export const ruby: Language<RubyInfo, RubyVars> = {
  ids: ['ruby'],

  detect,

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved<RubyInfo> {
    const said: Findings = { warnings: [], decisions: [] };
    const bundle = readBundle(scan, said.warnings);
    const version = chooseVersion(scan, bundle, opts.langVersion, said);
    const { programs, rails } = findPrograms(scan, bundle, said.warnings);
    const { entries, entry, program } = chooseProgram(programs, opts, said.warnings);
    const listen = listening(scan, bundle, program, opts);
    const { port, command } = listen;
    said.decisions.push({ topic: 'Program', choice: command.join(' '), because: entry.source });
    const name = projectName(scan);
    const native = nativeGems(bundle, said.decisions);
    const assets = railsAssets(scan, bundle, rails, said);
    if (listen.decision) said.decisions.push(listen.decision);
    const layer = dependencyLayer(scan, bundle, said);
    const needs: Needs = {};
    if (program.kind === 'server') needs.tmp = 'puma and Rails keep pid and cache files in tmp/';
    return {
      lang: 'ruby',
      name,
      version,
      entries,
      entry,
      port,
      keep: keptPaths(scan, bundle.gemfileName, layer.manifests, command),
      needs,
      strategies: rubyStrategies(version.value, native.libs),
      refusals: rubyRefusals(native, bundle),
      builderGlibc: DATA.builderGlibc,
      decisions: said.decisions,
      warnings: said.warnings,
      companions: rubyCompanions(scan, bundle, rails, said.warnings),
      settings: rails && program.kind === 'server' ? railsSettings(scan) : [],
      ignore: [...RUBY_IGNORE],
      own: {
        lock: !!bundle.lock,
        manifests: layer.manifests.map((m) => safeRelPath(m, 'Dependency file', '--entry', 'the project')),
        copyFirst: layer.copyFirst,
        buildApt: native.buildApt,
        git: bundle.gemfile.git || !!bundle.lock?.git,
        vendorCache: layer.vendorCache,
        bootsnap: bundle.direct.has('bootsnap'),
        assets,
        env: runEnv(scan, bundle, rails, port, listen.env),
        command,
        gems: !!bundle.gemfileName,
        server: program.kind === 'server',
        without: bundle.gemfile.without,
        bootsnapDirs: ['app', 'lib'].filter((d) => scan.list(d) !== undefined),
      },
    };
  },

  build,
};
