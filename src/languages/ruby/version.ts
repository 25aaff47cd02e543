import { UserError } from '../../core/errors.js';
import { safeRelPath, shown } from '../../core/quote.js';
import { LIMITS, type Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import { versionFromToolVersions } from '../shared.js';
import type { Bundle } from './bundle.js';
import { BUNDLED_BUNDLER, newestAllowed, rubyConstraints } from './constraints.js';
import type { Findings } from './findings.js';

const DATA = LANGUAGE_DATA.ruby;
const KNOWN = DATA.known!;

/** A Ruby version as the project writes it (3.3.6, ruby-3.3.6, 3.3), as a minor and an exact release. */
export function rubyVersion(raw: string | undefined): { minor: string; exact?: string | undefined } | undefined {
  const m = /^(?:ruby-)?(\d)\.(\d{1,2})(?:\.(\d{1,3}))?(?:p\d+)?$/.exec((raw ?? '').trim());
  if (!m) return undefined;
  return { minor: `${m[1]}.${m[2]}`, exact: m[3] !== undefined ? `${m[1]}.${m[2]}.${m[3]}` : undefined };
}

function versionFromFlag(raw: string): Fact<string> {
  const v = rubyVersion(raw);
  if (!v)
    throw new UserError(
      'E_BAD_FLAG',
      `--lang-version "${shown(raw)}" is not a Ruby release.`,
      'Use a release like 3.3 or 3.3.6.',
    );
  return { value: v.exact ?? v.minor, source: '--lang-version' };
}

/** The version files, the Gemfile's ruby line (or the file it names), the lock's RUBY VERSION; else the newest release. */
function versionFromProject(scan: Scan, bundle: Bundle, warnings: string[]): Fact<string> {
  const { gemfile, gemfileName, lockName, lock } = bundle;
  const fileRuby = gemfile.rubyFile
    ? scan
        .manifest(
          safeRelPath(gemfile.rubyFile, 'Gemfile ruby file', '--lang-version', gemfileName),
          LIMITS.versionBytes,
        )
        ?.trim()
        .split('\n')[0]
    : undefined;
  const found = [
    ['.ruby-version', scan.manifest('.ruby-version', LIMITS.versionBytes)?.trim().split('\n')[0]],
    ['.tool-versions', versionFromToolVersions(scan, ['ruby'])],
    [`${gemfileName} ruby`, gemfile.ruby ?? fileRuby],
    [`${lockName} RUBY VERSION`, lock?.ruby],
  ]
    .map(([src, raw]) => ({ src: src!, raw, v: rubyVersion(raw) }))
    .find((x) => x.v);
  if (found) {
    // The Gemfile's ruby line is enforced by Bundler, to the patch: that exact image then. A
    // version file alone gets its minor's tag, which keeps receiving fixes.
    const enforced = gemfile.ruby !== undefined || gemfile.rubyFile !== undefined;
    const gemfileExact = rubyVersion(gemfile.ruby ?? fileRuby)?.exact;
    return {
      value: enforced && gemfileExact ? gemfileExact : found.v!.minor,
      source: `${found.src} (${shown(found.raw!, 20)})${enforced && gemfileExact ? ', which the Gemfile makes Bundler enforce' : ''}`,
    };
  }
  if (gemfile.ruby && !rubyVersion(gemfile.ruby))
    warnings.push(
      `${gemfileName}'s ruby "${shown(gemfile.ruby, 20)}" is a requirement, not a release: using Ruby ${DATA.defaultVersion}.`,
    );
  const constraints = rubyConstraints(scan, bundle);
  const allowed = newestAllowed(KNOWN, constraints);
  if (allowed && allowed !== DATA.defaultVersion) {
    const why = [constraints.bundler, constraints.ruby].filter(Boolean).map((c) => c!.source);
    return {
      value: allowed,
      source: `no version named: the newest release that meets ${why.join(' and ')} (Ruby ${allowed}${constraints.bundler ? ` brings Bundler ${BUNDLED_BUNDLER[allowed]}` : ''})`,
    };
  }
  if (!allowed && (constraints.bundler || constraints.ruby))
    warnings.push(
      `No Ruby release here meets ${[constraints.bundler, constraints.ruby]
        .filter(Boolean)
        .map((c) => c!.source)
        .join(' and ')}: using Ruby ${DATA.defaultVersion}.`,
    );
  return {
    value: DATA.defaultVersion,
    source: `no version named: the newest release (Ruby ${DATA.defaultVersion}, checked ${DATA.supportChecked})`,
  };
}

/**
 * The Ruby release to build with: the flag, version files, the Gemfile's ruby line, the lock's
 * RUBY VERSION. Said with what is known of its age and of the Bundler that wrote the lock.
 */
export function chooseVersion(
  scan: Scan,
  bundle: Bundle,
  langVersion: string | undefined,
  said: Findings,
): Fact<string> {
  const { warnings, decisions } = said;
  const { lock, lockName } = bundle;
  const version = langVersion !== undefined ? versionFromFlag(langVersion) : versionFromProject(scan, bundle, warnings);
  const minor = version.value.split('.').slice(0, 2).join('.');
  if (!KNOWN.includes(minor) && Number(minor) < Number(KNOWN[0]))
    warnings.push(`Ruby ${minor} is older than any release with official images here (${KNOWN.join(', ')}).`);
  if (DATA.eol?.[minor])
    warnings.push(`Ruby ${minor} reached its end of life on ${DATA.eol[minor]}: move to ${DATA.defaultVersion}.`);
  decisions.push({ topic: 'Ruby version', choice: version.value, because: version.source });
  if (lock?.bundler) decisions.push({ topic: 'Bundler', choice: lock.bundler, because: `${lockName} BUNDLED WITH` });
  if (lock?.bundler && Number(lock.bundler.split('.')[0]) < 2)
    warnings.push(
      `${lockName} was written by Bundler ${lock.bundler}: gems locked that long ago often do not install on Ruby ${version.value} (an old json or nokogiri does not compile on Ruby 3). Update the lock (bundle update), or pass --lang-version with the Ruby it was made for.`,
    );
  return version;
}
