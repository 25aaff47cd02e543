import { isBuilt, type Scan } from '../../core/scan.js';

/** The project's own code: .py files outside tests, docs, scripts and migrations, and no test, setup or task file. */
export function codeFiles(scan: Scan): string[] {
  return scan
    .withExt('.py')
    .filter(
      (f) =>
        isBuilt(f) &&
        !/(?:^|\/)(?:tests?|docs?|scripts?|migrations)\//.test(f) &&
        !/(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest|setup|noxfile|fabfile)\.py$/.test(f),
    );
}
