import { isBuilt, type Scan } from '../../core/scan.js';
import { sourcePoints } from '../shared.js';
import type { Detection } from '../types.js';
import { BUILD_GRADLE, SETTINGS_GRADLE } from './gradle-files.js';

/** Cheap: a pom.xml or a Gradle build file (100 each), a wrapper (10), and the JVM sources (.java, .kt, .scala) outside tests. */
export function detectJava(scan: Scan): Detection[] {
  const evidence: string[] = [];
  let score = 0;
  if (scan.has('pom.xml')) {
    score += 100;
    evidence.push('pom.xml');
  }
  const gradle = [...BUILD_GRADLE, ...SETTINGS_GRADLE].filter((f) => scan.has(f));
  if (gradle.length) {
    score += 100;
    evidence.push(...gradle);
  }
  for (const w of ['mvnw', 'gradlew'])
    if (scan.has(w)) {
      score += 10;
      evidence.push(w);
    }
  // Kotlin and Scala build to the same JVM bytecode with the same tools: their sources count too.
  const sources = scan.withExt('.java', '.kt', '.scala').filter((f) => isBuilt(f) && !f.includes('src/test/'));
  const kinds = ['.java', '.kt', '.scala'].filter((e) => sources.some((f) => f.endsWith(e)));
  score += sourcePoints(sources, kinds.length ? kinds.join('/') : '.java', evidence);
  const files = sources.length;
  return score >= 100
    ? [{ lang: 'java', score, evidence, files }]
    : score
      ? [{ lang: 'java', score: Math.min(score, 30), evidence, files }]
      : [];
}
