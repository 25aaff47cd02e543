import type { Refusals, RuntimeId, Strategy } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';

const DATA = LANGUAGE_DATA.java;

/** Ways to run: the jar on a JRE image, or on a runtime cut by jlink (which JDK 8 lacks). */
export function javaStrategies(v: number, fonts = false): Strategy[] {
  // Fonts: the JRE and distroless images have fontconfig and DejaVu, slim installs them, and a
  // jlink runtime on busybox gets them copied from the runtime stage with its libraries.
  const withFonts = (requires: string[]) => (fonts ? [...requires, 'fonts'] : requires);
  const jar: Strategy = {
    id: 'java-jre',
    libc: 'glibc',
    requires: withFonts([`java${v}`]),
    runtimes: ['jre', 'distroless'],
    summary: `a jar run by the image's Java ${v} runtime`,
    fix: 'choose jre, or a jlink runtime (busybox-glibc, slim)',
  };
  const jlinkWords = `a jar on a Java ${v} runtime made by jlink with only the modules it uses`;
  const jlink: Strategy = {
    id: 'java-jlink',
    libc: 'glibc',
    requires: withFonts(['glibc', 'libz', 'libstdc++', 'libgcc_s']),
    runtimes: ['slim'],
    summary: jlinkWords,
  };
  const jlinkLibs: Strategy = {
    id: 'java-jlink-libs',
    libc: 'glibc',
    requires: ['glibc'],
    runtimes: ['busybox-glibc'],
    summary: `${jlinkWords}, and the libraries it loads (libz, libstdc++, libgcc_s${fonts ? ', fontconfig and its fonts' : ''}) copied from the build stage`,
  };
  const jlinkMusl: Strategy = {
    id: 'java-jlink-musl',
    libc: 'musl',
    requires: withFonts(['musl']),
    runtimes: ['alpine'],
    summary: `a jar on a Java ${v} runtime made by jlink from Temurin's Alpine (musl) JDK`,
  };
  return v < 11 ? [jar] : [jar, jlinkLibs, jlink, jlinkMusl];
}

/** Runtimes a JVM cannot use: scratch always, the jlink ones before Java 11, distroless for a release it has no image of. */
export function javaRefusals(v: number): Refusals {
  const refusals: Refusals = {
    scratch: {
      reason:
        'a Java runtime is a dynamically linked program: the JVM needs a C library and its loader, and scratch has neither',
      short: 'needs a C library',
      fix: 'choose busybox-glibc (the smallest image a jlink runtime runs on)',
    },
  };
  if (v < 11) {
    const why = `JDK ${v} has no jlink (it came with Java 9), so there is no runtime cut to the app's modules`;
    for (const r of ['busybox-glibc', 'slim', 'alpine'] as RuntimeId[])
      refusals[r] = {
        reason: why,
        short: 'needs Java 11+',
        fix: `choose jre, or move the project to Java 11 or newer`,
      };
  }
  if (!DATA.distroless!.includes(String(v)))
    refusals.distroless = {
      reason: `distroless has Java images for ${DATA.distroless!.join(' and ')} only (gcr.io/distroless/javaNN-debian12), not for ${v}`,
      short: `no Java ${v} image`,
      fix: 'choose jre, or a jlink runtime (busybox-glibc, slim)',
    };
  return refusals;
}
