import type { Scan } from '../../core/scan.js';

/**
 * Whether the program draws or measures text: then Java's font manager needs fontconfig and a
 * font, or it fails at the first string drawn (`Fontconfig head is null`, a NullPointerException
 * in sun.awt.FontConfiguration). From the program's own code, or a library that draws text.
 */
const FONT_CODE =
  /\bjava\.awt\.(?:Font|FontMetrics|font\.\w+)\b|\.(?:drawString|getFontMetrics|deriveFont)\(|\bnew Font\(|\bautoSizeColumn\(/;

/** Libraries that render text with AWT fonts (PDF and report engines, charts, captchas, HTML to PDF). */
const FONT_LIBRARIES =
  /\b(?:pdfbox|jasperreports|jfreechart|kaptcha|easy-captcha|openhtmltopdf[\w-]*|flying-saucer[\w-]*|xchart|barcode4j|barbecue|okapibarcode|thumbnailator)\b/;

export function fontNeed(scan: Scan, sources: string[], buildFiles: string[]): string | undefined {
  for (const f of sources.slice(0, 2000)) {
    const m = FONT_CODE.exec(scan.read(f, 512 * 1024) ?? '');
    if (m) return `${f} draws or measures text (${m[0]})`;
  }
  for (const f of buildFiles.filter((b) => !b.endsWith('/'))) {
    const m = FONT_LIBRARIES.exec(scan.read(f, 512 * 1024) ?? '');
    if (m) return `${f}: ${m[0]} renders text with the JDK's fonts`;
  }
  return undefined;
}
