import { expect } from '@jest/globals';
import { DockerfileParser, type Copy, type Instruction } from 'dockerfile-ast';
import type { Plan } from '../src/plan/index.js';

/**
 * Structural checks on a generated Dockerfile, parsed with dockerfile-ast: two stages, the
 * first named, every COPY --from names an earlier stage, the final FROM is the chosen image,
 * a non-root USER, exec-form ENTRYPOINT, no syntax directive unless asked.
 */
export function assertShape(text: string, plan: Plan): void {
  const df = DockerfileParser.parse(text);
  const instructions = df.getInstructions();
  const froms = df.getFROMs();
  expect(froms.length).toBeGreaterThanOrEqual(2);
  const stages: string[] = [];
  let stage = -1;
  const finalStage: Instruction[] = [];
  for (const i of instructions) {
    const kw = i.getKeyword();
    if (kw === 'FROM') {
      stage++;
      const name = (i as unknown as { getBuildStage(): string | null }).getBuildStage();
      if (stage < froms.length - 1) expect(name).toBeTruthy();
      stages.push(name ?? String(stage));
      continue;
    }
    if (stage === froms.length - 1) finalStage.push(i);
    if (kw === 'COPY') {
      const from = (i as Copy).getFromFlag()?.getValue();
      // An earlier stage, or an image pinned by tag (uv's documented COPY --from=ghcr.io/astral-sh/uv:<version>).
      if (from !== undefined && from !== null && !/^[\w.-]+(?:\/[\w.-]+)+:[\w.-]+$/.test(from))
        expect(stages.slice(0, -1)).toContain(from);
    }
  }
  expect(froms[froms.length - 1]!.getImage()).toBe(plan.final.image);
  const users = finalStage
    .filter((i) => i.getKeyword() === 'USER')
    .map((i) =>
      i
        .getArguments()
        .map((a) => a.getValue())
        .join(' '),
    );
  expect(users).toHaveLength(1);
  expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
  const entry = finalStage.filter((i) => i.getKeyword() === 'ENTRYPOINT');
  expect(entry).toHaveLength(1);
  const raw = entry[0]!.getRawArgumentsContent() ?? '';
  expect(JSON.parse(raw)).toEqual(plan.final.entrypoint);
  expect(
    finalStage.some((i) => i.getKeyword() === 'CMD' && !(i.getRawArgumentsContent() ?? '').trim().startsWith('[')),
  ).toBe(false);
  expect(text.startsWith('# syntax=')).toBe(plan.syntax);
  // Every ARG used in a FROM is declared before the first FROM.
  const declared = instructions
    .slice(0, instructions.indexOf(froms[0]!))
    .filter((i) => i.getKeyword() === 'ARG')
    .map((i) => i.getArguments()[0]!.getValue().split('=')[0]);
  for (const f of froms) for (const m of f.getImage()?.matchAll(/\$\{(\w+)\}/g) ?? []) expect(declared).toContain(m[1]);
}
