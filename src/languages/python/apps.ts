import type { Scan } from '../../core/scan.js';

/** A web framework whose app object gunicorn or uvicorn serves. */
export type Framework = 'flask' | 'fastapi' | 'starlette';

/** A web app a source defines: the file, the object's name (`create_app()` for a factory) and its framework. */
export interface AppObject {
  file: string;
  name: string;
  framework: Framework;
}

/** A module path from a file (src/pkg/app.py -> pkg.app, app.py -> app). */
export function moduleOf(file: string): string {
  return file
    .replace(/^src\//, '')
    .replace(/\.py$/, '')
    .replace(/\/__init__$/, '')
    .split('/')
    .join('.');
}

/** A line that defines an application factory: def create_app(...) (-> T):, at the top level. */
const FACTORY_DEF =
  /^def[ \t]+(create_app|make_app|app_factory)[ \t]*\([^)]{0,200}\)[ \t]*(?:->[ \t]*[\w.]{1,60}[ \t]*)?:/;
/** An indented line that makes the app inside a factory: `    app = Flask(__name__)`. */
const FACTORY_APP = /^[ \t]+\w{1,60}[ \t]*=[ \t]*(Flask|FastAPI|Starlette)[ \t]*\(/;

/**
 * An application factory in a source (Flask's create_app pattern): the def, then within its
 * body (indented or blank lines, at most 80) a line that makes the app. Read a line at a time.
 */
function factoryIn(src: string): { name: string; framework: string } | undefined {
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const def = lines[i]!.length <= 400 ? FACTORY_DEF.exec(lines[i]!) : null;
    if (!def) continue;
    for (let j = i + 1; j < lines.length && j <= i + 80; j++) {
      const line = lines[j]!.replace(/\r$/, '');
      if (!/^[ \t]/.test(line) && line !== '') break;
      if (line.length > 301) break;
      const app = FACTORY_APP.exec(line);
      if (app) return { name: def[1]!, framework: app[1]! };
    }
  }
  return undefined;
}

/** The web app object a file defines (`app = Flask(__name__)`, `api = FastAPI()`), by framework. */
export function appObjects(scan: Scan, files: string[]): AppObject[] {
  const out: AppObject[] = [];
  for (const f of files) {
    const src = scan.read(f) ?? '';
    const m = /^([A-Za-z_]\w{0,60})\s*=\s*(Flask|FastAPI|Starlette)\s*\(/m.exec(src);
    if (m) {
      out.push({ file: f, name: m[1]!, framework: m[2]!.toLowerCase() as Framework });
      continue;
    }
    // An application factory (Flask's create_app pattern): gunicorn and uvicorn call it.
    const factory = src.includes('def ') ? factoryIn(src) : undefined;
    if (factory)
      out.push({ file: f, name: `${factory.name}()`, framework: factory.framework.toLowerCase() as Framework });
  }
  return out;
}
