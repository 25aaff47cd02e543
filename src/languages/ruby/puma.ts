import type { Scan } from '../../core/scan.js';

/** The port config/puma.rb names (port 3000, port ENV.fetch("PORT", 3000), port ENV.fetch("PORT") { 3000 }): read a line at a time. */
export function pumaConfigPort(text: string): number | undefined {
  for (const raw of text.split('\n')) {
    if (raw.length > 1000) continue;
    const m = /^port\s+(?:ENV\.fetch\(\s*["']PORT["']\s*(?:,\s*|\)\s*\{\s*)["']?(\d{2,5})|["']?(\d{2,5}))/.exec(
      raw.trimStart(),
    );
    if (m) return Number(m[1] ?? m[2]) || undefined;
  }
  return undefined;
}

/** config/puma.rb: whether the project has one (puma -C and bin/rails server read it), and the port it names. */
export interface PumaConfig {
  present: boolean;
  port: number | undefined;
}

export function readPumaConfig(scan: Scan): PumaConfig {
  const text = scan.has('config/puma.rb') ? (scan.read('config/puma.rb', 64 * 1024) ?? '') : undefined;
  return { present: text !== undefined, port: text !== undefined ? pumaConfigPort(text) : undefined };
}
