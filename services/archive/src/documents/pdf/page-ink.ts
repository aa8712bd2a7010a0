import { deflateSync } from 'node:zlib';
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';

/**
 * One page's drawing written as its content stream in one piece (rules, then text), deflated
 * by zlib: a journal has thousands of cells, and pdf-lib's `drawText`/`drawLine` per cell,
 * each a handful of operator objects, cost more than the document itself. Text is shown with
 * the page's fonts by resource name; a string's glyph encoding is remembered per document.
 */
export class PageInk {
  private readonly text: string[] = [];
  private readonly lines: string[] = [];
  private readonly fontNames = new Map<PDFFont, string>();
  private current: { font: PDFFont; size: number; gray: number } | null = null;

  constructor(
    private readonly doc: PDFDocument,
    private readonly page: PDFPage,
    private readonly encoded: Map<PDFFont, Map<string, string>>,
  ) {}

  show(text: string, x: number, y: number, font: PDFFont, size: number, gray = 0): void {
    if (this.current?.font !== font || this.current.size !== size)
      this.text.push(`${this.nameOf(font)} ${n(size)} Tf`);
    if (this.current?.gray !== gray) this.text.push(`${n(gray)} g`);
    this.current = { font, size, gray };
    this.text.push(`1 0 0 1 ${n(x)} ${n(y)} Tm ${this.encode(font, text)} Tj`);
  }

  line(x1: number, y1: number, x2: number, y2: number): void {
    this.lines.push(`${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l`);
  }

  flush(): void {
    const content = [
      'q',
      ...(this.lines.length > 0 ? ['0.4 w 0.45 G', ...this.lines, 'S'] : []),
      ...(this.text.length > 0 ? ['BT', ...this.text, 'ET'] : []),
      'Q',
      '',
    ].join('\n');
    const stream = this.doc.context.stream(
      deflateSync(Buffer.from(content, 'latin1'), { level: 1 }),
      {
        Filter: 'FlateDecode',
      },
    );
    this.page.node.addContentStream(this.doc.context.register(stream));
  }

  private nameOf(font: PDFFont): string {
    let name = this.fontNames.get(font);
    if (!name) {
      name = this.page.node.newFontDictionary(font.name, font.ref).toString();
      this.fontNames.set(font, name);
    }
    return name;
  }

  private encode(font: PDFFont, text: string): string {
    let strings = this.encoded.get(font);
    if (!strings) this.encoded.set(font, (strings = new Map()));
    let hex = strings.get(text);
    if (hex === undefined) strings.set(text, (hex = font.encodeText(text).toString()));
    return hex;
  }
}

/** A coordinate as the content stream writes it: two decimals at most. */
const n = (value: number) => String(Math.round(value * 100) / 100);
