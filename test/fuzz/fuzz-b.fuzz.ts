import { fuzzLanguages } from './run.js';

/** The JVM, Python and Node.js readers, fuzzed (the others are in fuzz-a, on the other core). */
fuzzLanguages(['java', 'python', 'node']);
