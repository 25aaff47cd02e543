import { isBuilt, type Scan } from '../../core/scan.js';
import { sourcePoints } from '../shared.js';
import type { Detection } from '../types.js';

/** Whether this is a Python project: its manifests and locks, and its .py files. */
export function detectPython(scan: Scan): Detection[] {
  const evidence: string[] = [];
  let score = 0;
  // A pyproject.toml that only configures tools (ruff, black) is no Python project: many Go, Rust
  // and C repositories carry one. A requirements.txt alone weighs less than another language's
  // manifest (it may list a docs generator), so that go.mod beside it still wins.
  const pyproject = scan.has('pyproject.toml')
    ? /^\[(?:project|tool\.poetry|tool\.pdm|build-system)\]/m.test(scan.read('pyproject.toml') ?? '')
    : false;
  for (const [f, pts] of [
    ['pyproject.toml', pyproject ? 100 : 10],
    ['requirements.txt', 70],
    ['Pipfile', 100],
    ['setup.py', 80],
    ['setup.cfg', 40],
    ['uv.lock', 20],
    ['poetry.lock', 20],
    ['pdm.lock', 20],
    ['Pipfile.lock', 20],
    ['manage.py', 30],
  ] as const) {
    if (scan.has(f)) {
      score += pts;
      evidence.push(f);
    }
  }
  const sources = scan.withExt('.py').filter(isBuilt);
  score += sourcePoints(sources, '.py', evidence);
  const manifest = pyproject || ['requirements.txt', 'Pipfile', 'setup.py'].some((f) => scan.has(f));
  const files = sources.length;
  if (manifest) return [{ lang: 'python', score: Math.min(score, 180), evidence, files }];
  return score ? [{ lang: 'python', score: Math.min(score, 40), evidence, files }] : [];
}
