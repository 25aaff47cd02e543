// Runs generate() from the built bundle inside a worker thread, so that a test can stop a run that
// never ends (a busy regular expression blocks the thread that runs it, not the one that waits).
import { parentPort } from 'node:worker_threads';

const { generate, isUserError } = await import(new URL('../dist/main.js', import.meta.url).href);

parentPort.on('message', async ({ id, dir, options, repeat }) => {
  const times = [];
  let outcome = 'generated';
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    try {
      await generate(dir, { ...options });
    } catch (e) {
      if (!isUserError(e)) {
        parentPort.postMessage({ id, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) });
        return;
      }
      outcome = `refused (${e.code})`;
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  parentPort.postMessage({ id, ms: Math.min(...times), outcome });
});
parentPort.postMessage({ ready: true });
