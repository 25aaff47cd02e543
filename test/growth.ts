import { afterAll, describe, expect, test } from '@jest/globals';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { project } from './helpers.js';

/**
 * Growth probes: a project made from a size n, run at n, 10n and 100n. A reader that is linear in
 * its input takes about 10 and 100 times as long (plus the fixed cost of a run); one that
 * backtracks or walks in circles takes far longer, or never ends. Each probe fails when the time
 * grows faster than the input (with room for noise), when one run takes longer than the hard
 * limit, or when the run crashes instead of generating or refusing with a typed error.
 *
 * The runs happen in a worker thread over the built bundle (npm test builds first), so that a
 * run that never ends is stopped by terminating the worker: a busy regular expression cannot be
 * interrupted from inside its own thread.
 */
export interface Probe {
  /** What the probe grows ("def create_app(): then n blank lines"). */
  name: string;
  /** The project's files for size n. */
  make: (n: number) => Record<string, string>;
  /** The base size (default 100); the probe also runs at 10 and 100 times it. */
  base?: number;
  /** Options for generate() (a language, an entry). */
  options?: Record<string, unknown>;
}

/** Times may grow this many times faster than the input before a probe fails. */
const SLACK = 5;
/** Milliseconds of noise allowed on top, whatever the sizes. */
const FLOOR_MS = 60;
/** No run of any size may take longer than this. */
export const HARD_LIMIT_MS = 2000;

const WORKER = fileURLToPath(new URL('./growth-worker.mjs', import.meta.url));

class Runner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private next = 0;

  private start(): Promise<void> {
    if (!existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url)))) {
      throw new Error('dist/main.js is missing: run npm run build first (npm test does)');
    }
    this.worker = new Worker(WORKER);
    this.ready = new Promise((resolve, reject) => {
      this.worker!.once('message', () => resolve());
      this.worker!.once('error', reject);
    });
    return this.ready;
  }

  /** The fastest of `repeat` runs, in ms; rejects on a crash or when a run passes `limit`. */
  async time(
    dir: string,
    options: Record<string, unknown>,
    repeat: number,
    limit: number,
  ): Promise<{ ms: number; outcome: string }> {
    if (!this.worker) await this.start();
    else await this.ready;
    const id = this.next++;
    const worker = this.worker!;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          worker.removeListener('message', onMessage);
          void worker.terminate();
          this.worker = undefined;
          reject(new Error(`still running after ${limit * repeat} ms: stopped`));
        },
        limit * repeat + 1000,
      );
      const onMessage = (m: { id?: number; ms?: number; outcome?: string; crash?: string }) => {
        if (m.id !== id) return;
        clearTimeout(timer);
        worker.removeListener('message', onMessage);
        if (m.crash) reject(new Error(`crashed (not a typed refusal):\n${m.crash}`));
        else resolve({ ms: m.ms!, outcome: m.outcome! });
      };
      worker.on('message', onMessage);
      worker.postMessage({ id, dir, options, repeat });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

/** Jest tests for a list of probes: one test a probe. */
export function growthProbes(title: string, probes: Probe[]): void {
  describe(title, () => {
    const runner = new Runner();
    const dirs: string[] = [];
    afterAll(async () => {
      await runner.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
    test.each(probes.map((p) => [p.name, p] as const))(
      '%s',
      async (_name, probe) => {
        const base = probe.base ?? 100;
        const options = probe.options ?? {};
        const at = async (n: number) => {
          const dir = project(probe.make(n));
          dirs.push(dir);
          return runner.time(dir, options, 3, HARD_LIMIT_MS).catch((e: Error) => {
            throw new Error(`size ${n}: ${e.message}`);
          });
        };
        // The fixed cost of a run, from the smallest project the probe makes.
        const fixed = (await at(0)).ms;
        const [t1, t10, t100] = [await at(base), await at(base * 10), await at(base * 100)];
        const net = (t: { ms: number }) => Math.max(0, t.ms - fixed);
        const report = `n=${base}: ${t1.ms.toFixed(1)} ms, 10n: ${t10.ms.toFixed(1)} ms, 100n: ${t100.ms.toFixed(1)} ms (fixed ${fixed.toFixed(1)} ms; ${t100.outcome})`;
        const unit = Math.max(net(t1), 1);
        expect({ report, ok: t100.ms <= HARD_LIMIT_MS }).toEqual({ report, ok: true });
        expect({ report, ok: net(t10) <= 10 * SLACK * unit + FLOOR_MS }).toEqual({ report, ok: true });
        expect({ report, ok: net(t100) <= 100 * SLACK * unit + FLOOR_MS }).toEqual({ report, ok: true });
      },
      120_000,
    );
  });
}
