import { isBuilt, type Scan } from '../../core/scan.js';
import { sourcePoints } from '../shared.js';
import type { Detection } from '../types.js';
import { rootGemspecs } from './bundle.js';
import { parseGemfile } from './gemfile.js';

/** Gems that test, lint or document: a Gemfile of only these serves another language's tooling. */
const TOOLING =
  /^(?:minitest(?:-.+)?|rspec(?:-.+)?|test-unit|rubocop(?:-.+)?|standard|rake|simplecov(?:-.+)?|yard|rdoc|pry(?:-.+)?|byebug|debug|irb|solargraph|reek|overcommit|danger(?:-.+)?|cucumber|aruba|fpm|github-pages|jekyll(?:-.+)?|asciidoctor(?:-.+)?|licensed|ronn(?:-ng)?|kramdown(?:-.+)?|rouge|html-proofer|bundler|cocoapods|fastlane|xcpretty|webrick)$/;

export function detect(scan: Scan): Detection[] {
  const evidence: string[] = [];
  let score = 0;
  // A Gemfile of test and lint tools only (a Go or C project's test suite in Ruby) is no Ruby program.
  const gf = scan.has('Gemfile') ? parseGemfile(scan.read('Gemfile', 256 * 1024) ?? '') : undefined;
  const toolsOnly =
    !!gf &&
    !gf.gemspec &&
    gf.gems.every((g) => TOOLING.test(g)) &&
    !scan.has('config.ru') &&
    !scan.has('config/application.rb');
  for (const [f, pts] of [
    ['Gemfile', toolsOnly ? 10 : 100],
    ['gems.rb', 100],
    ['Gemfile.lock', toolsOnly ? 5 : 30],
    ['config.ru', 30],
    ['config/application.rb', 30],
    ['Rakefile', 10],
  ] as const) {
    if (scan.has(f)) {
      score += pts;
      evidence.push(f);
    }
  }
  const gemspecs = rootGemspecs(scan);
  if (gemspecs.length) {
    score += 40;
    evidence.push(gemspecs[0]!);
  }
  const files = scan.withExt('.rb').filter(isBuilt).length;
  score += sourcePoints(scan.withExt('.rb').filter(isBuilt), '.rb', evidence);
  const manifest = scan.has('Gemfile') || scan.has('gems.rb') || gemspecs.length > 0;
  // Ruby files without a Gemfile are mostly scripts beside another language's build (redis's utils/).
  return score
    ? [
        {
          lang: 'ruby',
          score: manifest ? Math.min(score, 190) : Math.min(Math.floor(score / 2), 20),
          evidence,
          files,
        },
      ]
    : [];
}
