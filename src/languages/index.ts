import { cFamily } from './c/index.js';
import { go } from './go/index.js';
import { java } from './java/index.js';
import { python } from './python/index.js';
import { node } from './node/index.js';
import { ruby } from './ruby/index.js';
import { rust } from './rust/index.js';
import type { AnyLanguage, Detection } from './types.js';
import type { LangId } from '../core/types.js';
import type { Scan } from '../core/scan.js';

/** Every language module. A new language is one more entry here. */
export const LANGUAGES: readonly AnyLanguage[] = [go, rust, java, python, node, ruby, cFamily];

export function languageFor(lang: LangId): AnyLanguage {
  return LANGUAGES.find((l) => l.ids.includes(lang))!;
}

/** How close a runner-up may come before the answer counts as a tie that must be asked. */
export const TIE_RATIO = 0.75;

export interface DetectResult {
  /** Every language with any evidence, best first. */
  ranked: Detection[];
  /** The runner-ups that are too close to the winner to pick silently. */
  ties: Detection[];
}

/**
 * A runner-up with at most a fifth of the winner's source files, where the winner has at least
 * 20, is a side part of the project (helper scripts, a front end, a binding), not a tie.
 */
const SIDE_PART = { ratio: 5, min: 20 };
const sidePart = (top: Detection, d: Detection): boolean =>
  top.files !== undefined &&
  d.files !== undefined &&
  top.files >= SIDE_PART.min &&
  d.files * SIDE_PART.ratio <= top.files;

/** Scores every language; never stops at the first match. */
export function detect(scan: Scan): DetectResult {
  let ranked = LANGUAGES.flatMap((l) => l.detect(scan)).sort((a, b) => b.score - a.score);
  // A close runner-up whose sources outnumber the winner's fivefold is the project; the winner its side part.
  const first = ranked[0];
  const main = first && ranked.find((d) => d !== first && d.score >= first.score * TIE_RATIO && sidePart(d, first));
  if (main) ranked = [main, ...ranked.filter((d) => d !== main)];
  const top = ranked[0];
  const ties = top ? ranked.slice(1).filter((d) => d.score >= top.score * TIE_RATIO && !sidePart(top, d)) : [];
  return { ranked, ties };
}
