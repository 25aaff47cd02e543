import type { Generated } from '../index.js';

/** The summary after a run: the chosen runtime, the others that would run it, the refused ones and why. */
export function summary(g: Generated): string {
  const p = g.plan;
  const refused = p.options.filter((o) => !o.ok);
  const lines = [
    `${p.name}: ${p.lang} → ${p.runtime} (${p.final.image}), ${p.linkage}`,
    ...p.options
      .filter((o) => o.ok)
      .sort((a, b) => a.baseMB! - b.baseMB!)
      .map(
        (o) =>
          `  ${o.runtime === p.runtime ? '●' : '○'} ${o.runtime.padEnd(14)} ${String(o.baseMB).padStart(5)} MB base`,
      ),
    ...refused.map((o) => `  ✗ ${o.runtime.padEnd(14)} ${o.reason}`),
  ];
  return lines.join('\n');
}

/** What changed, in the project's own terms: the decisions whose choice shows in an added line of the diff. */
export function driftReasons(g: Generated, diffs: string[]): string[] {
  const added = diffs.flatMap((d) =>
    d
      .split('\n')
      .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
      .map((l) => l.slice(1)),
  );
  const removed = new Set(
    diffs.flatMap((d) =>
      d
        .split('\n')
        .filter((l) => l.startsWith('-') && !l.startsWith('---'))
        .map((l) => l.slice(1)),
    ),
  );
  const out: string[] = [];
  for (const d of g.plan.decisions) {
    const words = d.choice.split(/[\s,;()]+/).filter((w) => w.length > 2);
    const shows = (line: string) => words.some((w) => line.includes(w));
    if (added.some(shows) && ![...removed].some((line) => words.every((w) => line.includes(w))))
      out.push(`${d.topic}: ${d.choice} (${d.because})`);
    if (out.length >= 8) break;
  }
  return out;
}
