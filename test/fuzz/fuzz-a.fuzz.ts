import { fuzzLanguages } from './run.js';

/** Half the languages' readers, fuzzed (the other half, about as long to run, in fuzz-b on the other core). */
fuzzLanguages(['go', 'c', 'cpp', 'rust', 'ruby']);
