import type { Scan } from '../../core/scan.js';
import type { Bundle } from './bundle.js';
import type { Findings } from './findings.js';

/** Gems of the asset pipeline: with app/assets or app/javascript, the assets are compiled at build time. */
const ASSET_GEMS = ['sprockets-rails', 'propshaft', 'jsbundling-rails', 'cssbundling-rails', 'importmap-rails'];

/**
 * Rails at build time: whether the assets are precompiled; and what a Rails app needs that the
 * image cannot hold (its secret at run time, Node.js for jsbundling and cssbundling).
 */
export function railsAssets(scan: Scan, bundle: Bundle, rails: boolean, said: Findings): boolean {
  const has = (g: string) => bundle.gems.has(g);
  const assets =
    rails &&
    ASSET_GEMS.some(has) &&
    (scan.list('app/assets') !== undefined || scan.list('app/javascript') !== undefined);
  if (assets)
    said.decisions.push({
      topic: 'Assets',
      choice: 'bin/rails assets:precompile at build time (with a placeholder SECRET_KEY_BASE)',
      because: 'an asset pipeline gem and app/assets or app/javascript',
    });
  if (rails)
    said.warnings.push(
      'A Rails app in production needs its secret at run time: docker run -e RAILS_MASTER_KEY=... (or SECRET_KEY_BASE=...).',
    );
  const jsBuild = rails && (has('jsbundling-rails') || has('cssbundling-rails')) && scan.has('package.json');
  if (jsBuild)
    said.warnings.push(
      'jsbundling-rails/cssbundling-rails build with Node.js and a package manager, which the Ruby builder does not have: add them to the build stage, or precompile the assets before the build.',
    );
  return assets;
}
