import { readFileSync } from 'node:fs';

/**
 * DejaVu Sans (Debian's fonts-dejavu-core, installed by tools/infra): Cyrillic, embedded in
 * every document as a subset. `DOCUMENT_FONTS_DIR` points elsewhere on other systems.
 */
const FONTS_DIR = process.env['DOCUMENT_FONTS_DIR'] ?? '/usr/share/fonts/truetype/dejavu';
/** The sRGB profile of the PDF/A output intent (Debian's colord-data). */
const ICC_PROFILE = process.env['DOCUMENT_ICC_PROFILE'] ?? '/usr/share/color/icc/colord/sRGB.icc';

let cached: { regular: Uint8Array; bold: Uint8Array; icc: Uint8Array } | null = null;

export function documentAssets() {
  cached ??= {
    regular: readFileSync(`${FONTS_DIR}/DejaVuSans.ttf`),
    bold: readFileSync(`${FONTS_DIR}/DejaVuSans-Bold.ttf`),
    icc: readFileSync(ICC_PROFILE),
  };
  return cached;
}
