#!/usr/bin/env node
// Writes data/debian-dev.json: which Debian -dev package holds each pkg-config module, each
// linkable library (lib<name>.so) and each CMake package configuration, read from Debian's
// Contents index of the release the C builder image is made from (bookworm, main, amd64).
//
//   node scripts/debian-dev.mjs <Contents-amd64.gz> [release]
//
// The index is Debian's own file list (dists/<release>/main/Contents-amd64.gz on any mirror);
// this script never downloads it, so no mirror's address lives in the project.
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';

const [file, release = 'bookworm'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/debian-dev.mjs <Contents-amd64.gz> [release]');
  process.exit(2);
}

const ARCH_LIB = 'usr/lib/x86_64-linux-gnu/';
const pc = {};
const so = {};
const cmake = {};
const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()) });
for await (const line of lines) {
  const cut = line.lastIndexOf(' ');
  if (cut < 0) continue;
  const path = line.slice(0, cut).trim();
  // Only -dev packages: a library's run-time package is what its -dev package depends on.
  const pkg = line
    .slice(cut + 1)
    .split(',')
    .map((p) => p.slice(p.lastIndexOf('/') + 1))
    .find((p) => p.endsWith('-dev'));
  if (!pkg) continue;
  let m;
  if ((m = /^(?:usr\/lib\/x86_64-linux-gnu|usr\/share|usr\/lib)\/pkgconfig\/([^/]+)\.pc$/.exec(path))) pc[m[1]] ??= pkg;
  else if (path.startsWith(ARCH_LIB) && (m = /^lib([^/]+)\.so$/.exec(path.slice(ARCH_LIB.length)))) so[m[1]] ??= pkg;
  else if (
    (m = /^(?:usr\/lib\/x86_64-linux-gnu|usr\/share|usr\/lib)\/cmake\/[^/]+\/([^/]+?)-?[Cc]onfig\.cmake$/.exec(path))
  )
    cmake[m[1]] ??= pkg;
}
const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
const out = {
  $comment: `Debian ${release} (main, amd64): the -dev package of each pkg-config module (pc), linkable library lib<name>.so (so) and CMake package configuration <Name>Config.cmake (cmake), from Debian's Contents index; written by scripts/debian-dev.mjs, never by hand. The C builder installs the package a build file's name maps to when data/libraries.json does not know the library.`,
  release,
  pc: sorted(pc),
  so: sorted(so),
  cmake: sorted(cmake),
};
fs.writeFileSync(new URL('../data/debian-dev.json', import.meta.url), `${JSON.stringify(out)}\n`);
console.log(
  `data/debian-dev.json: ${Object.keys(pc).length} pkg-config modules, ${Object.keys(so).length} libraries, ${Object.keys(cmake).length} CMake packages`,
);
