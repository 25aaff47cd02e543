/** PEP 503: the name pip and PyPI compare (Flask_SQLAlchemy -> flask-sqlalchemy). */
export const normalizeName = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/** The distribution name at the start of a PEP 508 requirement ("Django>=4.2; python_version>'3'" -> django). */
export function requirementName(req: string): string | undefined {
  const m = /^\s*([a-z\d](?:[\w.-]{0,100}[a-z\d])?)\s*(?:\[[^\]]{0,200}\])?/i.exec(req);
  return m ? normalizeName(m[1]!) : undefined;
}
