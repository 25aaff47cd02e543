import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import { missingSubmodules } from '../shared.js';

/**
 * Warnings about the build itself, also written at the top of the Dockerfile: libraries with no
 * known package, code the build downloads. Missing submodules are warnings only.
 */
export function buildNotes(scan: Scan, buildTexts: string[], unknownLibs: string[], warnings: string[]): string[] {
  const notes: string[] = [];
  if (unknownLibs.length) {
    const names = unknownLibs.map((l) => (l.startsWith('lib') ? l : `lib${l}`)).join(', ');
    notes.push(
      `the build files name ${shown(names, 120)}, which no Debian package provides by that name: if the build needs it, add its -dev package with --add-package build:<package> (the libraries the program links are copied into the final image).`,
    );
    warnings.push(notes[0]!);
  }
  missingSubmodules(scan, buildTexts, warnings);
  const fetches = buildTexts.find((t) =>
    /\b(?:FetchContent_Declare|ExternalProject_Add|FetchContent_MakeAvailable)\b/.test(t),
  );
  if (fetches) {
    notes.push(
      'the CMake build can download code at configure time (FetchContent/ExternalProject), usually when a find_package() fails: a build without network access to that host fails there; install the package in the build stage or vendor it.',
    );
    warnings.push(notes[notes.length - 1]!);
  }
  return notes;
}
