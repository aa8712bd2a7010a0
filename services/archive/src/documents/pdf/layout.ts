import { PDFDocument, type PDFFont } from 'pdf-lib';
import { documentAssets } from './fonts';
import { PageInk } from './page-ink';
import { applyPdfA, type DocumentInfo } from './pdfa';
import { plainFontkit } from './plain-fontkit';

/** A4 landscape, in points. */
const PAGE = { width: 842, height: 595, margin: 28, footer: 22 };
const LINE = 1.25;
const PAD = 2;
const GREY = 0.45;

export interface Column {
  width: number;
  align?: 'left' | 'center';
}

/** A header cell spanning `span` columns. */
export interface HeaderCell {
  text: string;
  span?: number;
}

export interface Table {
  columns: Column[];
  /** Repeated at the top of every page the table continues on. */
  header: HeaderCell[][];
  rows: string[][];
  fontSize?: number;
  /** At most this many lines per cell; more text is cut with an ellipsis. */
  maxLines?: number;
}

/**
 * Pages of a year-end document: a running title on every page, headings, tables that continue
 * across pages with their header rows repeated, and "page i of n" at the foot of each page.
 */
export class DocumentWriter {
  private ink!: PageInk;
  private readonly encoded = new Map<PDFFont, Map<string, string>>();
  private y = 0;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly runningTitle: string,
  ) {
    this.newPage();
  }

  static async create(runningTitle: string): Promise<DocumentWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(plainFontkit);
    const assets = documentAssets();
    // A subset's name carries a six-letter tag (ISO 32000 § 9.6.4); a fixed one, not pdf-lib's
    // random suffix, so that a record version always prints to the same bytes.
    const regular = await doc.embedFont(assets.regular, {
      subset: true,
      customName: 'EJRNLA+DejaVuSans',
    });
    const bold = await doc.embedFont(assets.bold, {
      subset: true,
      customName: 'EJRNLB+DejaVuSans-Bold',
    });
    return new DocumentWriter(doc, regular, bold, runningTitle);
  }

  get contentWidth(): number {
    return PAGE.width - 2 * PAGE.margin;
  }

  newPage(): void {
    this.ink?.flush();
    this.ink = new PageInk(this.doc, this.doc.addPage([PAGE.width, PAGE.height]), this.encoded);
    this.y = PAGE.height - PAGE.margin;
    const title = this.fit(this.runningTitle, this.regular, 7, this.contentWidth);
    this.ink.show(title, PAGE.margin, this.y - 7, this.regular, 7, GREY);
    this.y -= 16;
  }

  heading(text: string, size = 12): void {
    this.ensure(size * 2.4);
    this.y -= size * 1.2;
    this.ink.show(
      this.fit(text, this.bold, size, this.contentWidth),
      PAGE.margin,
      this.y,
      this.bold,
      size,
    );
    this.y -= size * 0.6;
  }

  /** Label–value lines (the title block of a journal). */
  fields(pairs: [string, string][], size = 10): void {
    for (const [label, value] of pairs) {
      this.ensure(size * LINE + 2);
      this.y -= size * LINE;
      this.ink.show(`${label}:`, PAGE.margin, this.y, this.bold, size);
      const shown = this.fit(value, this.regular, size, this.contentWidth - 160);
      this.ink.show(shown, PAGE.margin + 160, this.y, this.regular, size);
    }
    this.y -= size;
  }

  space(points: number): void {
    this.y -= points;
  }

  table(table: Table): void {
    const size = table.fontSize ?? 7;
    const maxLines = table.maxLines ?? 6;
    const xs = table.columns.reduce<number[]>(
      (acc, column) => [...acc, (acc.at(-1) ?? PAGE.margin) + column.width],
      [PAGE.margin],
    );
    const headerSize = size - 0.5;
    const headerLines = table.header.map((row) => this.headerLayout(row, table, headerSize));
    const headerHeight = headerLines.reduce((sum, row) => sum + row.height, 0);
    const left = xs[0] as number;
    const right = xs.at(-1) as number;
    let top = this.y;
    // Rules, not a rectangle per cell: a row's bottom line, the columns' lines per page.
    const rule = (y: number) => this.ink.line(left, y, right, y);
    const closeSegment = () => {
      for (const x of xs) this.ink.line(x, top, x, this.y);
    };
    const drawHeader = () => {
      top = this.y;
      rule(top);
      for (const row of headerLines) {
        let column = 0;
        for (const cell of row.cells) {
          const x = xs[column] as number;
          const width = (xs[column + cell.span] as number) - x;
          this.cell(cell.lines, x, width, headerSize, this.bold, 'center');
          if (cell.span > 1 || row !== headerLines.at(-1))
            this.ink.line(x, this.y - row.height, x + width, this.y - row.height);
          column += cell.span;
        }
        this.y -= row.height;
      }
      rule(this.y);
    };
    if (this.y - headerHeight - size * LINE * 2 < PAGE.margin + PAGE.footer) this.newPage();
    drawHeader();
    for (const row of table.rows) {
      const lines = row.map((text, i) =>
        this.wrap(text, this.regular, size, (table.columns[i]?.width ?? 0) - 2 * PAD, maxLines),
      );
      const height = Math.max(...lines.map((l) => l.length), 1) * size * LINE + 2 * PAD;
      if (this.y - height < PAGE.margin + PAGE.footer) {
        closeSegment();
        this.newPage();
        drawHeader();
      }
      lines.forEach((cellLines, i) => {
        const column = table.columns[i] as Column;
        this.cell(
          cellLines,
          xs[i] as number,
          column.width,
          size,
          this.regular,
          column.align ?? 'left',
        );
      });
      this.y -= height;
      rule(this.y);
    }
    closeSegment();
    this.y -= 10;
  }

  async finish(info: DocumentInfo): Promise<Uint8Array> {
    this.ink.flush();
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      const label = `Страница ${index + 1} из ${pages.length}`;
      const ink = new PageInk(this.doc, page, this.encoded);
      const x = PAGE.width - PAGE.margin - this.regular.widthOfTextAtSize(label, 7);
      ink.show(label, x, PAGE.margin - 10, this.regular, 7, GREY);
      ink.flush();
    });
    applyPdfA(this.doc, info, documentAssets().icc);
    return this.doc.save({ useObjectStreams: false });
  }

  private headerLayout(row: HeaderCell[], table: Table, size: number) {
    let column = 0;
    const cells = row.map((cell) => {
      const span = cell.span ?? 1;
      const width = table.columns.slice(column, column + span).reduce((sum, c) => sum + c.width, 0);
      column += span;
      return { span, lines: this.wrap(cell.text, this.bold, size, width - 2 * PAD, 3) };
    });
    const height = Math.max(...cells.map((c) => c.lines.length), 1) * size * LINE + 2 * PAD;
    return { cells, height };
  }

  private cell(
    lines: string[],
    x: number,
    width: number,
    size: number,
    font: PDFFont,
    align: 'left' | 'center',
  ): void {
    lines.forEach((line, i) => {
      const offset = align === 'center' ? (width - font.widthOfTextAtSize(line, size)) / 2 : PAD;
      this.ink.show(
        line,
        x + offset,
        this.y - PAD - (i + 1) * size * LINE + size * 0.25,
        font,
        size,
      );
    });
  }

  private ensure(height: number): void {
    if (this.y - height < PAGE.margin + PAGE.footer) this.newPage();
  }

  /** Words onto lines no wider than `width`; a word too long for a line is cut. */
  private wrap(text: string, font: PDFFont, size: number, width: number, maxLines: number) {
    if (text === '') return [];
    if (font.widthOfTextAtSize(text, size) <= width) return [text];
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
      else {
        if (line) lines.push(line);
        line = this.fit(word, font, size, width);
      }
    }
    if (line) lines.push(line);
    if (lines.length <= maxLines) return lines;
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = this.fit(`${kept[maxLines - 1]} …`, font, size, width, true);
    return kept;
  }

  private fit(text: string, font: PDFFont, size: number, width: number, ellipsisAlways = false) {
    if (!ellipsisAlways && font.widthOfTextAtSize(text, size) <= width) return text;
    let cut = text;
    while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width)
      cut = cut.slice(0, -1);
    return `${cut.replace(/\s*…?$/, '')}…`;
  }
}
