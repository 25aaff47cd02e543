import type { Scan } from '../../core/scan.js';
import { normalizeRel } from '../shared.js';
import { rootGemspecs } from './bundle.js';

/** .dockerignore lines of a Ruby project: local bundles, logs, caches, tests, built assets, packaged gems. */
export const RUBY_IGNORE = [
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

/**
 * Paths the build copies or reads by name: the dependency files (path gems and vendor/cache
 * among them), the gemspecs Bundler reads, and the files the command names (main.rb, config.ru, bin/rails).
 */
export function keptPaths(
  scan: Scan,
  gemfileName: string | undefined,
  manifests: string[],
  command: string[],
): string[] {
  return [
    ...new Set([
      ...manifests,
      ...(gemfileName ? rootGemspecs(scan) : []),
      ...command.filter((w) => !w.startsWith('-') && normalizeRel(w) === w && scan.has(w)),
    ]),
  ];
}
