import type { Scan } from '../../core/scan.js';
import { sourceWeight } from '../shared.js';
import type { Detection } from '../types.js';
import { buildSystemOf, sourcesOf } from './build-system.js';

/** C or C++ sources, weighed up by a build system that compiles them (a Makefile only with a C compiler rule). */
export function detectC(scan: Scan): Detection[] {
  const { c, cxx } = sourcesOf(scan);
  if (!c.length && !cxx.length) return [];
  const evidence: string[] = [];
  let score = 0;
  const { system, file } = buildSystemOf(scan);
  // A root build system that compiles C or C++ is as sure a sign as go.mod or Cargo.toml.
  if (system === 'cmake' || system === 'meson' || system === 'autotools') {
    score += 100;
    evidence.push(file!);
  } else if (
    system === 'make' &&
    /\$[({](?:CC|CXX)[)}]|\b(?:gcc|g\+\+|clang|cc)\b|\.c\b|\.cpp\b/.test(scan.read(file!) ?? '')
  ) {
    score += 60;
    evidence.push(`${file} with a C compiler rule`);
  }
  score += sourceWeight(c.length + cxx.length);
  if (c.length) evidence.push(`${c.length} .c file${c.length > 1 ? 's' : ''}`);
  if (cxx.length) evidence.push(`${cxx.length} C++ source file${cxx.length > 1 ? 's' : ''}`);
  return [{ lang: cxx.length ? 'cpp' : 'c', score, evidence, files: c.length + cxx.length }];
}
