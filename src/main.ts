/**
 * The package's entry point: the programmatic API and the CLI's main() for bin/. The Docker
 * helpers behind --build/--run/--compare are a second entry, create-slim-dockerfile/docker, so
 * that the CLI loads them only when asked to build.
 */
export * from './index.js';
export { main } from './cli/index.js';
