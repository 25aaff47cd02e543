/** "17", "1.8", "17.0.2", "JavaVersion.VERSION_17", "VERSION_1_8", "temurin-17.0.9+9", "17.0.9-tem" -> the feature release (8, 17). */
export function javaFeature(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const s = v
    .trim()
    .replace(/^(?:JavaVersion\.)?VERSION_/, '')
    .replace(/_/g, '.')
    .replace(/^[a-z][a-z-]*?-(?=\d)/i, '');
  const m = /^(?:1\.([5-8])|([1-9]\d?))(?:[.+-][\w.+-]{0,40})?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1] ?? m[2]);
  return n >= 5 && n <= 40 ? n : undefined;
}
