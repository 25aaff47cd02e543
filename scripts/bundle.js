// Bundles the package (src/main.ts and every dependency) into dist/main.js and a few lazily loaded
// chunks, so that
// `npx create-slim-dockerfile` fetches one small package instead of ~70 dependencies. Templates and
// data stay files beside dist/ (found from import.meta.url). Type declarations come from tsc.
// The license texts of the bundled packages go to dist/THIRD_PARTY_LICENSES.txt.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const result = await build({
  // The package, and its Docker helpers as a second entry (create-slim-dockerfile/docker).
  entryPoints: ['src/main.ts', 'src/docker.ts'],
  outdir: 'dist',
  // The prompts and the Docker helpers stay in chunks of their own, loaded only when used.
  splitting: true,
  // Chunks sit in dist/ itself: data/ and templates/ are found one folder up from every file.
  chunkNames: '[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minify: true,
  legalComments: 'none',
  metafile: true,
  // CommonJS dependencies (handlebars, fs-extra) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __csdRequire } from 'node:module'; const require = __csdRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
  if (m && !packages.has(m[2])) packages.set(m[2], m[1]);
}
const sections = [...packages]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, dir]) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)([.-]|$)/i.test(f));
    if (file)
      return `${name}@${pkg.version} (${pkg.license ?? 'see below'})\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
    // A package that ships no license text: its declared license and author, as its package.json gives them.
    if (!pkg.license)
      throw new Error(`${name}: neither a license file nor a license field to include in the bundle's notices`);
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
    return `${name}@${pkg.version} (${pkg.license})\n\nThe package ships no license file; its package.json declares the ${pkg.license} license${author ? `, by ${author}` : ''}.\n`;
  });
writeFileSync(
  'dist/THIRD_PARTY_LICENSES.txt',
  `dist/main.js bundles these packages; their licenses follow.\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`,
);
if (!existsSync('dist/main.js')) throw new Error('bundle not written');
