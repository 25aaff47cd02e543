import { DockerfileParser } from 'dockerfile-ast';
import type { Scan } from '../core/scan.js';

/** How much of the project's own Dockerfile is read. */
const DOCKERFILE_BYTES = 64 * 1024;

/**
 * The tag the project's own Dockerfile gives an official image (FROM node:20-alpine, FROM
 * python:3.12-slim AS build), with `${VAR}` and `$VAR` taken from the ARG defaults written before
 * that FROM: the version the project is deployed with. The first FROM of that image wins; a tag
 * that still holds a variable, a digest only, or no Dockerfile give nothing.
 */
export function ownImageTag(scan: Scan, image: string): string | undefined {
  const text = scan.manifest('Dockerfile', DOCKERFILE_BYTES);
  if (!text) return undefined;
  const args = new Map<string, string>();
  const names = new Set([image, `library/${image}`, `docker.io/library/${image}`, `docker.io/${image}`]);
  for (const i of DockerfileParser.parse(text).getInstructions()) {
    const keyword = i.getKeyword();
    if (keyword === 'ARG') {
      const p = (
        i as unknown as { getProperty(): { getName(): string; getValue(): string | null } | null }
      ).getProperty();
      const value = p?.getValue();
      if (p && value && /^[\w.-]{1,40}$/.test(value)) args.set(p.getName(), value);
    } else if (keyword === 'FROM') {
      const from = i as unknown as { getImageName(): string | null; getImageTag(): string | null };
      const name = from.getImageName();
      const tag = from.getImageTag();
      if (!name || !tag || !names.has(name)) continue;
      const value = tag.replace(
        /\$\{(\w{1,60})\}|\$(\w{1,60})/g,
        (_, a?: string, b?: string) => args.get((a ?? b)!) ?? '$',
      );
      if (/^[\w.-]{1,60}$/.test(value)) return value;
    }
  }
  return undefined;
}
