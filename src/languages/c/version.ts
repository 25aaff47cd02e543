import { UserError } from '../../core/errors.js';
import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import { versionFromToolVersions } from '../shared.js';

const DATA = LANGUAGE_DATA.c;

/** C++ standards as build files spell them: 2a, 2b and 2c are 20, 23 and 26. */
const STD_ALIASES: Record<string, number> = { '1y': 14, '1z': 17, '2a': 20, '2b': 23, '2c': 26 };

/**
 * The newest C++ standard the build files ask for: CMAKE_CXX_STANDARD, cxx_std_NN,
 * -std=c++NN / gnu++NN, Meson's cpp_std, AX_CXX_COMPILE_STDCXX.
 */
export function cxxStandard(files: { f: string; text: string }[]): Fact<number> | undefined {
  let best: Fact<number> | undefined;
  const see = (v: number, source: string) => {
    if (v >= 11 && v <= 40 && (!best || v > best.value)) best = { value: v, source };
  };
  for (const { f, text } of files) {
    for (const m of text.matchAll(/\bCMAKE_CXX_STANDARD[ \t"]+(\d{2})\b/g))
      see(Number(m[1]), `CMAKE_CXX_STANDARD ${m[1]} in ${f}`);
    for (const m of text.matchAll(/\bcxx_std_(\d{2})\b/g)) see(Number(m[1]), `cxx_std_${m[1]} in ${f}`);
    for (const m of text.matchAll(/(?:-std=|cpp_std=)(?:c|gnu)\+\+(\d{2}|[12][a-z])\b/g))
      see(Object.hasOwn(STD_ALIASES, m[1]!) ? STD_ALIASES[m[1]!]! : Number(m[1]), `${m[0]} in ${f}`);
    for (const m of text.matchAll(/\bAX_CXX_COMPILE_STDCXX(?:_\d\d)?\(\[?(\d{2})/g))
      see(Number(m[1]), `${m[0]} in ${f}`);
  }
  return best;
}

/**
 * The gcc release: --lang-version, .tool-versions, the one a C++ standard of the build files
 * needs when the default is too old, else the default.
 */
export function gccVersion(scan: Scan, buildFiles: string[], cxx: boolean, langVersion?: string): Fact<string> {
  const toolVersion = versionFromToolVersions(scan, ['gcc']);
  const std = cxx ? cxxStandard(buildFiles.map((f) => ({ f, text: scan.read(f) ?? '' }))) : undefined;
  const forStd = std ? DATA.gccForCxx?.[String(std.value)] : undefined;
  if (langVersion !== undefined)
    return { value: checkGccVersion(langVersion, '--lang-version'), source: '--lang-version' };
  if (toolVersion !== undefined)
    return { value: checkGccVersion(toolVersion, '.tool-versions'), source: '.tool-versions' };
  if (forStd && Number(forStd) > Number(DATA.defaultVersion))
    return { value: forStd, source: `C++${std!.value} (${std!.source}) needs gcc ${forStd} or newer` };
  return {
    value: DATA.defaultVersion,
    source: `default (gcc image, Debian bookworm)${std ? `; enough for C++${std.value} (${std.source})` : ''}`,
  };
}

/** A gcc release: major 4 to 99, no leading zeros, at most two more parts ("12", "12.2", "12.2.0"). */
function checkGccVersion(v: string, source: string): string {
  const m = /^([4-9]|[1-9]\d)(?:\.(?:0|[1-9]\d?)){0,2}$/.exec(v.trim());
  if (!m)
    throw new UserError(
      'E_BAD_FLAG',
      `${source} gives "${shown(v, 24)}", which is not a gcc version.`,
      'Use a gcc major version like 12 or 14.',
    );
  return m[1]!;
}
