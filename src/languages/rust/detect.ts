import { isBuilt, type Scan } from '../../core/scan.js';
import { sourcePoints } from '../shared.js';
import type { Detection } from '../types.js';

/** Cargo.toml is the marker; Cargo.lock and .rs sources add weight (alone, only a little). */
export function detect(scan: Scan): Detection[] {
  const evidence: string[] = [];
  let score = 0;
  if (scan.has('Cargo.toml')) {
    score += 100;
    evidence.push('Cargo.toml');
  }
  if (scan.has('Cargo.lock')) {
    score += 10;
    evidence.push('Cargo.lock');
  }
  const sources = scan.withExt('.rs').filter(isBuilt);
  score += sourcePoints(sources, '.rs', evidence);
  const files = sources.length;
  return score >= 100
    ? [{ lang: 'rust', score, evidence, files }]
    : score
      ? [{ lang: 'rust', score: Math.min(score, 30), evidence, files }]
      : [];
}
