import { LIBRARIES } from '../core/data.js';
import { RUNTIMES, type LangId, type Refusals, type RuntimeId, type Strategy } from '../core/types.js';
import { alpine } from './alpine.js';
import { busyboxGlibc } from './busybox-glibc.js';
import { distroless } from './distroless.js';
import { RUNTIME_DATA, type RuntimeFamily, type RuntimeImage } from './family.js';
import { jre } from './jre.js';
import { scratch } from './scratch.js';
import { slim } from './slim.js';

export { RUNTIME_DATA, type RuntimeFamily, type RuntimeImage, type RuntimeInfo } from './family.js';

/** Every final-stage family, in the order of RUNTIMES. A new family is one more entry here. */
export const FAMILIES: readonly RuntimeFamily[] = [scratch, alpine, busyboxGlibc, slim, distroless, jre];

export function familyOf(id: RuntimeId): RuntimeFamily {
  return FAMILIES.find((f) => f.id === id)!;
}

/** The runtime targets that apply to a language (a JRE image only to Java), in the order of RUNTIMES. */
export function runtimesFor(lang: LangId): RuntimeId[] {
  return RUNTIMES.filter((r) => !familyOf(r).onlyFor || familyOf(r).onlyFor!.includes(lang));
}

/** How a program gets onto a runtime: which image of the target and which way of linking. */
export interface Placement {
  ok: true;
  runtime: RuntimeId;
  image: RuntimeImage;
  strategy: Strategy;
  /** Packages the final stage installs for requirements the image lacks but can add. */
  install: string[];
}
export interface Refusal {
  ok: false;
  runtime: RuntimeId;
  reason: string;
  /** A few words for menus: "needs glibc". */
  short: string;
  fix: string;
}

function glibcOlder(a: string, b: string): boolean {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 < b1 || (a1 === b1 && a2 < b2);
}

/** Whether the image's package manager can add a requirement (a known library). */
function installable(image: RuntimeImage, requirement: string): boolean {
  return image.packageManager === 'apt' && !!LIBRARIES[requirement]?.debian;
}

/**
 * The whole compatibility rule: a program runs on an image only if every library it loads is
 * there (or the image's package manager can add it), and a glibc binary only on a glibc at
 * least as new as the builder's. For each image
 * of the target (smallest first), the image's preferred libc decides which strategy to try
 * first; the first strategy whose requirements the image meets wins.
 */
export function place(
  runtime: RuntimeId,
  strategies: Strategy[],
  builderGlibc: string,
  lang?: LangId,
  refusals?: Refusals,
): Placement | Refusal {
  const info = RUNTIME_DATA[runtime];
  const refused = refusals?.[runtime];
  if (refused) return { ok: false, runtime, ...refused };
  const images = info.images.filter((i) => !i.only || i.only === lang);
  const usable = strategies.filter((s) => !s.runtimes || s.runtimes.includes(runtime));
  for (const image of images) {
    for (const libc of image.libcPreference) {
      for (const strategy of usable.filter((s) => s.libc === libc)) {
        const lacking = strategy.requires.filter((r) => !image.provides.includes(r));
        if (!lacking.every((r) => installable(image, r))) continue;
        if (libc === 'glibc' && image.glibc && glibcOlder(image.glibc, builderGlibc)) continue;
        return { ok: true, runtime, image, strategy, install: lacking.map((r) => LIBRARIES[r]!.debian) };
      }
    }
  }
  // Refused: explain with the preferred strategy against the most capable image of the target.
  const best = usable[0] ?? strategies[0]!;
  const image = images[images.length - 1] ?? info.images[info.images.length - 1]!;
  const missing = best.requires.filter((r) => !image.provides.includes(r) && !installable(image, r));
  const what = missing.length ? `needs ${missing.join(', ')}` : `needs glibc ${builderGlibc} or newer`;
  return {
    ok: false,
    runtime,
    reason: `the program is ${best.summary}, which ${what}; ${runtime} has ${image.missing}`,
    short: what,
    fix: best.fix ?? 'choose another runtime',
  };
}

/** Every runtime target of the language, placed or refused, in the fixed order of RUNTIMES. */
export function placeAll(
  strategies: Strategy[],
  builderGlibc: string,
  lang: LangId = 'go',
  refusals?: Refusals,
): (Placement | Refusal)[] {
  return runtimesFor(lang).map((r) => place(r, strategies, builderGlibc, lang, refusals));
}
