import type { Scan } from '../../core/scan.js';
import { sourcePoints } from '../shared.js';
import type { Detection } from '../types.js';

/** Go by go.mod, go.work and non-test .go files. */
export function detect(scan: Scan): Detection[] {
  const evidence: string[] = [];
  let score = 0;
  if (scan.has('go.mod')) {
    score += 100;
    evidence.push('go.mod');
  }
  if (scan.has('go.work')) {
    score += 90;
    evidence.push('go.work');
  }
  const sources = scan.withExt('.go').filter((f) => !f.endsWith('_test.go'));
  score += sourcePoints(sources, '.go', evidence);
  return score ? [{ lang: 'go', score, evidence, files: sources.length }] : [];
}
