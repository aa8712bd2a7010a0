import fontkit from '@pdf-lib/fontkit';

type Font = ReturnType<typeof fontkit.create>;
type Layout = ReturnType<Font['layout']>;

const parsed = new WeakMap<Uint8Array, Font>();

/**
 * fontkit for pdf-lib with two shortcuts that make a year of marks print in well under a
 * second: a font file is parsed once per process (documents share the bytes), and text is laid
 * out by the character map alone, without OpenType shaping. Cyrillic and Latin need no
 * shaping; what is lost is kerning, which a table of marks does not miss. Each layout is
 * remembered per string, since a journal prints the same marks and dates thousands of times.
 */
export const plainFontkit = {
  create(data: Uint8Array, postscriptName?: string): Font {
    let font = parsed.get(data);
    if (!font) {
      font = withPlainLayout(fontkit.create(data, postscriptName));
      parsed.set(data, font);
    }
    return font;
  },
} as unknown as typeof fontkit;

function withPlainLayout(font: Font): Font {
  const layouts = new Map<string, Layout>();
  const layout = (text: string): Layout => {
    let cached = layouts.get(text);
    if (!cached) {
      const glyphs = [...text].map((character) => {
        const codePoint = character.codePointAt(0) as number;
        const glyph = font.glyphForCodePoint(codePoint);
        // The font is shared: a glyph first met without its code point (a subset's component,
        // say) would leave it out of every later document's ToUnicode map, and out of its text.
        if (glyph.codePoints.length === 0) glyph.codePoints.push(codePoint);
        return glyph;
      });
      cached = {
        glyphs,
        positions: glyphs.map((glyph) => ({
          xAdvance: glyph.advanceWidth,
          yAdvance: 0,
          xOffset: 0,
          yOffset: 0,
        })),
      } as unknown as Layout;
      if (layouts.size < 50_000) layouts.set(text, cached);
    }
    return cached;
  };
  // Shadows the prototype's shaping layout on this one instance, which only we hold.
  Object.assign(font, { layout });
  return font;
}
